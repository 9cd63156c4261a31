/**
 * Converting messy sheets of users' own, on the memory port and on xlsx files (written,
 * converted, saved and read back): the mapping is as expected, and every value typed is
 * still in the workbook afterwards.
 */
import { describe, expect, it } from "vitest";
import { type CellValue, cellText, isBlank } from "../../src/core/cells";
import { bindTable } from "../../src/core/schema";
import { convertSheet, previewConversion } from "../../src/actions/convert-sheet";
import { memoryWorkbook } from "../../src/ports/memory";
import type { SeedSheet, WorkbookSeed } from "../../src/ports/memory/seed";
import { openXlsx, saveXlsx } from "../../src/ports/xlsx";
import type { SheetContents, WorkbookPort } from "../../src/ports/types";
import type { ConvertKind } from "../../src/core/detect";
import { xlsxBytesFromSeed } from "../ports/xlsx-seed";
import { valueAt } from "../ports/contract";

interface Case {
  name: string;
  sheet: SeedSheet;
  kind?: ConvertKind;
  expect: {
    table: string;
    headerRow: number;
    mapping: [string, string, number][];
    unmapped: string[];
    added: string[];
    rows: number;
  };
  /** Extra checks on the converted sheet. */
  check?: (after: SheetContents) => void;
}

