// @vitest-environment jsdom
/**
 * The Validate page in each state: idle, running, error (no plan), success with findings
 * (summary, grouping, filters, a click selecting the finding's cell) and success without.
 */
import * as React from "react";
import { describe, expect, it, vi } from "vitest";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { t } from "../../src/i18n";
import { ValidatePage } from "../../src/taskpane/pages/ValidatePage";
import type { ValidateDone } from "../../src/taskpane/services";
import { changedKeys, deferred, previewModel, renderInPane, snapshot, withServices } from "./bed";

/** The "own" preview converted as a user would: column E ("Finish by") corrected to End. */
async function convertedOwn() {
  const bed = await previewModel("own");
  const r = await bed.services.convertSheet({ sheet: "My targets", mapping: { 5: "End" } });
  expect(r.plan.added).toEqual(["GoalID", "Metric"]); // so G = Goal ID, H = Metric
  return bed;
}

describe("Validate page", () => {
  it("idle: explains what checking does and offers Check plan", async () => {
    const { model } = await previewModel("sample");
    renderInPane(<ValidatePage model={model} />);
    expect(screen.getByTestId("validate-run").textContent).toBe("Check plan");
    expect(screen.queryByTestId("validate-result")).toBeNull();
  });

  it("error: no plan says what to do, and Go to Plan opens the Plan page", async () => {
    const { model } = await previewModel("own");
    renderInPane(<ValidatePage model={model} />);
    fireEvent.click(screen.getByTestId("validate-run"));
    const bar = await screen.findByTestId("problem");
    expect(bar.textContent).toContain("No plan in this workbook yet: insert a template or convert this sheet.");
    fireEvent.click(within(bar).getByRole("button", { name: "Go to Plan" }));
    expect(model.page.get()).toBe("plan");
  });

  it("running: progress shows, the button is disabled, a second click validates nothing more", async () => {
    const { model, services } = await previewModel("sample");
    const gate = deferred<ValidateDone>();
    const validate = vi.fn(() => gate.promise);
    const m = { ...model, services: withServices(services, { validate }) };
    renderInPane(<ValidatePage model={m} />);
    const button = screen.getByTestId("validate-run") as HTMLButtonElement;
    fireEvent.click(button);
    fireEvent.click(button);
    expect(validate).toHaveBeenCalledTimes(1);
    expect(button.disabled).toBe(true);
    expect(screen.getByTestId("working").textContent).toContain("Checking the plan…");
    await act(async () => gate.resolve(await services.validate("en")));
    expect(screen.getByTestId("no-findings")).toBeTruthy();
    expect(button.textContent).toBe("Check again");
  });

  it("success, clean plan: no findings, scores written into the SMART column and nowhere else", async () => {
    const { model, workbook } = await previewModel("sample");
    const before = snapshot(workbook);
    renderInPane(<ValidatePage model={model} />);
    fireEvent.click(screen.getByTestId("validate-run"));
    expect((await screen.findByTestId("no-findings")).textContent).toContain("No findings: all 6 goals are SMART and the data is clean.");
    expect(screen.getByTestId("summary-goals").textContent).toBe("6goals");
    expect(screen.getByTestId("scores-written").textContent).toBe('Scores of 6 goals written into column SMART of PlanTargets on sheet "Targets"; no other cell changed.');
    // The targets table had 17 columns (A–Q): SMART is column 18 (R), header in row 1 and a 5 for each of the 6 goals.
    const changed = changedKeys(before, snapshot(workbook));
    expect(changed).toEqual(["Targets!1,18", "Targets!2,18", "Targets!3,18", "Targets!4,18", "Targets!5,18", "Targets!6,18", "Targets!7,18"]);
    expect(workbook.cell("Targets", "R1")?.value).toBe("SMART");
    expect(workbook.cell("Targets", "R2")?.value).toBe(5);
  });

  it("success with findings: summary, findings by goal, filters, and a click selects the cell", async () => {
    const { model, workbook } = await convertedOwn();
    renderInPane(<ValidatePage model={model} />);
    fireEvent.click(screen.getByTestId("validate-run"));
    await screen.findByTestId("validate-result");
    expect(screen.getByTestId("summary-goals").textContent).toBe("4goals");
    // Every goal lacks a metric (the Metric column was added blank): at least four M1 errors.
    const m1 = screen.getAllByTestId("finding").filter((f) => f.textContent?.startsWith("M1"));
    expect(m1).toHaveLength(4);
    // Grouped by goal, in PlanTargets order.
    const heads = screen.getAllByRole("region").map((r) => r.getAttribute("aria-label")).filter((x) => x !== null);
    expect(heads.slice(0, 4)).toEqual(["G-001", "G-002", "G-003", "G-004"]);
    // Click G-001's M1: its Metric cell, H5 on "My targets" (row 5 is the first goal), is selected.
    fireEvent.click(m1[0]!);
    await screen.findByText("Selected 'My targets'!H5.");
    expect(workbook.selection).toEqual({ sheet: "My targets", address: "H5" });
    expect(m1[0]!.getAttribute("aria-pressed")).toBe("true");
    // Severity filter: errors only.
    fireEvent.click(screen.getByRole("button", { name: /^warning/ }));
    fireEvent.click(screen.getByRole("button", { name: /^info/ }));
    for (const f of screen.getAllByTestId("finding")) expect(f.textContent).toContain(`${t("en", "validate.severity.error")} ·`);
    // Letter filter: nothing but S left on, and S findings only.
    for (const l of ["M", "A", "R", "T", "P", "D"]) fireEvent.click(screen.getByRole("button", { name: t("en", `pane.validate.letter.${l}`) }));
    for (const f of screen.queryAllByTestId("finding")) expect(f.textContent).toMatch(/^S\d/);
  });

  it("re-running after a fix updates the list", async () => {
    const { model, workbook } = await convertedOwn();
    renderInPane(<ValidatePage model={model} />);
    fireEvent.click(screen.getByTestId("validate-run"));
    await screen.findByTestId("validate-result");
    const before = screen.getAllByTestId("finding").filter((f) => f.textContent?.startsWith("M1")).length;
    // The user types a metric for G-001 in H5.
    await workbook.applySheetSpec({ name: "My targets", mode: "patch", blocks: [{ row: 5, col: 8, cells: [[{ t: "s", v: "Revenue" }]] }] });
    fireEvent.click(screen.getByTestId("validate-run"));
    await screen.findByText("Check again");
    await vi.waitFor(() => expect(screen.getAllByTestId("finding").filter((f) => f.textContent?.startsWith("M1")).length).toBe(before - 1));
  });
});
