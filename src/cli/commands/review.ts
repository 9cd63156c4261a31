/**
 * `salesplan review PLAN.xlsx --period P [--as-of DATE] [-o OUT.xlsx] [--json] [--lang en|zh-CN]
 * [--force]`: the review of one period (review.md) in a copy of the plan workbook (cli.md).
 *
 * - The copy is `<name> (review).xlsx` beside the input unless `-o` names another file; `-o`
 *   naming the input is refused (exit 2). The input is never written.
 * - A review of the same period already in the input (found by its canonical label, however the
 *   period is typed, under its English or Chinese sheet name) is rewritten in place in the copy
 *   with its Commentary and Adjustment carried over. When the output file already exists and
 *   holds a review of the period (people typed into the last run's output), its commentary is
 *   carried over too, before the input's: the run replaces that file, never what was typed.
 * - `--json` prints exactly cli.md's document (`reviewJson`): `file` as given, `output` the
 *   output path (as given with -o, else the default beside the input as given), `sheet` the
 *   sheet written. Messages go to stderr.
 * - Exit 2, one line on stderr: missing file, not an xlsx, no PlanTargets / PlanActuals (or
 *   their required columns), an unparseable period (the line lists the accepted forms), a bad
 *   --as-of or --lang.
 * - Charts: the xlsx port draws the review's column chart into the file; one it could not draw
 *   is named on stderr (`unwrittenChartsLine`; its data is in the sheet). Charts of SalesPlan's
 *   own review sheets in the input do not make it refused: the port carries or redraws them
 *   (its `uncarriedContent` leaves them out); any other chart, picture or pivot table does.
 * - Progress on stderr only when it is a terminal and the workbook holds more than 10,000 rows.
 */
import { statSync } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import { isoFromSerial, parseTextDate, serialFromJsDate, todaySerial } from "../../core/dates";
import { isError } from "../../core/errors";
import { parsePeriod } from "../../core/periods";
import { type ReviewJson, reviewJson } from "../../core/review/json";
import type { Review, ReviewTotal } from "../../core/review/types";
import { readSettings } from "../../core/schema";
import { type PreviousCommentary, readPreviousCommentary } from "../../core/sheets/review";
import { findReviewSheet, generateReview } from "../../actions/generate-review";
import { type Lang, render, t } from "../../i18n";
import { CliError } from "../errors";
import { cliLang } from "../lang";
import { io } from "../main";
import { defaultOutputPath, openInputWorkbook, resolveOutputPath, unwrittenChartsLine, writeWorkbook } from "../io";
import { parseLangOption } from "./template";

interface ReviewCliOptions {
  period?: string;
  asOf?: string;
  output?: string;
  json?: boolean;
  lang?: string;
  force?: boolean;
}

/** A file this size or larger (about 10,000 short rows) gets a "Reading…" line on a terminal: rows are known only once it is read. */
const BIG_FILE_BYTES = 400_000;
/** cli.md: long work is more than this many rows. */
export const PROGRESS_ROWS = 10_000;

/** `--as-of` as a serial (YYYY-MM-DD, or another unambiguous text date), else null. */
export function parseAsOf(value: string): number | null {
  return parseTextDate(value.trim());
}

