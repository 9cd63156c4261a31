/**
 * Inserting the plan template, on the memory port and into xlsx files (saved and read
 * back): the same six tables and headers come back in both languages; a plan is never
 * inserted twice; no existing sheet is overwritten.
 */
import { describe, expect, it } from "vitest";
import { serialFromYmd } from "../../src/core/dates";
import { TABLES, TABLE_NAMES, bindTable } from "../../src/core/schema";
import { validatePlan } from "../../src/core/smart";
import { insertTemplate } from "../../src/actions/insert-template";
import { memoryWorkbook } from "../../src/ports/memory";
import type { WorkbookSeed } from "../../src/ports/memory/seed";
import { newXlsx, openXlsx, saveXlsx } from "../../src/ports/xlsx";
import type { WorkbookPort } from "../../src/ports/types";
import { xlsxBytesFromSeed } from "../ports/xlsx-seed";

const TODAY = serialFromYmd(2026, 8, 15);

type Bed = { port: WorkbookPort; reopen: () => Promise<WorkbookPort> };
const beds: [string, (seed?: WorkbookSeed) => Promise<Bed>][] = [
  ["memory", async (seed) => {
    const port = memoryWorkbook(seed);
    return { port, reopen: async () => port };
  }],
  ["xlsx", async (seed) => {
    const port = seed ? await openXlsx(await xlsxBytesFromSeed(seed)) : newXlsx();
    return { port, reopen: async () => openXlsx(await saveXlsx(port)) };
  }],
];

for (const [name, make] of beds) {
  describe(`insert template (${name})`, () => {
    for (const lang of ["en", "zh-CN"] as const) {
      it(`reads back the six tables with their ${lang} headers`, async () => {
        const { port, reopen } = await make();
        const r = await insertTemplate(port, { lang });
        expect(r.ok).toBe(true);
        const tables = await (await reopen()).readPlanTables();
        expect(Object.keys(tables).sort()).toEqual([...TABLE_NAMES].sort());
        for (const t of TABLE_NAMES) {
          const raw = tables[t]!;
          expect(raw.headers, t).toEqual(TABLES[t].columns.map((c) => (lang === "zh-CN" ? c.zh : c.en)));
          expect(raw.sheet).toBe(lang === "zh-CN" ? TABLES[t].sheet.zh : TABLES[t].sheet.en);
          expect(raw.headerRow).toBe(1);
          expect(bindTable(raw).missing).toEqual([]);
        }
        expect(bindTable(tables.PlanTargets!).rows).toEqual([]);
        expect(tables.PlanSettings!.rows.map((row) => row[0])).toEqual(["FiscalYearStartMonth", "AtRiskThreshold", "MaxGrowth", "Language", "Currency"]);
      });
    }

    it("holds a sample plan that validates without a single error finding", async () => {
      const { port, reopen } = await make();
      expect(await insertTemplate(port, { lang: "en", sample: true, today: TODAY, fiscalStartMonth: 4 })).toMatchObject({ ok: true });
      const tables = await (await reopen()).readPlanTables();
      const v = validatePlan(tables, "en");
      expect(v.goals).toBe(6);
      expect(v.findings.filter((f) => f.severity === "error")).toEqual([]);
      expect(v.settings.fiscalYearStartMonth).toBe(4);
      expect(bindTable(tables.PlanActuals!).rows.length).toBeGreaterThan(150);
    });

    it("refuses a workbook that already has a plan, changing nothing", async () => {
      const { port } = await make({ sheets: [{ name: "My plan", cells: [["Goal ID", "Goal"], ["G-001", "x"]], tables: [{ name: "PlanTargets", ref: "A1:B2" }] }] });
      expect(await insertTemplate(port, { lang: "en" })).toEqual({ ok: false, error: { key: "plan.template.hasPlan", params: { sheet: "My plan" } } });
      expect((await port.listSheets()).map((s) => s.name)).toEqual(["My plan"]);
    });

    it("keeps the plan tables a workbook has and never overwrites a sheet: Targets (2)", async () => {
      const { port, reopen } = await make({ sheets: [
        { name: "Targets", cells: [["my own notes"]] },
        { name: "CRM", cells: [["Date", "Metric", "Value"], [{ date: 46_023 }, "Revenue", 5]], tables: [{ name: "PlanActuals", ref: "A1:C2" }] },
      ] });
      const r = await insertTemplate(port, { lang: "en" });
      expect(r).toEqual({
        ok: true,
        kept: ["PlanActuals"],
        sheets: [
          { table: "PlanTargets", sheet: "Targets (2)" }, { table: "PlanActions", sheet: "Actions" }, { table: "PlanRisks", sheet: "Risks" },
          { table: "PlanPhasing", sheet: "Phasing" }, { table: "PlanSettings", sheet: "Settings" },
        ],
      });
      const wb = await reopen();
      expect((await wb.readSheet("Targets")).values).toEqual([["my own notes"]]);
      const tables = await wb.readPlanTables();
      expect(tables.PlanActuals).toMatchObject({ sheet: "CRM", rows: [[46_023, "Revenue", 5]] });
      expect(tables.PlanTargets!.sheet).toBe("Targets (2)");
    });
  });
}

describe("insert template (memory): where the user lands", () => {
  it("activates the targets sheet and selects its first data cell", async () => {
    const wb = memoryWorkbook();
    await insertTemplate(wb, { lang: "zh-CN" });
    expect(wb.activeSheet).toBe("目标");
    expect(wb.selection).toEqual({ sheet: "目标", address: "A2" });
  });
});
