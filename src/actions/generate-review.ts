/**
 * Generate review (task pane "Review" page, ribbon "Review", `salesplan review`, `salesplan
 * demo`): reads the plan tables once, builds the review of a period (core/review), finds the
 * period's existing review sheet by its canonical label however the period was typed
 * (`2026年第三季度` and `2026-Q3` are one sheet, `Review 2026-Q3` or `复盘 2026-Q3`), reads what
 * people wrote in its Commentary and Adjustment columns, and writes the new sheet in place
 * (mode `replace`: the sheet is never deleted, so references to it keep working) with that
 * text carried over by Goal ID; the sheet is then activated.
 *
 * Port calls, whatever the size of the plan: readPlanTablesAndSheets, readSheet (only when
 * the period already has a sheet), applySheetSpecs (the sheet and the selection of A1). On
 * Office.js each is a fixed few syncs plus one per ~4 MB of data (the port splits big reads
 * and writes).
 */
import { serialFromJsDate, todaySerial } from "../core/dates";
import { isError, type Msg } from "../core/errors";
import { buildReview } from "../core/review/engine";
import type { Review } from "../core/review/types";
import {
  type CarriedText, type PreviousCommentary, carryCommentary, readPreviousCommentary, reviewSheetName, reviewSheetSpec, reviewTableName,
} from "../core/sheets/review";
import type { Lang } from "../i18n";
import type { WorkbookPort } from "../ports/types";

/** Progress callback: a fraction 0…1 (null: unknown) and a message key of the step (catalog pane.ts). */
export type ReviewProgress = (fraction: number | null, step?: string) => void;

export interface GenerateReviewOptions {
  /** The period in the grammar of review.md, English or Chinese (`2026-Q3`, `2026年第三季度`, `FY2026`, `YTD` …). */
  period: string;
  /** As-of date (serial; time of day ignored); default today (the machine's local date). */
  asOf?: number;
  /** Language of the sheet; default the plan's Language setting. */
  lang?: Lang;
  /** "Now" (serial with time of day) for the sheet's "Generated at"; default the clock. */
  now?: number;
  onProgress?: ReviewProgress;
  /**
   * Commentary kept somewhere else that must not be lost (the CLI passes what an existing output
   * file's review sheet holds). It comes first; the workbook's own sheet adds goals it lacks.
   */
  carryFrom?: PreviousCommentary;
}

export type GenerateReviewResult =
  | {
      ok: true;
      /** The review sheet's name (activated). */
      sheet: string;
      /** Canonical period label (`2026-Q3`). */
      label: string;
      /** Goals in the review. */
      goals: number;
      offTrack: number;
      atRisk: number;
      /** True when the period already had a review sheet, rewritten in place. */
      regenerated: boolean;
      /** Goals of the review whose Commentary or Adjustment was carried over. */
      carried: number;
      review: Review;
    }
  | { ok: false; error: Msg };

/** Sheet-name comparison as Excel makes it (ignoring case). */
const sameName = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();

/** Goal IDs compare trimmed and ignoring case (as carryCommentary does). */
const idKey = (id: string) => id.trim().toLowerCase();

/**
 * The period's existing review sheet among `sheets`: the one named in the review's language
 * first, else the other language's name (a Chinese period typed into an English workbook finds
 * `Review 2026-Q3`). Null when there is none.
 */
export function findReviewSheet(sheets: readonly string[], label: string, lang: Lang): string | null {
  const other: Lang = lang === "en" ? "zh-CN" : "en";
  for (const l of [lang, other]) {
    const want = reviewSheetName(label, l);
    const hit = sheets.find((s) => sameName(s, want));
    if (hit !== undefined) return hit;
  }
  return null;
}

/** Two readings of commentary as one: `first` wins for a goal both have; removed goals of both are kept. */
export function mergeCommentary(first: PreviousCommentary | undefined, second: PreviousCommentary | undefined): PreviousCommentary | undefined {
  if (!first) return second;
  if (!second) return first;
  const commentary = new Map<string, CarriedText>(first.commentary);
  const have = new Set([...first.commentary.keys()].map(idKey));
  for (const [id, text] of second.commentary) {
    if (have.has(idKey(id))) continue;
    have.add(idKey(id));
    commentary.set(id, text);
  }
  return { commentary, removed: [...first.removed, ...second.removed] };
}

/** Generates (or regenerates in place) the review sheet of `opts.period` in the workbook behind `port`. */
export async function generateReview(port: WorkbookPort, opts: GenerateReviewOptions): Promise<GenerateReviewResult> {
  const progress = opts.onProgress ?? (() => undefined);
  progress(0.05, "pane.review.step.read");
  const { tables, sheets } = await port.readPlanTablesAndSheets();
  if (!tables.PlanTargets) return { ok: false, error: { key: "review.err.noTargets" } };
  progress(0.35, "pane.review.step.compute");
  const review = buildReview(tables, { period: opts.period, asOf: opts.asOf ?? todaySerial(), lang: opts.lang });
  if (isError(review)) return { ok: false, error: review.msg ?? { key: "reviewCli.failed", params: { error: review.code } } };
  const label = review.period.label;
  const lang = review.lang;

  const existing = findReviewSheet(sheets.map((s) => s.name), label, lang);
  let own: PreviousCommentary | undefined;
  let tableName: string | undefined;
  if (existing !== null) {
    progress(0.55, "pane.review.step.previous");
    const contents = await port.readSheet(existing);
    own = readPreviousCommentary(contents);
    // Keep the goal table's name, so formulas elsewhere that name it keep working.
    const names = [reviewTableName(label, "en"), reviewTableName(label, "zh-CN")];
    tableName = contents.tables.find((t) => names.some((n) => sameName(n, t)));
  }
  const previous = mergeCommentary(opts.carryFrom, own);

  progress(0.7, "pane.review.step.write");
  const spec = reviewSheetSpec(review, {
    lang,
    previous,
    generatedAt: opts.now ?? serialFromJsDate(new Date()),
    sheetName: existing ?? undefined,
    tableName,
  });
  await port.applySheetSpecs([spec], { activate: spec.name, select: { sheet: spec.name, address: "A1" } });
  progress(1);

  // The same carrying-over the sheet did: goals that got back what was written about them.
  const carried = previous ? carryCommentary(review.goals, previous).perGoal.filter((c) => c !== null).length : 0;
  return {
    ok: true,
    sheet: spec.name,
    label,
    goals: review.goals.length,
    offTrack: review.statusCounts["Off track"],
    atRisk: review.statusCounts["At risk"],
    regenerated: existing !== null,
    carried,
    review,
  };
}
