/**
 * SMART validation (issue 4, "Measure").
 * validate.ms: core validatePlan on 1,000 goals, 5,000 actions and 200,000 actuals (median of 5 runs).
 * syncs.validate.10: Office.js syncs of the whole validate action (read, validate, write the
 *   SMART column) against the Office.js fake, on 10 goals with 10 actions.
 * syncs.validate.100000: the same on 1,000 goals, 5,000 actions and 100,000 actuals rows
 *   (the "1,000 goals and 100,000 actuals"); aim: a fixed few plus one per ~4 MB read.
 */
import type { CellValue } from "../src/core/cells";
import { serialFromYmd } from "../src/core/dates";
import { type RawTables, TABLES, type TableName } from "../src/core/schema";
import { validatePlan } from "../src/core/smart";
import { validatePlanAction } from "../src/actions/validate-plan";
import { createExcelPort } from "../src/ports/excel";
import { createFakeExcel } from "../test/fakes/office";
import { type Benchmark, medianMs, rng } from "./harness";

type Rows = CellValue[][];

const METRICS = ["Revenue", "Units", "NewCustomers"];
const REGIONS = ["East", "West", "North", "South"];
const keys = (t: TableName) => TABLES[t].columns.map((c) => c.key);
const headers = (t: TableName) => TABLES[t].columns.map((c) => c.en);
const grid = (t: TableName, rows: readonly Record<string, CellValue>[]): Rows => rows.map((r) => keys(t).map((k) => r[k] ?? null));

/** A plan of `goals` goals (1 in 20 with a fault), `actions` actions and `actuals` actuals rows (1 in 1,000 with a fault). */
function planRows(goals: number, actions: number, actuals: number): Record<"PlanTargets" | "PlanActions" | "PlanActuals", Rows> {
  const rand = rng(7);
  const start = serialFromYmd(2026, 1, 1);
  const end = serialFromYmd(2026, 12, 31);
  const targets = Array.from({ length: goals }, (_, i) => {
    const baseline = 1_000_000 + Math.round(rand() * 9_000_000);
    return {
      GoalID: `G-${String(i + 1).padStart(4, "0")}`, Goal: `${REGIONS[i % 4]} region ${METRICS[i % 3]} growth FY2026`,
      Objective: i % 20 === 7 ? null : "Grow the core regions", Metric: METRICS[i % 3]!, Unit: "CNY", Direction: "higher",
      Baseline: baseline, Target: Math.round(baseline * (1 + rand() * (i % 20 === 11 ? 1.5 : 0.4))),
      Start: start, End: end, Owner: `Owner ${i % 50}`, Region: REGIONS[i % 4]!, Parent: i >= 10 && i % 10 !== 0 ? `G-${String(i - (i % 10) + 1).padStart(4, "0")}` : null,
    };
  });
  const acts = Array.from({ length: actions }, (_, i) => ({
    ActionID: `A-${i + 1}`, GoalID: `G-${String((i % goals) + 1).padStart(4, "0")}`, Action: `Key-account visits round ${i}`,
    Owner: `Owner ${i % 50}`, Start: start + (i % 100), Due: start + 100 + (i % 200), Status: "In progress",
  }));
  const actual = Array.from({ length: actuals }, (_, i) => ({
    Date: i % 1000 === 999 ? "2026-13-01" : start + (i % 360), Metric: METRICS[i % 3]!, Value: Math.round(rand() * 100_000) / 100,
    Region: REGIONS[i % 4]!, Customer: `Customer ${i % 997}`,
  }));
  return { PlanTargets: grid("PlanTargets", targets), PlanActions: grid("PlanActions", acts), PlanActuals: grid("PlanActuals", actual) };
}

function rawTables(rows: ReturnType<typeof planRows>): RawTables {
  const out: RawTables = {};
  for (const [name, data] of Object.entries(rows) as [keyof typeof rows, Rows][]) {
    out[name] = { name, sheet: TABLES[name].sheet.en, headerRow: 1, firstCol: 1, headers: headers(name), rows: data };
  }
  return out;
}

const lastCol = (n: number) => String.fromCharCode(64 + n);

/** Syncs and bytes of the whole action against the Office.js fake. */
async function actionSyncs(rows: ReturnType<typeof planRows>): Promise<{ syncs: number; mb: number; ms: number }> {
  // An Excel table always has a data row: leave out a table with none.
  const names = (Object.keys(rows) as (keyof typeof rows)[]).filter((n) => rows[n].length > 0);
  const fake = createFakeExcel({
    name: "Plan.xlsx",
    sheets: names.map((n) => ({ name: TABLES[n].sheet.en, rows: [headers(n), ...rows[n]] as (string | number | boolean | null)[][] })),
    tables: names.map((n) => ({ name: n, sheet: TABLES[n].sheet.en, address: `A1:${lastCol(headers(n).length)}${rows[n].length + 1}` })),
  });
  const port = createExcelPort(fake.excelRun, { isSetSupported: fake.isSetSupported });
  fake.resetStats();
  const t0 = process.hrtime.bigint();
  const r = await validatePlanAction(port);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!r.ok || !r.wrote) throw new Error("validate action failed in the bench");
  const bytes = fake.stats.perSync.reduce((b, x) => b + x.requestBytes + x.responseBytes, 0);
  return { syncs: fake.stats.syncs, mb: bytes / 1e6, ms };
}

export const validateBenchmarks: Benchmark[] = [
  {
    name: "validate",
    run: async () => {
      const tables = rawTables(planRows(1_000, 5_000, 200_000));
      let findings = 0;
      const ms = medianMs(() => (findings = validatePlan(tables).findings.length), 5);
      const small = await actionSyncs(planRows(10, 10, 0));
      const big = await actionSyncs(planRows(1_000, 5_000, 100_000));
      return [
        { name: "validate.ms", value: ms, unit: "ms", note: `core validatePlan, 1,000 goals + 5,000 actions + 200,000 actuals (${findings} findings), median of 5` },
        { name: "syncs.validate.10", value: small.syncs, unit: "syncs", note: "whole action on the Office.js fake: 10 goals, 10 actions" },
        {
          name: "syncs.validate.100000", value: big.syncs, unit: "syncs",
          note: `whole action on the fake: 1,000 goals, 5,000 actions, 100,000 actuals rows; ${big.mb.toFixed(1)} MB moved, fixed ${small.syncs} + ${Math.ceil(big.mb / 4)} per ~4 MB allowed`,
        },
        { name: "validate.action.fake.ms", value: big.ms, unit: "ms", note: "the same action's wall time against the fake (JavaScript only, no Excel round trips)" },
      ];
    },
  },
];
