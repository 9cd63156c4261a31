/**
 * Independent check: the review sheet recalculated by another spreadsheet gives the engine's
 * numbers. A plan is written with the xlsx port, its review generated and written, then an
 * actual row is appended to PlanActuals (the review was made without it); LibreOffice
 * headless recalculates the file, and the recalculated Actual, Variance, Variance %,
 * Attainment, Forecast, Remaining and Status of every goal equal the engine's numbers with
 * that row included. This proves the sheet is live and catches any formula on which the
 * engine and a spreadsheet would disagree (matching rules, escaping, headers, dates).
 * Random plans (200 of them, dimension values of every awkward kind) are in
 * test/fuzz/review-libreoffice.fuzz.test.ts.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../src/core/cells";
import { serialFromYmd } from "../../../src/core/dates";
import { isError } from "../../../src/core/errors";
import type { RawTables, TableName } from "../../../src/core/schema";
import { buildReview, type Review } from "../../../src/core/review/engine";
import { reviewCol, reviewSheetSpec, statusWord } from "../../../src/core/sheets/review";
import type { SheetSpec, SpecCell } from "../../../src/core/sheets/spec";
import { planTableSpec } from "../../../src/core/sheets/template";
import { newXlsx, saveXlsx } from "../../../src/ports/xlsx";
import type { Lang } from "../../../src/i18n";
import { hasSoffice, readSavedValues, recalcMany, sofficeSkipReason } from "../../helpers/libreoffice";
import type { Row } from "./plan";

const d = serialFromYmd;
const runIt = it.skipIf(!hasSoffice && !process.env.CI);

/** A plan cell as a spec cell (numbers stay numbers: date columns get their date format from the template). */
function specCell(v: CellValue): SpecCell {
  if (v === null) return null;
  if (typeof v === "string") return { t: "s", v };
  if (typeof v === "number") return { t: "n", v };
  if (typeof v === "boolean") return { t: "b", v };
  return null;
}

const toRows = (rows: readonly Row[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, specCell(v)])));

interface Case {
  lang: Lang;
  targets: Row[];
  actuals: Row[];
  /** The row appended to PlanActuals after the review was written. */
  appended: Row;
  settings?: Row[];
  period: string;
  asOf: number;
}

interface Written {
  path: string;
  spec: SheetSpec;
  /** The engine's review of the plan with the appended row. */
  expected: Review;
}

/** Writes the plan, its review (without the appended row), then appends the row; returns the file and the engine's review with it. */
async function writeCase(c: Case, dir: string, name: string): Promise<Written> {
  const port = newXlsx(`${name}.xlsx`);
  const zh = c.lang === "zh-CN";
  const sheetOf = (t: TableName) => (zh ? { PlanTargets: "目标", PlanActuals: "实际", PlanSettings: "设置" } : { PlanTargets: "Targets", PlanActuals: "Actuals", PlanSettings: "Settings" })[t as "PlanTargets"];
  await port.applySheetSpec(planTableSpec("PlanTargets", c.lang, sheetOf("PlanTargets"), toRows(c.targets)));
  await port.applySheetSpec(planTableSpec("PlanActuals", c.lang, sheetOf("PlanActuals"), toRows(c.actuals)));
  if (c.settings) await port.applySheetSpec(planTableSpec("PlanSettings", c.lang, sheetOf("PlanSettings"), toRows(c.settings)));
  const before = buildReview(await port.readPlanTables(), { period: c.period, asOf: c.asOf, lang: c.lang });
  if (isError(before)) throw new Error(`review failed: ${before.code} ${before.msg?.key}`);
  const spec = reviewSheetSpec(before, { generatedAt: c.asOf + 0.5 });
  await port.applySheetSpec(spec);
  // Append the row: PlanActuals rewritten with one more row (the review sheet is not touched).
  await port.applySheetSpec(planTableSpec("PlanActuals", c.lang, sheetOf("PlanActuals"), toRows([...c.actuals, c.appended])));
  const tables: RawTables = await port.readPlanTables();
  const expected = buildReview(tables, { period: c.period, asOf: c.asOf, lang: c.lang });
  if (isError(expected)) throw new Error(`review failed: ${expected.code}`);
  const path = join(dir, `${name}.xlsx`);
  await saveXlsx(port, path);
  return { path, spec, expected };
}

