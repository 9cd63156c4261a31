/**
 * Ribbon commands (Check plan, Review this quarter): registered under the FunctionNames the
 * manifest's buttons call, each opening the pane on its page, running the action on the
 * pane's own stores (so the pane shows progress and result), completing the Office event,
 * and doing nothing more when clicked again while running. Also: the pane's services run
 * unchanged on the Office.js port (over the Office.js fake), as they do inside Excel.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { serialFromYmd } from "../../src/core/dates";
import type { Lang } from "../../src/i18n";
import { createExcelPort } from "../../src/ports/excel";
import { COMMAND_IDS, checkPlan, registerCommands, reviewThisQuarter } from "../../src/commands/commands";
import { createModel, type PaneSession } from "../../src/taskpane/model";
import { ownSheetSeed, previewWorkbook } from "../../src/taskpane/preview";
import { createServices } from "../../src/taskpane/services";
import { Observable } from "../../src/taskpane/store";
import { fakeFromPortSeed } from "../fakes/office/from-port-seed";

const TODAY = serialFromYmd(2026, 8, 15);

async function session(scenario: "sample" | "own" = "sample", lang: Lang = "en"): Promise<PaneSession> {
  const workbook = await previewWorkbook(scenario, lang, TODAY);
  const model = createModel(createServices(workbook, { now: () => TODAY + 0.5 }), { workbook, scenario });
  return { inExcel: true, model: new Observable(model), lang: new Observable(lang), theme: new Observable({ dark: false }) };
}

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

describe("ribbon commands", () => {
  it("are registered under the manifest's FunctionNames, and complete their event", async () => {
    const manifest = readFileSync(join(__dirname, "../../manifest.xml"), "utf8");
    const names = [...manifest.matchAll(/<FunctionName>([^<]+)<\/FunctionName>/g)].map((m) => m[1]);
    expect(names.sort()).toEqual(Object.values(COMMAND_IDS).sort());
    const handlers = new Map<string, (e: { completed: () => void }) => void>();
    (globalThis as { Office?: unknown }).Office = { actions: { associate: (id: string, fn: (e: { completed: () => void }) => void) => handlers.set(id, fn) } };
    const s = await session();
    const showPane = vi.fn(async () => undefined);
    registerCommands({ session: s, showPane, today: () => TODAY });
    expect([...handlers.keys()].sort()).toEqual(Object.values(COMMAND_IDS).sort());
    const completed = vi.fn();
    handlers.get(COMMAND_IDS.checkPlan)!({ completed });
    await vi.waitFor(() => expect(completed).toHaveBeenCalledTimes(1));
    expect(showPane).toHaveBeenCalledTimes(1);
    expect(s.model.get().stores.validate.get().status).toBe("done");
  });

  it("Check plan opens the Validate page and validates; a second click while running does nothing", async () => {
    const s = await session();
    const model = s.model.get();
    const validate = vi.spyOn(model.services, "validate");
    const host = { session: s, showPane: vi.fn(async () => undefined) };
    await Promise.all([checkPlan(host), checkPlan(host)]);
    expect(validate).toHaveBeenCalledTimes(1);
    expect(model.page.get()).toBe("validate");
    const state = model.stores.validate.get();
    expect(state.status === "done" && state.result.summary.goals).toBe(6);
  });

  it("Review this quarter builds the review of today's quarter and opens the Review page", async () => {
    const s = await session();
    const model = s.model.get();
    await reviewThisQuarter({ session: s, showPane: async () => undefined, today: () => TODAY });
    expect(model.page.get()).toBe("review");
    const state = model.stores.review.get();
    expect(state.status === "done" && [state.result.label, state.result.sheet]).toEqual(["2026-Q3", "Review 2026-Q3"]);
    expect(model.preview!.workbook.activeSheet).toBe("Review 2026-Q3");
  });

  it("Review this quarter uses the fiscal year of PlanSettings", async () => {
    const s = await session("sample", "zh-CN");
    const model = s.model.get();
    await model.services.writeSettings({ FiscalYearStartMonth: { t: "n", v: 4 } });
    await reviewThisQuarter({ session: s, showPane: async () => undefined, today: () => TODAY });
    // 2026-08-15 with April starts: FY2027 (ending 2027-03-31), its Q2 (July–September).
    const state = model.stores.review.get();
    expect(state.status === "done" && state.result.sheet).toBe("复盘 FY2027-Q2");
  });

  it("reports a failure in the pane (a plan without actuals)", async () => {
    const s = await session("own");
    const model = s.model.get();
    await model.services.convertSheet({ sheet: "My targets", mapping: { 5: "End" } });
    await reviewThisQuarter({ session: s, showPane: async () => undefined, today: () => TODAY });
    const state = model.stores.review.get();
    expect(state.status === "failed" && state.problem).toEqual({ key: "review.err.noActuals" });
  });
});

describe("the pane's services on the Office.js port", () => {
  it("convert, validate, review and settings work inside Excel as in the preview", async () => {
    const own = ownSheetSeed("en", TODAY);
    const fake = fakeFromPortSeed({ name: "Book1.xlsx", sheets: [{ name: own.name, cells: own.cells, merges: ["A1:F1"] }] });
    const services = createServices(createExcelPort(fake.excelRun, { isSetSupported: fake.isSetSupported }), { now: () => TODAY + 0.5 });
    const status = await services.planStatus();
    expect(status.targetsSheet).toBeNull();
    const converted = await services.convertSheet({ sheet: "My targets", mapping: { 5: "End" } });
    expect(converted.plan.rows).toBe(4);
    expect(fake.tableHeaders("PlanTargets").slice(0, 6)).toEqual(["Goal", "Owner", "Target", "Start", "End", "Comments"]);
    const v = await services.validate("en");
    expect(v.summary.goals).toBe(4);
    const m1 = v.validation.findings.find((f) => f.code === "M1")!;
    expect(await services.selectFinding(v, m1)).toEqual({ sheet: "My targets", address: "H5" });
    expect(fake.activeSheet()).toBe("My targets");
  });

  it("the sample plan: review generated and settings written through Office.js", async () => {
    const wb = await previewWorkbook("sample", "en", TODAY);
    // The same sample, written into the fake through the Office.js port.
    const fake = fakeFromPortSeed({ name: "Book1.xlsx", sheets: [] });
    const port = createExcelPort(fake.excelRun, { isSetSupported: fake.isSetSupported });
    const services = createServices(port, { now: () => TODAY + 0.5 });
    const inserted = await services.insertTemplate({ lang: "en", sample: true, today: TODAY });
    expect(inserted.sheets.map((x) => x.sheet)).toEqual(wb.sheets.map((x) => x.name));
    const review = await services.generateReview({ period: "2026-Q3", asOf: TODAY, lang: "en" });
    expect(review).toMatchObject({ sheet: "Review 2026-Q3", label: "2026-Q3", goals: 6, regenerated: false });
    expect(fake.activeSheet()).toBe("Review 2026-Q3");
    const saved = await services.writeSettings({ AtRiskThreshold: { t: "n", v: 0.8 } });
    expect(saved.written).toEqual([{ key: "AtRiskThreshold", address: "B3" }]);
    expect(fake.values("Settings", "B3")).toEqual([[0.8]]);
  });
});
