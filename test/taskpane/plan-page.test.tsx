// @vitest-environment jsdom
/**
 * The Plan page in each state: loading, empty (no plan), error, running, success, for
 * Insert template and for Convert a sheet with its mapping step.
 */
import * as React from "react";
import { describe, expect, it, vi } from "vitest";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { t } from "../../src/i18n";
import { PlanPage } from "../../src/taskpane/pages/PlanPage";
import type { InsertTemplateDone } from "../../src/taskpane/services";
import { deferred, previewModel, renderInPane, withServices } from "./bed";

describe("Plan page", () => {
  it("loading: says it is reading the workbook until the plan status arrives", async () => {
    const { model, services } = await previewModel("empty");
    const status = deferred<Awaited<ReturnType<typeof services.planStatus>>>();
    const m = { ...model, services: withServices(services, { planStatus: () => status.promise }) };
    renderInPane(<PlanPage model={m} />);
    expect(screen.getByText(t("en", "pane.plan.reading"))).toBeTruthy();
    await act(async () => status.resolve(await services.planStatus()));
    expect(screen.queryByText(t("en", "pane.plan.reading"))).toBeNull();
    expect(screen.getByTestId("plan-empty").textContent).toContain("No plan in this workbook yet: insert a template or convert this sheet.");
  });

  it("error: a workbook that cannot be read shows what to do", async () => {
    const { model, services } = await previewModel("empty");
    const failing = Object.assign(new Error("GeneralException"), { msg: { key: "pane.error.unexpected", params: { error: "GeneralException" } } });
    const m = { ...model, services: withServices(services, { planStatus: () => Promise.reject(failing) }) };
    renderInPane(<PlanPage model={m} />);
    const bar = await screen.findByTestId("problem");
    expect(bar.textContent).toContain("Something went wrong: GeneralException. If a cell is being edited, press Enter or Esc in Excel, then try again.");
  });

  it("empty → Insert template: the six sheets, in Chinese when asked, the sample in them, the status updated", async () => {
    const { model, workbook } = await previewModel("empty");
    renderInPane(<PlanPage model={model} />);
    await screen.findByTestId("plan-empty");
    fireEvent.change(screen.getByLabelText(t("en", "pane.plan.templateLang")), { target: { value: "zh-CN" } });
    fireEvent.change(screen.getByLabelText(t("en", "pane.plan.fiscalStart")), { target: { value: "4" } });
    fireEvent.click(screen.getByTestId("insert-template"));
    const done = await screen.findByTestId("insert-done");
    expect(done.textContent).toContain("Inserted the plan template: 目标, 实际, 行动计划, 风险, 分解, 设置.");
    expect(workbook.sheets.map((s) => s.name)).toEqual(["Sheet1", "目标", "实际", "行动计划", "风险", "分解", "设置"]);
    // Fiscal start 4 landed in PlanSettings (row 2 = FiscalYearStartMonth, Value in B).
    expect(workbook.cell("设置", "B2")?.value).toBe(4);
    // The sample plan is in the targets table (its first goal in row 2).
    expect(workbook.cell("目标", "A2")?.value).toBe("G-001");
    await waitFor(() => expect(screen.getByTestId("plan-status").textContent).toContain('goals in table PlanTargets on sheet "目标"'));
    expect((screen.getByTestId("insert-template") as HTMLButtonElement).disabled).toBe(true);
    // "Go to sheet" selects the first sheet.
    fireEvent.click(within(done).getByRole("button", { name: t("en", "pane.goToSheet") }));
    await waitFor(() => expect(workbook.selection).toEqual({ sheet: "目标", address: "A1" }));
  });

  it("running: the button is disabled and says so; a second click inserts nothing more", async () => {
    const { model, services } = await previewModel("empty");
    const gate = deferred<InsertTemplateDone>();
    const insert = vi.fn(() => gate.promise);
    const m = { ...model, services: withServices(services, { insertTemplate: insert }) };
    renderInPane(<PlanPage model={m} />);
    await screen.findByTestId("plan-empty");
    const button = screen.getByTestId("insert-template") as HTMLButtonElement;
    fireEvent.click(button);
    fireEvent.click(button);
    await act(() => m.stores.insert.run(() => gate.promise)); // a ribbon or second click while running: ignored
    expect(insert).toHaveBeenCalledTimes(1);
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe(t("en", "pane.plan.inserting"));
    expect(screen.getByTestId("working")).toBeTruthy();
    await act(async () => gate.resolve({ ok: true, sheets: [{ table: "PlanTargets", sheet: "Targets" }], kept: [] }));
    expect(screen.getByTestId("insert-done").textContent).toContain("Inserted the plan template: Targets.");
  });

  it("Convert: the mapping step shows the guess, the user corrects a column, the sheet becomes PlanTargets", async () => {
    const { model, workbook } = await previewModel("own");
    renderInPane(<PlanPage model={model} />);
    await screen.findByTestId("plan-empty");
    const before = workbook.sheet("My targets")!.cells.size;
    fireEvent.click(screen.getByTestId("convert-read"));
    const step = await screen.findByTestId("mapping-step");
    // Header row 4 under a title, a note and a blank row; 4 goals (the Total row is no goal).
    expect(step.textContent).toContain('Sheet "My targets": header row 4, 4 data rows.');
    const colE = screen.getByTestId("mapping-col-E") as HTMLSelectElement;
    expect(colE.value).toBe(""); // "Finish by" is no name the plan knows
    expect(screen.getByTestId("mapping-added").textContent).toBe("Required columns to be added at the right: Goal ID, Metric, End.");
    // Nothing has changed yet.
    expect(workbook.sheets.map((s) => s.name)).toEqual(["My targets"]);
    expect(workbook.sheet("My targets")!.cells.size).toBe(before);
    fireEvent.change(colE, { target: { value: "End" } });
    expect(screen.getByTestId("mapping-added").textContent).toBe("Required columns to be added at the right: Goal ID, Metric.");
    // Choosing a key another column has takes it from that column (one column per key).
    fireEvent.change(screen.getByTestId("mapping-col-F"), { target: { value: "Start" } });
    expect((screen.getByTestId("mapping-col-D") as HTMLSelectElement).value).toBe("");
    fireEvent.change(screen.getByTestId("mapping-col-F"), { target: { value: "" } });
    fireEvent.change(screen.getByTestId("mapping-col-D"), { target: { value: "Start" } });
    fireEvent.click(screen.getByTestId("convert-confirm"));
    const done = await screen.findByTestId("convert-done");
    expect(done.textContent).toContain('Converted sheet "My targets" into table PlanTargets: 4 rows, header row 4.');
    expect(done.textContent).toContain("Added columns: Goal ID, Metric.");
    expect(done.textContent).toContain("Kept as extra columns: Comments.");
    expect(done.textContent).toContain('The original sheet is kept, hidden, as "My targets (original)".');
    expect(workbook.table("PlanTargets")?.sheet).toBe("My targets");
    expect(workbook.cell("My targets", "E4")?.value).toBe("End");
    expect(workbook.sheet("My targets (original)")?.hidden).toBe(true);
  });

  it("Convert error: an empty sheet says there is nothing to convert", async () => {
    const { model } = await previewModel("empty");
    renderInPane(<PlanPage model={model} />);
    await screen.findByTestId("plan-empty");
    fireEvent.click(screen.getByTestId("convert-read"));
    const bar = await screen.findByTestId("problem");
    expect(bar.textContent).toContain('Sheet "Sheet1" is empty: there is nothing to convert.');
  });

  it("a workbook with a plan: says so, links to its sheet, and offers no template", async () => {
    const { model, workbook } = await previewModel("sample");
    renderInPane(<PlanPage model={model} />);
    const status = await screen.findByTestId("plan-status");
    expect(status.textContent).toContain('This workbook has a plan: 6 goals in table PlanTargets on sheet "Targets".');
    expect(screen.getByTestId("insert-not-needed").textContent).toBe("This workbook already has a plan, so there is no template to insert.");
    expect(screen.queryByTestId("insert-template")).toBeNull();
    // Sheets holding plan tables are not offered for conversion (the large actuals table is not read to know it).
    expect([...(screen.getByTestId("convert-sheet-select") as HTMLSelectElement).options].map((o) => o.value)).toEqual(["Actuals"]);
    fireEvent.click(within(status).getByRole("button", { name: "Go to sheet" }));
    await waitFor(() => expect(workbook.selection).toEqual({ sheet: "Targets", address: "A1" }));
  });

  it("speaks Chinese", async () => {
    const { model } = await previewModel("own", "zh-CN");
    renderInPane(<PlanPage model={model} />, "zh-CN");
    expect((await screen.findByTestId("plan-empty")).textContent).toContain("此工作簿中还没有计划：请插入模板，或转换此工作表。");
    expect((screen.getByTestId("convert-sheet-select") as HTMLSelectElement).value).toBe("我的目标");
    expect(screen.getByTestId("insert-template").textContent).toBe("插入模板");
  });
});
