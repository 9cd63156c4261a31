/**
 * `salesplan review` (cli.md) run in-process on .xlsx files written in the test through the
 * xlsx port: the JSON document (shape and numbers, worked out by hand and equal to the
 * engine's), the copy it writes beside the input or with -o, exit status 2 with one line for
 * every kind of bad input, commentary typed into the output surviving two more runs, a Chinese
 * plan, progress only on a terminal; and, with LibreOffice, the sheet the CLI wrote is live.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CellValue } from "../../src/core/cells";
import { isoFromSerial, serialFromYmd, todaySerial } from "../../src/core/dates";
import { isError } from "../../src/core/errors";
import { buildReview, type Review } from "../../src/core/review/engine";
import { reviewJson } from "../../src/core/review/json";
import { REVIEW_LAYOUT, readPreviousCommentary, reviewCol } from "../../src/core/sheets/review";
import { run } from "../../src/cli/main";
import { parseAsOf } from "../../src/cli/commands/review";
import { newXlsx, openXlsx, saveXlsx } from "../../src/ports/xlsx";
import { type PlanRows, writePlan } from "../actions/plan-sheets";
import { hasSoffice, readSavedValues, recalc, sofficeSkipReason } from "../helpers/libreoffice";

type Row = Record<string, CellValue>;
const d = serialFromYmd;

async function cli(args: string[], isTTY = false) {
  let out = "";
  let err = "";
  const code = await run(["node", "salesplan", ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY });
  return { code, out, err };
}

const hash = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

const q3 = { Unit: "CNY", Start: d(2026, 7, 1), End: d(2026, 9, 30) };
const TARGETS: Row[] = [
  { GoalID: "G-001", Goal: "Q3 revenue", Metric: "Revenue", Target: 9_200, Owner: "Wang", ...q3 },
  { GoalID: "G-002", Goal: "Q3 cost budget", Metric: "Cost", Direction: "lower", Target: 920, Owner: "Li", ...q3 },
];
const ACTUALS: Row[] = [
  { Date: d(2026, 7, 10), Metric: "Revenue", Value: 3_000, Region: "East" },
  { Date: d(2026, 8, 1), Metric: "revenue", Value: 1_000, Region: "West" },
  { Date: d(2026, 8, 16), Metric: "Revenue", Value: 500, Region: "East" }, // the day after the as-of date
  { Date: d(2026, 7, 5), Metric: "Cost", Value: 500 },
];
const PLAN: PlanRows = { targets: TARGETS, actuals: ACTUALS };
const AS_OF = "2026-08-15";

let dir: string;
async function planFile(name: string, p: PlanRows, lang: "en" | "zh-CN" = "en"): Promise<string> {
  const port = newXlsx(name);
  await writePlan(port, p, lang);
  const path = join(dir, name);
  await saveXlsx(port, path);
  return path;
}

/** The engine's review of a file's plan tables. */
async function engineReview(file: string, period: string, asOf: number, lang?: "en" | "zh-CN"): Promise<Review> {
  const r = buildReview(await (await openXlsx(file)).readPlanTables(), { period, asOf, lang });
  if (isError(r)) throw new Error(`review failed: ${r.code}`);
  return r;
}

/** Types a text into a goal's Commentary or Adjustment in a saved workbook (through the xlsx port), as a user in Excel would. */
async function typeInto(file: string, sheet: string, goalId: string, col: "commentary" | "adjustment", text: string): Promise<void> {
  const port = await openXlsx(file);
  const contents = await port.readSheet(sheet);
  const idCol = reviewCol("goalId") - contents.origin.col;
  const r = contents.values.findIndex((line) => line[idCol] === goalId);
  if (r < 0) throw new Error(`no row for ${goalId}`);
  await port.applySheetSpec({ name: sheet, mode: "patch", blocks: [{ row: contents.origin.row + r, col: reviewCol(col), cells: [[{ t: "s", v: text }]] }] });
  await saveXlsx(port, file);
}