const CASES: Case[] = [
  {
    name: "title rows and a merged title above the header (row 4)",
    sheet: {
      name: "Targets 2026",
      cells: [
        ["2026 sales targets", null, null, null, null, null, null, null],
        ["Prepared by finance, 2025-12-01", null, null, null, null, null, null, null],
        [],
        ["ID", "Goal", "KPI", "Quota", "Start date", "Deadline", "Owner", "Region"],
        ["T1", "Grow East revenue to 9M", "Revenue", 9_000_000, { date: 46_023 }, { date: 46_387 }, "Ann", "East"],
        ["T2", "Win 40 new customers", "NewCustomers", 40, { date: 46_023 }, { date: 46_387 }, "Bo", null],
      ],
      merges: ["A1:H1"],
    },
    expect: {
      table: "PlanTargets", headerRow: 4,
      mapping: [["ID", "GoalID", 0.8], ["Goal", "Goal", 1], ["KPI", "Metric", 0.8], ["Quota", "Target", 0.8], ["Start date", "Start", 0.8], ["Deadline", "End", 0.8], ["Owner", "Owner", 1], ["Region", "Region", 1]],
      unmapped: [], added: [], rows: 2,
    },
    check: (after) => {
      expect(valueAt(after, 1, 1)).toBe("2026 sales targets");
      expect(after.merges).toContainEqual({ row: 1, col: 1, rows: 1, cols: 8 });
    },
  },
  {
    name: "a hand-made Chinese target sheet: every header mapped by a Chinese alias",
    sheet: {
      name: "目标表",
      cells: [
        ["序号", "销售目标", "考核指标", "目标金额", "起始日期", "截止日期", "负责人", "大区", "上年实际", "币种"],
        [1, "华东区域销售额达到900万", "销售额", 9_000_000, { date: 46_023 }, { date: 46_387 }, "李伟", "华东", 8_000_000, "CNY"],
        [2, "新客户销售额达到150万", "销售额", 1_500_000, { date: 46_204 }, { date: 46_295 }, "王芳", "华东", 1_200_000, "CNY"],
        [3, "华北销量达到12000件", "销量", 12_000, { date: 46_023 }, { date: 46_387 }, "张强", "华北", 10_500, "件"],
      ],
    },
    expect: {
      table: "PlanTargets", headerRow: 1,
      mapping: [["序号", "GoalID", 0.8], ["销售目标", "Goal", 0.8], ["考核指标", "Metric", 0.8], ["目标金额", "Target", 0.8], ["起始日期", "Start", 0.8], ["截止日期", "End", 0.8], ["负责人", "Owner", 1], ["大区", "Region", 0.8], ["上年实际", "Baseline", 0.8], ["币种", "Unit", 0.8]],
      unmapped: [], added: [], rows: 3,
    },
    check: (after) => expect(after.values[0]).toEqual(["目标编号", "目标", "指标", "目标值", "开始日期", "结束日期", "负责人", "区域", "基线", "单位"]),
  },
  {
    name: "extra columns stay as extra table columns",
    sheet: {
      name: "Goals",
      cells: [
        ["Goal ID", "Goal", "Metric", "Target", "Start", "End", "Probability", "Comments"],
        ["G-001", "Grow revenue", "Revenue", 100, { date: 46_023 }, { date: 46_387 }, 0.7, "stretch"],
      ],
    },
    expect: {
      table: "PlanTargets", headerRow: 1,
      mapping: [["Goal ID", "GoalID", 1], ["Goal", "Goal", 1], ["Metric", "Metric", 1], ["Target", "Target", 1], ["Start", "Start", 1], ["End", "End", 1]],
      unmapped: ["Probability", "Comments"], added: [], rows: 1,
    },
  },
  {
    name: "text dates stay as typed",
    sheet: {
      name: "Actions",
      cells: [
        ["Action", "Owner", "Due", "Status"],
        ["Call 150 leads", "Ann", "2026-9-30", "In progress"],
        ["Open two dealers", "Bo", "2026/10/15", "Not started"],
        ["Referral rewards", "Cy", "2026年12月1日", "未开始"],
      ],
    },
    expect: {
      table: "PlanActions", headerRow: 1,
      mapping: [["Action", "Action", 1], ["Owner", "Owner", 1], ["Due", "Due", 1], ["Status", "Status", 1]],
      unmapped: [], added: ["ActionID"], rows: 3,
    },
    check: (after) => {
      expect(after.values.slice(1).map((r) => r[2])).toEqual(["2026-9-30", "2026/10/15", "2026年12月1日"]);
      expect(after.values.slice(1).map((r) => r[4])).toEqual(["A-001", "A-002", "A-003"]);
    },
  },
  {
    name: "blank rows among the data are dropped",
    sheet: {
      name: "Sales",
      cells: [
        ["Date", "Metric", "Value", "Region"],
        [{ date: 46_023 }, "Revenue", 100, "East"],
        [],
        [],
        [{ date: 46_024 }, "Revenue", 200, "North"],
        [],
        [{ date: 46_025 }, "Units", 3, "East"],
      ],
    },
    expect: {
      table: "PlanActuals", headerRow: 1,
      mapping: [["Date", "Date", 1], ["Metric", "Metric", 1], ["Value", "Value", 1], ["Region", "Region", 1]],
      unmapped: [], added: [], rows: 3,
    },
    check: (after) => expect(after.values.length).toBe(4),
  },
  {
    name: "a header row at row 5 under notes",
    sheet: {
      name: "Risks",
      cells: [
        ["Risk register"],
        ["Owner: sales ops"],
        ["Reviewed monthly"],
        [],
        ["Risk", "Likelihood", "Impact", "Owner"],
        ["Competitor cuts prices", 4, 4, "Ann"],
        ["Freight costs rise", 2, 3, "Bo"],
      ],
    },
    expect: {
      table: "PlanRisks", headerRow: 5,
      mapping: [["Risk", "Risk", 1], ["Likelihood", "Likelihood", 1], ["Impact", "Impact", 1], ["Owner", "Owner", 1]],
      unmapped: [], added: ["RiskID"], rows: 2,
    },
    check: (after) => expect([1, 2, 3].map((r) => valueAt(after, r, 1))).toEqual(["Risk register", "Owner: sales ops", "Reviewed monthly"]),
  },
  {
    name: "duplicate headers: the first wins, the others stay",
    sheet: {
      name: "Dup",
      cells: [
        ["Goal", "Target", "Target", "Owner", "owner"],
        ["Grow", 100, 120, "Ann", "Bo"],
      ],
    },
    expect: {
      table: "PlanTargets", headerRow: 1,
      mapping: [["Goal", "Goal", 1], ["Target", "Target", 1], ["Owner", "Owner", 1]],
      unmapped: ["Target", "owner"], added: ["GoalID", "Metric", "Start", "End"], rows: 1,
    },
    check: (after) => expect(after.values[0]).toEqual(["Goal", "Target", "Target2", "Owner", "owner2", "Goal ID", "Metric", "Start", "End"]),
  },
  {
    name: "a sheet with only headers",
    sheet: { name: "New", cells: [["Goal ID", "Goal", "Metric", "Target", "Start", "End"]] },
    expect: {
      table: "PlanTargets", headerRow: 1,
      mapping: [["Goal ID", "GoalID", 1], ["Goal", "Goal", 1], ["Metric", "Metric", 1], ["Target", "Target", 1], ["Start", "Start", 1], ["End", "End", 1]],
      unmapped: [], added: [], rows: 0,
    },
  },
  {
    name: "a CRM export with no Metric column and a totals row",
    sheet: {
      name: "Export",
      cells: [
        ["Order date", "Customer", "Product", "Amount", "Sales rep", "Region"],
        [{ date: 46_023 }, "Acme", "Pro", 1200, "Lily", "East"],
        [{ date: 46_024 }, "Beta", "Standard", 800, "Tom", "North"],
        [{ date: 46_030 }, "Gamma", "Pro", 500, "Lily", "East"],
        ["Total", null, null, { f: "=SUM(D2:D4)", v: 2500 }, null, null],
      ],
    },
    expect: {
      table: "PlanActuals", headerRow: 1,
      mapping: [["Order date", "Date", 0.8], ["Customer", "Customer", 1], ["Product", "Product", 1], ["Amount", "Value", 0.8], ["Sales rep", "Rep", 0.8], ["Region", "Region", 1]],
      unmapped: [], added: ["Metric"], rows: 3,
    },
    check: (after) => {
      expect(after.values.slice(1, 4).map((r) => r[6])).toEqual(["Revenue", "Revenue", "Revenue"]);
      expect(valueAt(after, 5, 1)).toBe("Total");
      expect(after.formulas[4]![3]).toBe("=SUM(D2:D4)");
    },
  },
  {
    name: "a Chinese CRM export with a 合计 row after a blank row",
    sheet: {
      name: "订单",
      cells: [
        ["订单日期", "客户名称", "产品", "金额", "业务员", "地区"],
        [{ date: 46_023 }, "华信贸易", "专业版", 12_000, "陈静", "华东"],
        [],
        [{ date: 46_025 }, "北辰食品", "标准版", 8_000, "赵磊", "华北"],
        ["合计", null, null, { f: "=SUM(D2:D4)", v: 20_000 }, null, null],
      ],
    },
    expect: {
      table: "PlanActuals", headerRow: 1,
      mapping: [["订单日期", "Date", 0.8], ["客户名称", "Customer", 0.8], ["产品", "Product", 1], ["金额", "Value", 0.8], ["业务员", "Rep", 0.8], ["地区", "Region", 0.8]],
      unmapped: [], added: ["Metric"], rows: 2,
    },
    check: (after) => {
      expect(after.values.slice(1, 3).map((r) => r[6])).toEqual(["销售额", "销售额"]);
      // The total stays on row 5; its sum still covers the (now packed) data rows 2–3 and the blank row 4.
      expect(valueAt(after, 5, 1)).toBe("合计");
      expect(after.formulas[4]![3]).toBe("=SUM(D2:D4)");
    },
  },
  {
    name: "text that looks like a formula, a number or a date stays text",
    sheet: {
      name: "Looks",
      cells: [
        ["Goal", "Product", "Owner", "Region", "Target", "Start", "End", "Metric"],
        ["=1+1", "00123", "@ann", "-", 100, "2026-01-01", "TRUE", "+Revenue"],
      ],
    },
    expect: {
      table: "PlanTargets", headerRow: 1,
      mapping: [["Goal", "Goal", 1], ["Product", "Product", 1], ["Owner", "Owner", 1], ["Region", "Region", 1], ["Target", "Target", 1], ["Start", "Start", 1], ["End", "End", 1], ["Metric", "Metric", 1]],
      unmapped: [], added: ["GoalID"], rows: 1,
    },
    check: (after) => {
      expect(after.values[1]!.slice(0, 8)).toEqual(["=1+1", "00123", "@ann", "-", 100, "2026-01-01", "TRUE", "+Revenue"]);
      expect(after.formulas[1]!.slice(0, 8)).toEqual([null, null, null, null, null, null, null, null]);
    },
  },
  {
    name: "merged data cells (a region merged down its rows) and subtotals",
    sheet: {
      name: "分区",
      cells: [
        ["区域", "日期", "金额"],
        ["华东", { date: 46_023 }, 100],
        [null, { date: 46_024 }, 200],
        ["小计", null, { f: "=SUM(C2:C3)", v: 300 }],
        ["华北", { date: 46_025 }, 50],
        ["总计", null, { f: "=C4+C5", v: 350 }],
      ],
      merges: ["A2:A3"],
    },
    expect: {
      table: "PlanActuals", headerRow: 1,
      mapping: [["区域", "Region", 1], ["日期", "Date", 1], ["金额", "Value", 0.8]],
      unmapped: [], added: ["Metric"], rows: 3,
    },
    check: (after) => {
      expect(after.values.slice(1, 4).map((r) => r[0])).toEqual(["华东", "华东", "华北"]);
      expect(after.merges).toEqual([]);
      // 小计 (row 4) moved below the table to row 5; 总计 stays on row 6.
      expect(valueAt(after, 5, 1)).toBe("小计");
      expect(valueAt(after, 6, 1)).toBe("总计");
    },
  },
];

