/**
 * The generate-review action on the memory port (what the task pane and the CLI call): the
 * result, the sheet written and activated, commentary typed into the sheet surviving
 * regeneration (a goal that left the review keeps its words under "Removed goals" over two
 * regenerations and gets them back when it returns), a period typed in Chinese finding the
 * English-labelled sheet, the plan's Language setting, refusals; then, on the Office.js fake,
 * the number of syncs at 10 and at 10,000 goals and actuals.
 */
import { describe, expect, it } from "vitest";
import type { CellValue } from "../../src/core/cells";
import { serialFromYmd } from "../../src/core/dates";
import { readPreviousCommentary, reviewCol } from "../../src/core/sheets/review";
import { findReviewSheet, generateReview, mergeCommentary } from "../../src/actions/generate-review";
import { memoryWorkbook, type MemoryWorkbook } from "../../src/ports/memory";
import { createExcelPort } from "../../src/ports/excel";
import type { WorkbookPort } from "../../src/ports/types";
import { createFakeExcel } from "../fakes/office";
import { type PlanRows, writePlan } from "./plan-sheets";

type Row = Record<string, CellValue>;
const d = serialFromYmd;
/** 2026-08-15: Jul 1 … Aug 15 is 31 + 15 = 46 of Q3's 31 + 31 + 30 = 92 days. */
const AS_OF = d(2026, 8, 15);
const NOW = AS_OF + 0.5;

const goalRow = (id: string, region: string, extra: Row = {}): Row => ({
  GoalID: id, Goal: `Revenue ${region}`, Metric: "Revenue", Unit: "CNY", Target: 9_200, Start: d(2026, 7, 1), End: d(2026, 9, 30), Region: region, Owner: "Wang", ...extra,
});
const actualRow = (region: string, value: number, date = d(2026, 7, 10)): Row => ({ Date: date, Metric: "Revenue", Value: value, Region: region });

/**
 * Target 9,200 over 92 days, 46 elapsed: target to date 4,600 for each goal.
 * G-1 East 4,600 → pace 1 → On track; G-2 West 4,000 → 0.870 < 0.9 → Off track;
 * G-3 North 4,300 → 0.935 ≥ 0.9 → At risk.
 */
const PLAN: PlanRows = {
  targets: [goalRow("G-1", "East"), goalRow("G-2", "West"), goalRow("G-3", "North")],
  actuals: [actualRow("East", 4_000), actualRow("East", 600, d(2026, 8, 15)), actualRow("West", 4_000), actualRow("North", 4_300), actualRow("East", 999, d(2026, 8, 16))],
};

async function planPort(p: PlanRows = PLAN, lang: "en" | "zh-CN" = "en"): Promise<MemoryWorkbook> {
  const port = memoryWorkbook();
  await writePlan(port, p, lang);
  return port;
}

async function ok(port: WorkbookPort, period: string, extra: Partial<Parameters<typeof generateReview>[1]> = {}) {
  const r = await generateReview(port, { period, asOf: AS_OF, now: NOW, ...extra });
  if (!r.ok) throw new Error(`refused: ${r.error.key}`);
  return r;
}

/** Types a text into a goal's Commentary or Adjustment cell, as a user would (a patch touching nothing else). */
async function type(port: WorkbookPort, sheet: string, goalId: string, col: "commentary" | "adjustment", text: string): Promise<void> {
  const contents = await port.readSheet(sheet);
  const idCol = reviewCol("goalId") - contents.origin.col;
  const r = contents.values.findIndex((line) => line[idCol] === goalId);
  if (r < 0) throw new Error(`no row for ${goalId} on ${sheet}`);
  await port.applySheetSpec({ name: sheet, mode: "patch", blocks: [{ row: contents.origin.row + r, col: reviewCol(col), cells: [[{ t: "s", v: text }]] }] });
}

/** Every text on a sheet. */
async function texts(port: WorkbookPort, sheet: string): Promise<string[]> {
  return (await port.readSheet(sheet)).values.flat().filter((v): v is string => typeof v === "string");
}