let plan: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "salesplan-review-cli-"));
  plan = await planFile("plan.xlsx", PLAN);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("salesplan review --json", () => {
  it("prints exactly cli.md's document, numbers as worked out by hand and equal to the engine's; writes the copy beside the input", async () => {
    const before = hash(plan);
    const r = await cli(["review", plan, "--period", "2026-Q3", "--as-of", AS_OF, "--json"]);
    expect(r.code).toBe(0);
    expect(r.out.endsWith("\n")).toBe(true);
    expect(r.out.trim().split("\n")).toHaveLength(1);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(["file", "period", "asOf", "latestActual", "sheet", "output", "goals", "summary", "statusCounts"]);
    const out = join(dir, "plan (review).xlsx");
    expect(json.file).toBe(plan);
    expect(json.output).toBe(out);
    expect(json.period).toEqual({ label: "2026-Q3", start: "2026-07-01", end: "2026-09-30" });
    expect(json.asOf).toBe("2026-08-15");
    expect(json.sheet).toBe("Review 2026-Q3");
    expect(json.statusCounts).toEqual({ "On track": 0, "At risk": 1, "Off track": 1, "Not started": 0, "Needs fix": 0 });
    expect(Object.keys(json.goals[0])).toEqual([
      "goalId", "metric", "unit", "direction", "targetPeriod", "targetToDate", "actual", "variance", "variancePct", "attainment", "pace", "forecast", "remaining", "status",
    ]);
    // Q3 has 92 days; Jul 1 … Aug 15 is 46 of them, so the target to date is half the target.
    // G-001 (higher): A = 3,000 + 1,000 (the 500 on Aug 16 is after the as-of date) = 4,000; TD = 4,600;
    // variance −600, −600/4,600; attainment 4,000/9,200; pace 4,000/4,600 = 0.87 < 0.9 → Off track;
    // forecast 4,000 × 9,200/4,600 = 8,000; remaining 5,200.
    const g1 = json.goals[0];
    expect(g1).toMatchObject({ goalId: "G-001", metric: "Revenue", unit: "CNY", direction: "higher", targetPeriod: 9_200, targetToDate: 4_600, actual: 4_000, variance: -600, forecast: 8_000, remaining: 5_200, status: "Off track" });
    expect(g1.variancePct).toBeCloseTo(-600 / 4_600, 12);
    expect(g1.attainment).toBeCloseTo(4_000 / 9_200, 12);
    expect(g1.pace).toBeCloseTo(4_000 / 4_600, 12);
    // G-002 (lower): A = 500, TD = 460; variance 460 − 500 = −40; pace 500/460 = 1.087 ≤ 2 − 0.9 → At risk;
    // forecast 500 × 920/460 = 1,000; remaining 420.
    expect(json.goals[1]).toMatchObject({ goalId: "G-002", direction: "lower", targetPeriod: 920, targetToDate: 460, actual: 500, variance: -40, forecast: 1_000, remaining: 420, status: "At risk" });
    expect(json.summary).toEqual([
      { metric: "Revenue", unit: "CNY", targetPeriod: 9_200, targetToDate: 4_600, actual: 4_000, attainment: 4_000 / 9_200 },
      { metric: "Cost", unit: "CNY", targetPeriod: 920, targetToDate: 460, actual: 500, attainment: 500 / 920 },
    ]);
    // Exactly the engine's document for the same plan.
    const engine = await engineReview(plan, "2026-Q3", d(2026, 8, 15));
    expect(json).toEqual(JSON.parse(JSON.stringify(reviewJson(engine, plan, out))));
    // The input is untouched; the copy holds the plan and the review sheet.
    expect(hash(plan)).toBe(before);
    const copy = await openXlsx(out);
    expect((await copy.listSheets()).map((s) => s.name)).toEqual(["Targets", "Actuals", "Review 2026-Q3"]);
    // The review's chart is in the file, or stderr names it as not drawn (its data is there); stdout holds the JSON only.
    const parts = Object.keys((await JSZip.loadAsync(readFileSync(out))).files);
    const drawn = parts.some((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    expect(drawn || r.err.includes("Charts could not be written to the file (Review 2026-Q3"), r.err).toBe(true);
  });

  it("names the output as given with -o, and reads the period in any form of the grammar", async () => {
    const out = join(dir, "q3.xlsx");
    const r = await cli(["review", plan, "--period", "2026年第三季度", "--as-of", AS_OF, "-o", out, "--json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.output).toBe(out);
    expect(json.period.label).toBe("2026-Q3");
    expect(json.sheet).toBe("Review 2026-Q3");
    expect(existsSync(out)).toBe(true);
  });

  it("defaults --as-of to today (clamped to the period's end)", async () => {
    const r = await cli(["review", plan, "--period", "2026-Q3", "-o", join(dir, "today.xlsx"), "--json"]);
    expect(r.code).toBe(0);
    const today = todaySerial();
    expect(JSON.parse(r.out).asOf).toBe(isoFromSerial(Math.min(today, d(2026, 9, 30))));
  });
});

describe("salesplan review: readable output", () => {
  it("prints the period, the status counts, each metric's totals and what it wrote", async () => {
    const r = await cli(["review", plan, "--period", "2026-Q3", "--as-of", AS_OF, "-o", join(dir, "text.xlsx")]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Review 2026-Q3 (2026-07-01 … 2026-09-30) as of 2026-08-15: 2 goals.");
    expect(r.out).toContain("On track 0 · At risk 1 · Off track 1 · Not started 0 · Needs fix 0");
    expect(r.out).toContain("Revenue (CNY): actual 4,000 of 9,200 for the period (43.5%); target to date 4,600.");
    expect(r.out).toContain('Added sheet "Review 2026-Q3".');
    expect(r.out).toContain("text.xlsx");
  });
});

describe("salesplan review: bad input exits 2 with one line", () => {
  const oneLine = (err: string) => err.trim().split("\n").length === 1 && err.startsWith("salesplan: ");

  it.each([
    ["a missing file", () => ["review", join(dir, "nope.xlsx"), "--period", "2026-Q3"], "no such file"],
    ["a file that is not an xlsx", () => {
      const f = join(dir, "notes.xlsx");
      writeFileSync(f, "just text");
      return ["review", f, "--period", "2026-Q3"];
    }, "not an Excel workbook"],
    ["an unparseable period (the line lists the accepted forms)", () => ["review", plan, "--period", "2026-Q5"], "2026-Q3, Q3 2026, FY2026-Q3"],
    ["a range that ends before it starts", () => ["review", plan, "--period", "2026-09-30..2026-07-01"], "ends before it starts"],
    ["no --period", () => ["review", plan], "--period is required"],
    ["a bad --as-of", () => ["review", plan, "--period", "2026-Q3", "--as-of", "15/08/2026"], "--as-of"],
    ["a bad --lang", () => ["review", plan, "--period", "2026-Q3", "--lang", "fr"], "fr"],
    ["-o naming the input", () => ["review", plan, "--period", "2026-Q3", "-o", plan], "overwrite the input"],
  ])("%s", async (_, args, text) => {
    const before = hash(plan);
    const r = await cli(args());
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(oneLine(r.err), r.err).toBe(true);
    expect(r.err).toContain(text);
    expect(hash(plan)).toBe(before);
  });

  it("a workbook without a plan table, and a plan without PlanActuals", async () => {
    const empty = newXlsx("empty.xlsx");
    await empty.applySheetSpec({ name: "Sheet1", blocks: [{ row: 1, col: 1, cells: [[{ t: "s", v: "hello" }]] }] });
    const emptyFile = join(dir, "empty.xlsx");
    await saveXlsx(empty, emptyFile);
    const r1 = await cli(["review", emptyFile, "--period", "2026-Q3"]);
    expect(r1.code).toBe(2);
    expect(r1.err).toContain("no PlanTargets table");
    const noActuals = await planFile("targets-only.xlsx", { targets: TARGETS });
    const r2 = await cli(["review", noActuals, "--period", "2026-Q3"]);
    expect(r2.code).toBe(2);
    expect(r2.err).toContain("no PlanActuals table");
    expect(existsSync(join(dir, "empty (review).xlsx"))).toBe(false);
  });
});

describe("salesplan review: regeneration keeps what people typed", () => {
  it("across two more runs onto the same output file, and from a reviewed input, a removed goal included", async () => {
    const input = await planFile("keep.xlsx", { targets: [...TARGETS, { GoalID: "G-003", Goal: "Q3 units", Metric: "Units", Target: 92, ...q3 }], actuals: ACTUALS });
    const out = join(dir, "keep (review).xlsx");
    const args = ["review", input, "--period", "2026-Q3", "--as-of", AS_OF];
    expect((await cli(args)).code).toBe(0);
    await typeInto(out, "Review 2026-Q3", "G-001", "commentary", "East is ahead; West lost a key account");
    await typeInto(out, "Review 2026-Q3", "G-002", "adjustment", "=cut travel, not a formula");
    await typeInto(out, "Review 2026-Q3", "G-003", "commentary", "00123 units shipped late");

    // Run 2: the same command writes the output again; what was typed in it is kept.
    const r2 = await cli(args);
    expect(r2.code).toBe(0);
    expect(r2.err).toContain("Kept the commentary");
    let kept = readPreviousCommentary(await (await openXlsx(out)).readSheet("Review 2026-Q3"));
    expect(kept.commentary.get("G-001")?.commentary).toBe("East is ahead; West lost a key account");
    expect(kept.commentary.get("G-002")?.adjustment).toBe("=cut travel, not a formula");
    expect(kept.commentary.get("G-003")?.commentary).toBe("00123 units shipped late");

    // G-003 leaves the plan (the input changes); run 3 keeps its words under Removed goals, run 4 too.
    const port = await openXlsx(input);
    await writePlan(port, { targets: TARGETS });
    await saveXlsx(port, input);
    for (let i = 0; i < 2; i++) expect((await cli(args)).code).toBe(0);
    kept = readPreviousCommentary(await (await openXlsx(out)).readSheet("Review 2026-Q3"));
    expect(kept.commentary.get("G-001")?.commentary).toBe("East is ahead; West lost a key account");
    expect(kept.removed).toEqual([{ goalId: "G-003", goal: "Q3 units", commentary: "00123 units shipped late", adjustment: "" }]);

    // Reviewing the reviewed file itself (-o another file): the sheet is rewritten in place in the copy.
    const again = join(dir, "keep again.xlsx");
    const r5 = await cli(["review", out, "--period", "Q3 2026", "--as-of", AS_OF, "-o", again]);
    expect(r5.code).toBe(0);
    expect(r5.out).toContain('Rewrote sheet "Review 2026-Q3" in place; commentary kept for 2 goals.');
    const copy = await openXlsx(again);
    expect((await copy.listSheets()).filter((s) => s.name.startsWith("Review"))).toHaveLength(1);
    kept = readPreviousCommentary(await copy.readSheet("Review 2026-Q3"));
    expect(kept.commentary.get("G-002")?.adjustment).toBe("=cut travel, not a formula");
    expect(kept.removed.map((x) => x.commentary)).toEqual(["00123 units shipped late"]);
  });
});

describe("salesplan review: a Chinese plan", () => {
  it("writes 复盘 <label> with Chinese headers and formulas over the Chinese column names; JSON statuses stay the spec's", async () => {
    const zh = await planFile("计划.xlsx", { ...PLAN, settings: [{ Key: "Language", Value: "zh-CN" }] }, "zh-CN");
    const r = await cli(["review", zh, "--period", "2026年第三季度", "--as-of", AS_OF, "--json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.sheet).toBe("复盘 2026-Q3");
    expect(json.output).toBe(join(dir, "计划 (review).xlsx"));
    expect(json.statusCounts).toEqual({ "On track": 0, "At risk": 1, "Off track": 1, "Not started": 0, "Needs fix": 0 });
    expect(json.goals.map((g: { actual: number }) => g.actual)).toEqual([4_000, 500]);
    const sheet = await (await openXlsx(json.output)).readSheet("复盘 2026-Q3");
    const values = sheet.values.flat();
    expect(values).toContain("评述");
    expect(values).toContain("调整措施");
    const formulas = sheet.formulas.flat().filter((f): f is string => f !== null);
    expect(formulas.some((f) => f.includes("PlanActuals[指标]") && f.includes("PlanActuals[日期]"))).toBe(true);
  });

  it("--lang zh-CN on an English plan writes a Chinese sheet and Chinese messages", async () => {
    const r = await cli(["review", plan, "--period", "2026-Q3", "--as-of", AS_OF, "--lang", "zh-CN", "-o", join(dir, "zh-lang.xlsx")]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("复盘 2026-Q3");
    expect(r.out).toContain("已写入");
  });
});

describe("salesplan review: progress", () => {
  it("shows progress on stderr only on a terminal, and only above 10,000 rows", async () => {
    const small = await cli(["review", plan, "--period", "2026-Q3", "--as-of", AS_OF, "-o", join(dir, "p-small.xlsx")], true);
    expect(small.code).toBe(0);
    expect(small.err).not.toMatch(/\d+% /);
    const actuals = Array.from({ length: 10_001 }, (_, i) => ({ Date: d(2026, 7, 1) + (i % 40), Metric: "Revenue", Value: 1 }));
    const big = await planFile("big.xlsx", { targets: TARGETS, actuals });
    const quiet = await cli(["review", big, "--period", "2026-Q3", "--as-of", AS_OF, "--json"]);
    expect(quiet.code).toBe(0);
    expect(quiet.err).not.toMatch(/\d+% /);
    const tty = await cli(["review", big, "--period", "2026-Q3", "--as-of", AS_OF, "--json"], true);
    expect(tty.code).toBe(0);
    expect(tty.err).toMatch(/\d+% Computing/);
    expect(tty.err).toContain("Writing big (review).xlsx");
    // Jul 1 … Aug 9 are 40 days, all ≤ Aug 15: every one of the 10,001 actuals counts.
    expect(JSON.parse(tty.out).goals[0].actual).toBe(10_001);
  }, 120_000);
});

describe("salesplan review: helpers", () => {
  it("reads --as-of as a date (YYYY-MM-DD and other unambiguous forms), else null", () => {
    expect(parseAsOf("2026-08-15")).toBe(d(2026, 8, 15));
    expect(parseAsOf("2026/8/15")).toBe(d(2026, 8, 15));
    expect(parseAsOf("2026年8月15日")).toBe(d(2026, 8, 15));
    expect(parseAsOf("08/15/2026")).toBeNull();
    expect(parseAsOf("2026-02-30")).toBeNull();
  });
});

describe(`salesplan review: LibreOffice recalculates the sheet the CLI wrote${sofficeSkipReason}`, () => {
  it.skipIf(!hasSoffice && !process.env.CI)("a row appended to PlanActuals after the review changes Actual, Variance and Attainment exactly as the engine says", async () => {
    const input = await planFile("live.xlsx", PLAN);
    const out = join(dir, "live (review).xlsx");
    expect((await cli(["review", input, "--period", "2026-Q3", "--as-of", AS_OF])).code).toBe(0);
    // Append an actual to PlanActuals in the written file (the review sheet is not touched).
    const appended: Row = { Date: d(2026, 8, 2), Metric: "REVENUE", Value: 700, Region: "North" };
    const port = await openXlsx(out);
    await writePlan(port, { actuals: [...ACTUALS, appended] });
    await saveXlsx(port, out);
    const expected = await engineReview(out, "2026-Q3", d(2026, 8, 15));
    // By hand: G-001's actual becomes 4,000 + 700 = 4,700; variance 4,700 − 4,600 = 100; attainment 4,700/9,200.
    expect(expected.goals[0]).toMatchObject({ actual: 4_700, variance: 100 });
    const at = await readSavedValues(await recalc(out), "Review 2026-Q3");
    const first = REVIEW_LAYOUT.tableHeader + 1;
    expected.goals.forEach((g, i) => {
      const row = first + i;
      expect(at(row, reviewCol("goalId"))).toBe(g.goalId);
      for (const [col, want] of [["actual", g.actual], ["variance", g.variance], ["attainment", g.attainment]] as const) {
        const got = at(row, reviewCol(col));
        expect(typeof got, `${g.goalId} ${col}`).toBe("number");
        expect(Math.abs((got as number) - want!), `${g.goalId} ${col}: LibreOffice ${got} vs engine ${want}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want!)));
      }
    });
  }, 240_000);
});