/** A recalculated number equals the engine's (LibreOffice writes 15 significant digits); none is "" or blank. */
function expectSameNumber(got: CellValue | undefined, want: number | null, what: string): void {
  if (want === null) {
    expect(got === null || got === "" || got === undefined, `${what}: want none, got ${JSON.stringify(got)}`).toBe(true);
    return;
  }
  expect(typeof got, `${what}: want ${want}, got ${JSON.stringify(got)}`).toBe("number");
  const g = got as number;
  expect(Math.abs(g - want), `${what}: LibreOffice ${g} vs engine ${want}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
}

/** Compares every goal row of the recalculated sheet with the engine's review. */
async function compare(outPath: string, w: Written, lang: Lang): Promise<number> {
  const at = await readSavedValues(outPath, w.spec.name);
  const first = w.spec.tables![0]!.range.row + 1;
  let nonZero = 0;
  w.expected.goals.forEach((g, i) => {
    const row = first + i;
    const what = (c: string) => `${w.path} goal ${g.goalId} ${c}`;
    expect(at(row, reviewCol("goalId"))).toBe(g.goalId);
    if (g.status === "Needs fix") {
      expect(at(row, reviewCol("status"))).toBe(statusWord(lang, "Needs fix"));
      return;
    }
    expectSameNumber(at(row, reviewCol("actual")), g.actual, what("Actual"));
    expectSameNumber(at(row, reviewCol("variance")), g.variance, what("Variance"));
    expectSameNumber(at(row, reviewCol("variancePct")), g.variancePct, what("Variance %"));
    expectSameNumber(at(row, reviewCol("attainment")), g.attainment, what("Attainment"));
    expectSameNumber(at(row, reviewCol("forecast")), g.forecast, what("Forecast"));
    expectSameNumber(at(row, reviewCol("remaining")), g.remaining, what("Remaining"));
    expect(at(row, reviewCol("status")), what("Status")).toBe(statusWord(lang, g.status));
    if (g.actual) nonZero++;
  });
  return nonZero;
}

/** A realistic plan: parent and children, a cost goal, a seasonal-free quarter, actuals with the edge cases of review.md. */
function realistic(): Case {
  const q = { Start: d(2026, 7, 1), End: d(2026, 9, 30), Unit: "CNY" };
  return {
    lang: "en",
    period: "2026-Q3",
    asOf: d(2026, 8, 15),
    targets: [
      { GoalID: "G-001", Goal: "Q3 revenue", Metric: "Revenue", Target: 5_000_000, Owner: "Wang", ...q },
      { GoalID: "G-002", Goal: '=HYPERLINK("http://x","y")', Metric: "Revenue", Target: 1_500_000, Segment: "New", Parent: "G-001", Owner: "Li", ...q },
      { GoalID: "G-003", Goal: "East", Metric: "revenue", Target: 2_000_000, Region: "East", Parent: "G-001", Owner: "Li", Start: d(2026, 6, 1), End: d(2026, 12, 31), Unit: "CNY" },
      { GoalID: "G-004", Goal: "Cost", Metric: "Cost", Direction: "lower", Target: 400_000, Owner: "Zhao", ...q },
      { GoalID: "G-005", Goal: "Product 00123", Metric: "Units", Target: 900, Product: "00123", Owner: "Zhao", ...q, Unit: "pcs" },
      { GoalID: "G-006", Goal: "Product 123", Metric: "Units", Target: 900, Product: 123, Owner: "Zhao", ...q, Unit: "pcs" },
      { GoalID: "G-007", Goal: "Not yet", Metric: "Revenue", Target: 100_000, Start: d(2026, 9, 1), End: d(2026, 9, 30) },
      { GoalID: "G-008", Goal: "Negative", Metric: "GrossMargin", Target: -50_000, ...q },
    ],
    actuals: [
      { Date: d(2026, 7, 3), Metric: "Revenue", Value: 800_000, Region: "East", Segment: "New" },
      { Date: d(2026, 7, 20), Metric: "REVENUE", Value: 900_000, Region: "west" },
      { Date: d(2026, 8, 15) + 23 / 24, Metric: "Revenue", Value: 111, Region: "east" }, // 23:00 on the as-of day
      { Date: d(2026, 8, 16), Metric: "Revenue", Value: 222_222, Region: "East" }, // the day after
      { Date: "2026-07-09", Metric: "Revenue", Value: 333_333, Region: "East" }, // a text date
      { Date: d(2026, 7, 9), Metric: "Revenue", Value: "444", Region: "East" }, // a text value
      { Date: d(2026, 7, 1), Metric: "Cost", Value: 210_000 },
      { Date: d(2026, 7, 2), Metric: "Units", Value: 100, Product: "00123" },
      { Date: d(2026, 7, 2), Metric: "Units", Value: 70, Product: 123 },
      { Date: d(2026, 7, 2), Metric: "Units", Value: 5, Product: "123" },
      { Date: d(2026, 7, 4), Metric: "GrossMargin", Value: -10_000 },
    ],
    appended: { Date: d(2026, 8, 1), Metric: "Revenue", Value: 55_555, Region: "East", Segment: "new" },
  };
}

describe(`LibreOffice recalculates the review sheet to the engine's numbers${sofficeSkipReason}`, () => {
  runIt("a realistic plan, with an actual appended after the review was written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "salesplan-review-lo-"));
    const c = realistic();
    const w = await writeCase(c, dir, "realistic");
    // The appended row changes G-001 (no region) and G-003 (East); the engine with it: G-003 = 800,000 + 111 + 55,555.
    const g3 = w.expected.goals.find((g) => g.goalId === "G-003")!;
    expect(g3.actual).toBe(800_000 + 111 + 55_555);
    const [out] = await recalcMany([w.path]);
    const nonZero = await compare(out!, w, c.lang);
    expect(nonZero).toBeGreaterThanOrEqual(5);
  }, 240_000);
});