describe("generateReview on the memory port", () => {
  it("writes and activates the review sheet and reports the counts", async () => {
    const port = await planPort();
    const steps: (number | null)[] = [];
    const r = await ok(port, "2026-Q3", { onProgress: (f) => steps.push(f) });
    expect({ sheet: r.sheet, label: r.label, goals: r.goals, offTrack: r.offTrack, atRisk: r.atRisk, regenerated: r.regenerated, carried: r.carried }).toEqual({
      sheet: "Review 2026-Q3", label: "2026-Q3", goals: 3, offTrack: 1, atRisk: 1, regenerated: false, carried: 0,
    });
    // Actuals on 2026-08-16 (the day after the as-of date) do not count: G-1 = 4,000 + 600.
    expect(r.review.goals.map((g) => [g.goalId, g.targetToDate, g.actual, g.status])).toEqual([
      ["G-1", 4_600, 4_600, "On track"],
      ["G-2", 4_600, 4_000, "Off track"],
      ["G-3", 4_600, 4_300, "At risk"],
    ]);
    expect(port.activeSheet).toBe("Review 2026-Q3");
    expect(port.selection).toEqual({ sheet: "Review 2026-Q3", address: "A1" });
    expect(port.table("Review_2026_Q3")?.sheet).toBe("Review 2026-Q3");
    // Progress only goes forward and ends at 1.
    expect(steps.at(-1)).toBe(1);
    expect([...steps].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(steps);
  });

  it("keeps every word typed in Commentary and Adjustment across regenerations, including a goal that left the review", async () => {
    const port = await planPort();
    const first = await ok(port, "2026-Q3");
    const sheetObject = port.sheet(first.sheet);
    const words = {
      g1c: "East carried the quarter; 两个大客户提前下单",
      g1a: "=SUM(1,2) is text, not a formula",
      g2c: "West lost a key account in July",
      g2a: "00123 — hire two reps",
      g3a: "2026-12-31",
    };
    await type(port, first.sheet, "G-1", "commentary", words.g1c);
    await type(port, first.sheet, "G-1", "adjustment", words.g1a);
    await type(port, first.sheet, "G-2", "commentary", words.g2c);
    await type(port, first.sheet, "G-2", "adjustment", words.g2a);
    await type(port, first.sheet, "G-3", "adjustment", words.g3a);

    // G-2 leaves the plan: regenerate twice.
    await writePlan(port, { targets: [goalRow("G-1", "East"), goalRow("G-3", "North"), goalRow("G-4", "South")] });
    const second = await ok(port, "2026-Q3");
    expect(second).toMatchObject({ sheet: "Review 2026-Q3", regenerated: true, carried: 2, goals: 3 });
    expect(port.sheet(second.sheet)).toBe(sheetObject); // rewritten in place, never deleted
    expect(port.sheets.filter((s) => s.name.startsWith("Review"))).toHaveLength(1);
    for (const w of Object.values(words)) expect(await texts(port, second.sheet)).toContain(w);

    const third = await ok(port, "2026-Q3");
    expect(third.carried).toBe(2);
    const all = await texts(port, third.sheet);
    for (const w of Object.values(words)) expect(all.filter((x) => x === w)).toHaveLength(1);
    const back = readPreviousCommentary(await port.readSheet(third.sheet));
    expect(back.commentary.get("G-1")).toMatchObject({ commentary: words.g1c, adjustment: words.g1a });
    expect(back.commentary.get("G-3")).toMatchObject({ commentary: "", adjustment: words.g3a });
    expect(back.removed).toEqual([{ goalId: "G-2", goal: "Revenue West", commentary: words.g2c, adjustment: words.g2a }]);

    // G-2 comes back: its words return to its own row and leave the Removed goals block.
    await writePlan(port, PLAN);
    const fourth = await ok(port, "2026-Q3");
    expect(fourth.carried).toBe(3);
    const again = readPreviousCommentary(await port.readSheet(fourth.sheet));
    expect(again.commentary.get("G-2")).toMatchObject({ commentary: words.g2c, adjustment: words.g2a });
    expect(again.removed).toEqual([]);
  });

  it("finds the English-labelled sheet when the period is typed in Chinese, and keeps its table name", async () => {
    const port = await planPort();
    await ok(port, "2026-Q3");
    await type(port, "Review 2026-Q3", "G-3", "commentary", "north: pipeline is fine");
    const sheetsBefore = port.sheets.map((s) => s.name);
    for (const [period, lang] of [["2026年第三季度", undefined], ["2026年三季度", "zh-CN"], ["Q3 2026", "zh-CN"]] as const) {
      const r = await ok(port, period, { lang });
      expect(r).toMatchObject({ sheet: "Review 2026-Q3", label: "2026-Q3", regenerated: true, carried: 1 });
      expect(port.sheets.map((s) => s.name)).toEqual(sheetsBefore);
      expect(await texts(port, r.sheet)).toContain("north: pipeline is fine");
      // The goal table keeps its name, so formulas elsewhere that name it keep working.
      expect(port.table("Review_2026_Q3")?.sheet).toBe("Review 2026-Q3");
      expect(port.table("ReviewZh_2026_Q3")).toBeUndefined();
    }
    // The last run was in Chinese: the sheet's headers are Chinese now, its name unchanged.
    expect(await texts(port, "Review 2026-Q3")).toContain("评述");
  });

  it("writes in the plan's Language setting unless told otherwise; a Chinese sheet is found from an English period", async () => {
    const port = await planPort({ ...PLAN, settings: [{ Key: "Language", Value: "zh-CN" }] }, "zh-CN");
    const r = await ok(port, "2026-Q3");
    expect(r.sheet).toBe("复盘 2026-Q3");
    expect(r.review.lang).toBe("zh-CN");
    await type(port, r.sheet, "G-1", "commentary", "华东超额完成");
    const en = await ok(port, "2026-q3", { lang: "en" });
    expect(en).toMatchObject({ sheet: "复盘 2026-Q3", regenerated: true, carried: 1 });
    expect(await texts(port, en.sheet)).toContain("Commentary");
    expect(await texts(port, en.sheet)).toContain("华东超额完成");
  });

  it("refuses a plan without PlanTargets or PlanActuals and an unparseable period, writing nothing", async () => {
    const none = memoryWorkbook();
    expect(await generateReview(none, { period: "2026-Q3" })).toEqual({ ok: false, error: { key: "review.err.noTargets" } });
    const noActuals = await planPort({ targets: PLAN.targets });
    expect(await generateReview(noActuals, { period: "2026-Q3" })).toEqual({ ok: false, error: { key: "review.err.noActuals" } });
    const port = await planPort();
    const bad = await generateReview(port, { period: "2026-Q5" });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.key).toBe("periods.invalid");
    expect(port.sheets.map((s) => s.name)).toEqual(["Targets", "Actuals"]);
  });

  it("takes commentary from elsewhere (carryFrom) first, adding the sheet's own for goals it lacks", async () => {
    const port = await planPort();
    await ok(port, "2026-Q3");
    await type(port, "Review 2026-Q3", "G-1", "commentary", "sheet words G-1");
    await type(port, "Review 2026-Q3", "G-2", "commentary", "sheet words G-2");
    const carryFrom = { commentary: new Map([["g-1", { commentary: "output words G-1", adjustment: "" }]]), removed: [] };
    const r = await ok(port, "2026-Q3", { carryFrom });
    expect(r.carried).toBe(2);
    const back = readPreviousCommentary(await port.readSheet(r.sheet));
    expect(back.commentary.get("G-1")?.commentary).toBe("output words G-1");
    expect(back.commentary.get("G-2")?.commentary).toBe("sheet words G-2");
  });
});