/** An amount for a message: thousands separators, at most two decimals. */
function amount(x: number | null): string {
  if (x === null) return "#NUM!"; // a sum beyond a double's range, as a spreadsheet shows it
  return x.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

const percent = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)}%`);

/** A summary line for one (Metric, Unit) total. */
function totalLine(lang: Lang, x: ReviewTotal): string {
  return t(lang, "reviewCli.total", {
    metric: x.metric, unit: x.unit.trim() === "" ? "" : ` (${x.unit})`, actual: amount(x.actual), target: amount(x.targetPeriod),
    attainment: percent(x.attainment), toDate: amount(x.targetToDate),
  });
}

/** The readable report: the period, status counts, the summary per metric, freshness, what was written. */
export function reviewText(review: Review, lang: Lang, done: { sheet: string; regenerated: boolean; carried: number }): string[] {
  const c = review.statusCounts;
  const lines = [
    t(lang, "reviewCli.heading", {
      label: review.period.label, start: isoFromSerial(review.period.start), end: isoFromSerial(review.period.end),
      asOf: isoFromSerial(review.asOf), goals: review.goals.length,
    }),
    `  ${t(lang, "reviewCli.counts", { onTrack: c["On track"], atRisk: c["At risk"], offTrack: c["Off track"], notStarted: c["Not started"], needsFix: c["Needs fix"] })}`,
    ...review.summary.map((x) => `  ${totalLine(lang, x)}`),
  ];
  const latest = review.freshness.latestActual;
  lines.push(`  ${latest === null ? t(lang, "reviewCli.noActual") : t(lang, "reviewCli.latest", { date: isoFromSerial(latest) })}`);
  if (latest !== null && review.freshness.stale) lines.push(`  ${t(lang, "reviewCli.stale", { days: review.asOf - latest })}`);
  if (review.skipped.length > 0) lines.push(`  ${t(lang, "reviewCli.skipped", { rows: review.skipped.map((s) => s.row).join(", ") })}`);
  lines.push(done.regenerated ? t(lang, "reviewCli.sheetRegenerated", { sheet: done.sheet, carried: done.carried }) : t(lang, "reviewCli.sheetNew", { sheet: done.sheet }));
  return lines;
}

/** Rows in all the workbook's sheets (what "more than 10,000 rows" counts). */
function rowCount(port: { rowCount(): number }): number {
  return port.rowCount();
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * What an existing output file's review sheet of the period holds (people may have typed into
 * the last run's output), or undefined when the file is not there, is no readable workbook, or
 * has no such sheet.
 */
async function commentaryInOutput(out: string, label: string, lang: Lang, msg: Lang): Promise<{ previous: PreviousCommentary; sheet: string } | undefined> {
  if (fileSize(out) === 0) return undefined;
  try {
    const wb = await openInputWorkbook(out, msg);
    const sheet = findReviewSheet((await wb.port.listSheets()).map((s) => s.name), label, lang);
    if (sheet === null) return undefined;
    const previous = readPreviousCommentary(await wb.port.readSheet(sheet));
    if (previous.commentary.size === 0 && previous.removed.length === 0) return undefined;
    return { previous, sheet };
  } catch (e) {
    if (e instanceof CliError) return undefined;
    throw e;
  }
}

export function register(program: Command): void {
  const msg0 = cliLang();
  program
    .command("review")
    .description(t(msg0, "reviewCli.description"))
    .argument("<plan>", t(msg0, "reviewCli.file"))
    .option("--period <period>", t(msg0, "reviewCli.period"))
    .option("--as-of <date>", t(msg0, "reviewCli.asOf"))
    .option("-o, --output <file>", t(msg0, "reviewCli.out"))
    .option("--json", t(msg0, "reviewCli.json"))
    .option("--lang <lang>", t(msg0, "reviewCli.lang"))
    .option("--force", t(msg0, "reviewCli.force"))
    .action(async (file: string, opts: ReviewCliOptions) => {
      let lang: Lang | undefined;
      if (opts.lang !== undefined) {
        const l = parseLangOption(opts.lang);
        if (!l) throw new CliError(t(msg0, "plan.cli.badLang", { value: opts.lang }));
        lang = l;
      }
      const msg = lang ?? msg0;
      if (opts.period === undefined || opts.period.trim() === "") throw new CliError(t(msg, "reviewCli.noPeriod"));
      let asOf = todaySerial();
      if (opts.asOf !== undefined) {
        const a = parseAsOf(opts.asOf);
        if (a === null) throw new CliError(t(msg, "reviewCli.badAsOf", { value: opts.asOf }));
        asOf = a;
      }
      const err = (line: string) => io().stderr(`${line}\n`);
      const tty = io().isTTY;
      if (tty && fileSize(file) > BIG_FILE_BYTES) err(t(msg, "reviewCli.reading", { file }));

      const wb = await openInputWorkbook(file, msg, { force: Boolean(opts.force) });
      const out = resolveOutputPath(wb.path, opts.output, "review", msg);
      const shownOut = opts.output ?? defaultOutputPath(file, "review");
      const refused = (reason: string) => new CliError(t(msg, "reviewCli.refused", { file, reason }));

      // The period's label (it names the sheet) needs the plan's fiscal settings; a bad period stops here.
      const settingsTable = (await wb.port.readPlanTables(["PlanSettings"])).PlanSettings;
      const settings = readSettings(settingsTable).settings;
      const sheetLang = lang ?? settings.language;
      const period = parsePeriod(opts.period, { fiscalStartMonth: settings.fiscalYearStartMonth, asOf });
      if (isError(period)) throw refused(period.msg ? render(msg, period.msg) : period.code);
      const fromOutput = await commentaryInOutput(out, period.label, sheetLang, msg);

      const big = tty && rowCount(wb.port) > PROGRESS_ROWS;
      let lastStep = "";
      const result = await generateReview(wb.port, {
        period: opts.period,
        asOf,
        lang,
        now: serialFromJsDate(new Date()),
        carryFrom: fromOutput?.previous,
        onProgress: big
          ? (fraction, step) => {
              if (step && step !== lastStep && fraction !== null) err(`${Math.round(fraction * 100)}% ${t(msg, step)}`);
              if (step) lastStep = step;
            }
          : undefined,
      });
      if (!result.ok) throw refused(render(msg, result.error));
      const done = result;
      if (big) err(t(msg, "plan.cli.progress.writing", { file: basename(out), rows: rowCount(wb.port) }));
      await writeWorkbook(wb.port, out);

      const notes: string[] = [];
      if (wb.forced) notes.push(wb.forced);
      if (fromOutput) notes.push(t(msg, "reviewCli.carriedFrom", { sheet: fromOutput.sheet, file: shownOut }));
      const charts = unwrittenChartsLine(wb.port, msg);
      if (charts) notes.push(charts);

      const report = [...reviewText(done.review, msg, done), t(msg, "plan.cli.wrote", { file: shownOut })];
      if (opts.json) {
        err([...notes, ...report].join("\n"));
        const json: ReviewJson = { ...reviewJson(done.review, file, shownOut), sheet: done.sheet };
        io().stdout(`${JSON.stringify(json)}\n`);
      } else {
        if (notes.length > 0) err(notes.join("\n"));
        io().stdout(`${report.join("\n")}\n`);
      }
    });
}
