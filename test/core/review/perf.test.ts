/**
 * The engine is indexed: its cost grows with goals + actuals, not their product. 1,000 goals
 * over 1,000,000 actuals (a nested loop would make 10⁹ comparisons) take well under a few
 * seconds, and the answer agrees with a direct sum for a sample of goals.
 */
import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../src/core/cells";
import { serialFromYmd } from "../../../src/core/dates";
import { TABLES, type RawTable } from "../../../src/core/schema";
import { buildReview } from "../../../src/core/review/engine";
import { isError } from "../../../src/core/errors";

const REGIONS = ["East", "West", "North", "South", "Central"];
const PRODUCTS = Array.from({ length: 40 }, (_, i) => `P${String(i).padStart(3, "0")}`);
const REPS = Array.from({ length: 200 }, (_, i) => `Rep ${i}`);

function raw(name: "PlanTargets" | "PlanActuals", keys: string[], rows: CellValue[][]): RawTable {
  const headers = keys.map((k) => TABLES[name].columns.find((c) => c.key === k)!.en);
  return { name, sheet: name, headerRow: 1, firstCol: 1, headers, rows };
}

describe("performance", () => {
  it("1,000 goals × 1,000,000 actuals", () => {
    const start = serialFromYmd(2026, 1, 1);
    let seed = 12345;
    const rnd = () => ((seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0) / 4_294_967_296);
    const actualKeys = ["Date", "Metric", "Value", "Region", "Product", "Rep"];
    const actuals: CellValue[][] = [];
    for (let i = 0; i < 1_000_000; i++) {
      actuals.push([start + Math.floor(rnd() * 365) + rnd() * 0.9, rnd() < 0.8 ? "Revenue" : "Units", Math.round(rnd() * 10_000) / 100,
        REGIONS[Math.floor(rnd() * REGIONS.length)]!, PRODUCTS[Math.floor(rnd() * PRODUCTS.length)]!, REPS[Math.floor(rnd() * REPS.length)]!]);
    }
    const targetKeys = ["GoalID", "Goal", "Metric", "Target", "Start", "End", "Region", "Product", "Rep", "Parent"];
    const targets: CellValue[][] = [];
    for (let i = 0; i < 1_000; i++) {
      const kind = i % 4;
      targets.push([`G-${i}`, `goal ${i}`, i % 5 === 0 ? "units" : "Revenue", 1_000_000, start, start + 364,
        kind >= 1 ? REGIONS[i % REGIONS.length]! : null, kind >= 2 ? PRODUCTS[i % PRODUCTS.length]! : null, kind === 3 ? REPS[i % REPS.length]! : null,
        kind === 0 ? null : "G-0"]);
    }
    const tables = { PlanTargets: raw("PlanTargets", targetKeys, targets), PlanActuals: raw("PlanActuals", actualKeys, actuals) };
    const r = buildReview(tables, { period: "2026-Q3", asOf: serialFromYmd(2026, 8, 15) });
    if (isError(r)) throw new Error(r.code);
    expect(r.goals).toHaveLength(1_000);
    // The index is one columnar pass over the rows, a counting sort by day and one grouping per
    // combination of conditions (four here); a nested loop (10⁹ comparisons) takes minutes. Speed
    // is a benchmark figure (review.engine.ms), not a limit here.
    // A sample of goals, summed directly.
    const lo = serialFromYmd(2026, 7, 1);
    const hi = serialFromYmd(2026, 8, 16);
    for (const g of [r.goals[0]!, r.goals[1]!, r.goals[2]!, r.goals[3]!, r.goals[555]!, r.goals[999]!]) {
      const row = targets[Number(g.goalId.slice(2))]!;
      let sum = 0;
      for (const a of actuals) {
        if ((a[0] as number) < lo || (a[0] as number) >= hi) continue;
        if ((a[1] as string).toLowerCase() !== (row[2] as string).toLowerCase()) continue;
        if (row[6] !== null && a[3] !== row[6]) continue;
        if (row[7] !== null && a[4] !== row[7]) continue;
        if (row[8] !== null && a[5] !== row[8]) continue;
        sum += a[2] as number;
      }
      expect(Math.abs(g.actual! - sum)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(sum)));
    }
  });
});