describe("findReviewSheet and mergeCommentary", () => {
  it("prefers the sheet named in the review's language, then the other language's, ignoring case", () => {
    expect(findReviewSheet(["Targets", "review 2026-q3", "复盘 2026-Q3"], "2026-Q3", "en")).toBe("review 2026-q3");
    expect(findReviewSheet(["Targets", "review 2026-q3", "复盘 2026-Q3"], "2026-Q3", "zh-CN")).toBe("复盘 2026-Q3");
    expect(findReviewSheet(["Targets", "Review 2026-Q3"], "2026-Q3", "zh-CN")).toBe("Review 2026-Q3");
    expect(findReviewSheet(["Review 2026-Q2"], "2026-Q3", "en")).toBeNull();
  });

  it("keeps the first reading for a goal both have and every removed goal of both", () => {
    const a = { commentary: new Map([["G-1", { commentary: "a1", adjustment: "" }]]), removed: [{ goalId: "G-9", goal: "", commentary: "a9", adjustment: "" }] };
    const b = {
      commentary: new Map([["g-1 ", { commentary: "b1", adjustment: "" }], ["G-2", { commentary: "b2", adjustment: "" }]]),
      removed: [{ goalId: "G-8", goal: "", commentary: "b8", adjustment: "" }],
    };
    const m = mergeCommentary(a, b)!;
    expect([...m.commentary.entries()].map(([k, v]) => [k, v.commentary])).toEqual([["G-1", "a1"], ["G-2", "b2"]]);
    expect(m.removed.map((r) => r.goalId)).toEqual(["G-9", "G-8"]);
    expect(mergeCommentary(undefined, b)).toBe(b);
    expect(mergeCommentary(a, undefined)).toBe(a);
  });
});