/** Values of a sheet by column, as multisets of display text (blanks left out). */
function columnValues(s: SheetContents, fromRow = 1): Map<number, string[]> {
  const out = new Map<number, string[]>();
  s.values.forEach((row, i) => {
    if (s.origin.row + i < fromRow) return;
    row.forEach((v, j) => {
      if (isBlank(v) || s.formulas[i]![j]) return;
      const col = s.origin.col + j;
      out.set(col, [...(out.get(col) ?? []), cellText(v)]);
    });
  });
  return out;
}

function formulaCount(s: SheetContents): number {
  return s.formulas.flat().filter(Boolean).length;
}

async function onMemory(seed: WorkbookSeed): Promise<{ port: WorkbookPort; reopen: () => Promise<WorkbookPort> }> {
  const port = memoryWorkbook(seed);
  return { port, reopen: async () => port };
}

async function onXlsx(seed: WorkbookSeed): Promise<{ port: WorkbookPort; reopen: () => Promise<WorkbookPort> }> {
  const port = await openXlsx(await xlsxBytesFromSeed(seed));
  return { port, reopen: async () => openXlsx(await saveXlsx(port)) };
}

for (const [portName, open] of [["memory", onMemory], ["xlsx", onXlsx]] as const) {
  describe(`converting messy sheets (${portName})`, () => {
    for (const c of CASES) {
      it(c.name, async () => {
        const seed: WorkbookSeed = { sheets: [c.sheet, { name: "Other", cells: [["untouched", 1]] }] };
        const { port, reopen } = await open(seed);
        const before = await port.readSheet(c.sheet.name);
        const other = await port.readSheet("Other");
        const result = await convertSheet(port, { sheet: c.sheet.name, kind: c.kind });
        if (!result.ok) throw new Error(`refused: ${result.error.key}`);
        const { plan } = result;
        expect({
          table: plan.table, headerRow: plan.headerRow, mapping: plan.mapping.map((m) => [m.header, m.key, m.confidence]),
          unmapped: plan.unmapped, added: plan.added, rows: plan.rows,
        }).toEqual(c.expect);

        const wb = await reopen();
        const after = await wb.readSheet(c.sheet.name);
        const original = await wb.readSheet(result.original!);
        // The hidden copy is the sheet as it was.
        expect(result.original).toBe(`${c.sheet.name} (original)`);
        expect((await wb.listSheets()).find((x) => x.name === result.original)).toEqual({ name: result.original, visible: false });
        expect(original.values).toEqual(before.values);
        expect(original.formulas).toEqual(before.formulas);
        // Other sheets are untouched.
        expect(await wb.readSheet("Other")).toEqual(other);
        // Rows above the header are as they were.
        for (let r = before.origin.row; r < plan.headerRow; r++) {
          expect(after.values[r - after.origin.row] ?? [], `row ${r}`).toEqual(expect.arrayContaining((before.values[r - before.origin.row] ?? []).filter((v) => !isBlank(v))));
        }
        // Every value typed below the header is still in its column; every formula is still there.
        const was = columnValues(before, plan.headerRow + 1);
        const now = columnValues(after, plan.headerRow + 1);
        for (const [col, values] of was) {
          const left = [...(now.get(col) ?? [])];
          for (const v of values) {
            const i = left.indexOf(v);
            expect(i, `"${v}" of column ${col}`).toBeGreaterThanOrEqual(0);
            left.splice(i, 1);
          }
        }
        expect(formulaCount(after)).toBeGreaterThanOrEqual(formulaCount(before));
        // Every header typed is reported: mapped (renamed) or kept.
        const headers = (before.values[plan.headerRow - before.origin.row] ?? []).filter((v) => !isBlank(v)).map(cellText);
        expect([...plan.mapping.map((m) => m.header), ...plan.unmapped].sort()).toEqual(expect.arrayContaining(headers.sort()));

        // The plan table reads back with every required column and exactly the data rows.
        const table = (await wb.readPlanTables())[plan.table]!;
        expect(table.sheet).toBe(c.sheet.name);
        const bound = bindTable(table);
        expect(bound.missing).toEqual([]);
        expect(bound.rows).toHaveLength(c.expect.rows);
        c.check?.(after);
      });
    }

    it("refuses an empty sheet, and changes nothing", async () => {
      const { port } = await open({ sheets: [{ name: "Empty" }, { name: "Data", cells: [["x"]] }] });
      expect(await convertSheet(port, { sheet: "Empty" })).toEqual({ ok: false, error: { key: "plan.convert.empty", params: { sheet: "Empty" } } });
      expect((await port.listSheets()).map((s) => s.name)).toEqual(["Empty", "Data"]);
    });

    it("refuses a second PlanTargets, and a sheet that is not there", async () => {
      const { port } = await open({ sheets: [
        { name: "Plan", cells: [["Goal ID", "Goal"], ["G-001", "x"]], tables: [{ name: "PlanTargets", ref: "A1:B2" }] },
        { name: "Mine", cells: [["Goal", "Target"], ["Grow", 5]] },
      ] });
      expect(await convertSheet(port, { sheet: "Mine" })).toEqual({ ok: false, error: { key: "plan.convert.tableExists", params: { table: "PlanTargets", sheet: "Plan" } } });
      expect(await convertSheet(port, { sheet: "Nope" })).toMatchObject({ ok: false, error: { key: "plan.convert.noSheet" } });
      expect((await port.listSheets()).map((s) => s.name)).toEqual(["Plan", "Mine"]);
    });

    it("previews without changing anything, picks the first visible non-plan sheet, and can drop the original", async () => {
      const { port } = await open({ sheets: [
        { name: "Hidden", hidden: true, cells: [["Goal"], ["x"]] },
        { name: "Mine", cells: [["Date", "Amount"], [{ date: 46_023 }, 5]] },
      ] });
      const preview = await previewConversion(port);
      expect(preview).toMatchObject({ ok: true, plan: { sheet: "Mine", table: "PlanActuals" } });
      expect(await port.readPlanTables()).toEqual({});
      const done = await convertSheet(port, { keepOriginal: false, metric: "Units" });
      expect(done).toMatchObject({ ok: true, original: null });
      expect((await port.listSheets()).map((s) => s.name)).toEqual(["Hidden", "Mine"]);
      expect((await port.readPlanTables()).PlanActuals!.rows).toEqual([[46_023, 5, "Units"]]);
    });
  });
}