describe("generateReview on Office.js (the fake): syncs", () => {
  /** A plan of `n` goals (one region each, 50 regions) and `n` actuals, written through the port. */
  function bigPlan(n: number): PlanRows {
    const regions = Array.from({ length: 50 }, (_, i) => `Region ${i}`);
    return {
      targets: Array.from({ length: n }, (_, i) => goalRow(`G-${String(i + 1).padStart(5, "0")}`, regions[i % 50]!, { Goal: `Grow revenue in ${regions[i % 50]} with partner ${i}` })),
      actuals: Array.from({ length: n }, (_, i) => actualRow(regions[i % 50]!, 100 + (i % 7), d(2026, 7, 1) + (i % 60))),
    };
  }

  async function measure(n: number) {
    const fake = createFakeExcel();
    const port = createExcelPort(fake.excelRun, { isSetSupported: fake.isSetSupported });
    await writePlan(port, bigPlan(n));
    const bytes = () => fake.stats.perSync.reduce((b, x) => b + x.requestBytes + x.responseBytes, 0);
    fake.resetStats();
    const first = await ok(port, "2026-Q3");
    const firstSyncs = fake.stats.syncs;
    const firstBytes = bytes();
    fake.resetStats();
    const second = await ok(port, "2026-Q3");
    const secondSyncs = fake.stats.syncs;
    const secondBytes = bytes();
    expect(first.goals).toBe(n);
    expect(second.regenerated).toBe(true);
    expect(fake.activeSheet()).toBe("Review 2026-Q3");
    return { firstSyncs, firstBytes, secondSyncs, secondBytes, fake };
  }

  it("takes a fixed few syncs for 10 goals and 10 actuals, plus at most one per ~4 MB for 10,000 of each", async () => {
    const small = await measure(10);
    // readPlanTablesAndSheets 3 (table and sheet names, positions, data) + applySheetSpecs 2 (names; the
    // sheet and the selection) = 5; regenerating adds readSheet 2 (the old sheet's commentary) and one
    // to find the old sheet's tables and charts before clearing it = 8.
    expect(small.firstSyncs).toBe(5);
    expect(small.secondSyncs).toBe(8);
    expect(small.firstBytes).toBeLessThan(4_000_000);

    const big = await measure(10_000);
    expect(big.firstBytes).toBeGreaterThan(5 * 1024 * 1024); // the port had to split reads and writes
    expect(big.firstSyncs).toBeLessThanOrEqual(small.firstSyncs + Math.ceil(big.firstBytes / 3_500_000));
    expect(big.secondSyncs).toBeLessThanOrEqual(small.secondSyncs + Math.ceil(big.secondBytes / 3_500_000));
    // Every sync stays under Excel on the web's 5 MB.
    expect(Math.max(...big.fake.stats.perSync.map((x) => Math.max(x.requestBytes, x.responseBytes)))).toBeLessThanOrEqual(5 * 1024 * 1024);
  }, 300_000);
});
