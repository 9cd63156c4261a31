// @vitest-environment jsdom
/**
 * The Settings page: the pane's language, and PlanSettings read and written in each state
 * (loading, no table, error, invalid input, running, saved: only the changed Value cells).
 */
import * as React from "react";
import { describe, expect, it, vi } from "vitest";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { SettingsPage, changedValues } from "../../src/taskpane/pages/SettingsPage";
import type { SettingsSaved, SettingsSnapshot } from "../../src/taskpane/services";
import { changedKeys, deferred, previewModel, renderInPane, snapshot, withServices } from "./bed";

describe("Settings page", () => {
  it("switches the pane's language", async () => {
    const { model } = await previewModel("sample");
    const onLang = vi.fn();
    renderInPane(<SettingsPage model={model} onLang={onLang} />);
    fireEvent.click(screen.getByRole("radio", { name: "中文 (简体)" }));
    expect(onLang).toHaveBeenCalledWith("zh-CN");
  });

  it("loading, then the plan's settings as the table holds them", async () => {
    const { model, services } = await previewModel("sample");
    const gate = deferred<SettingsSnapshot | null>();
    const m = { ...model, services: withServices(services, { readSettings: () => gate.promise }) };
    renderInPane(<SettingsPage model={m} onLang={() => undefined} />);
    expect(screen.getByTestId("settings-loading")).toBeTruthy();
    await act(async () => gate.resolve(await services.readSettings()));
    // The template's defaults: January, 90%, 50%, the sample's currency.
    expect((screen.getByTestId("setting-fiscal") as HTMLSelectElement).value).toBe("1");
    expect((screen.getByTestId("setting-atrisk") as HTMLInputElement).value).toBe("90");
    expect((screen.getByTestId("setting-growth") as HTMLInputElement).value).toBe("50");
    expect((screen.getByTestId("setting-currency") as HTMLInputElement).value).toBe("USD");
    expect(screen.getByText("Plan settings (sheet Settings)")).toBeTruthy();
  });

  it("no PlanSettings table: says how to get one", async () => {
    const { model } = await previewModel("own");
    renderInPane(<SettingsPage model={model} onLang={() => undefined} />);
    expect((await screen.findByTestId("settings-empty")).textContent).toBe("This workbook has no PlanSettings table yet. Insert the plan template on the Plan page to create it.");
    fireEvent.click(screen.getByRole("button", { name: "Go to Plan" }));
    expect(model.page.get()).toBe("plan");
  });

  it("error reading: a MessageBar with what to do", async () => {
    const { model, services } = await previewModel("sample");
    const m = { ...model, services: withServices(services, { readSettings: () => Promise.reject(new Error("ItemNotFound")) }) };
    renderInPane(<SettingsPage model={m} onLang={() => undefined} />);
    expect((await screen.findByTestId("problem")).textContent).toContain("Something went wrong: ItemNotFound.");
  });

  it("invalid input is named and cannot be saved", async () => {
    const { model } = await previewModel("sample");
    renderInPane(<SettingsPage model={model} onLang={() => undefined} />);
    const atRisk = await screen.findByTestId("setting-atrisk");
    fireEvent.change(atRisk, { target: { value: "120" } });
    expect(screen.getByText("Type a percentage above 0 and at most 100, e.g. 90.")).toBeTruthy();
    expect((screen.getByTestId("settings-save") as HTMLButtonElement).disabled).toBe(true);
  });

  it("saves only what changed, into the Value cells, and says where", async () => {
    const { model, workbook } = await previewModel("sample");
    const before = snapshot(workbook);
    renderInPane(<SettingsPage model={model} onLang={() => undefined} />);
    fireEvent.change(await screen.findByTestId("setting-fiscal"), { target: { value: "4" } });
    fireEvent.change(screen.getByTestId("setting-growth"), { target: { value: "35" } });
    fireEvent.click(screen.getByTestId("settings-save"));
    const done = await screen.findByTestId("settings-done");
    // Template rows: 2 FiscalYearStartMonth, 3 AtRiskThreshold, 4 MaxGrowth; Value in column B.
    expect(done.textContent).toContain('Saved to PlanSettings on sheet "Settings": FiscalYearStartMonth (B2), MaxGrowth (B4).');
    expect(changedKeys(before, snapshot(workbook))).toEqual(["Settings!2,2", "Settings!4,2"]);
    expect(workbook.cell("Settings", "B2")?.value).toBe(4);
    expect(workbook.cell("Settings", "B4")?.value).toBe(0.35);
    expect((screen.getByTestId("settings-save") as HTMLButtonElement).disabled).toBe(true); // nothing left to save
    fireEvent.click(within(done).getByRole("button", { name: "Go to sheet" }));
    await vi.waitFor(() => expect(workbook.selection).toEqual({ sheet: "Settings", address: "B2" }));
  });

  it("running: Save disabled and saying so; a second click saves nothing more", async () => {
    const { model, services } = await previewModel("sample");
    const gate = deferred<SettingsSaved>();
    const write = vi.fn(() => gate.promise);
    const m = { ...model, services: withServices(services, { writeSettings: write }) };
    renderInPane(<SettingsPage model={m} onLang={() => undefined} />);
    fireEvent.change(await screen.findByTestId("setting-currency"), { target: { value: "EUR" } });
    const save = screen.getByTestId("settings-save") as HTMLButtonElement;
    fireEvent.click(save);
    fireEvent.click(save);
    expect(write).toHaveBeenCalledTimes(1);
    expect(write).toHaveBeenCalledWith({ Currency: { t: "s", v: "EUR" } });
    expect(save.disabled).toBe(true);
    expect(save.textContent).toBe("Saving…");
    await act(async () => gate.resolve({ sheet: "Settings", written: [{ key: "Currency", address: "B6" }], missing: [] }));
    expect(screen.getByTestId("settings-done").textContent).toContain("Currency (B6)");
  });

  it("changedValues: percentages become fractions, a cleared currency a blank cell", () => {
    const base = { language: "en" as const, fiscal: "1", atRisk: "90", maxGrowth: "50", currency: "USD" };
    expect(changedValues(base, { ...base, atRisk: "85", currency: "" })).toEqual({ AtRiskThreshold: { t: "n", v: 0.85 }, Currency: null });
    expect(changedValues(base, { ...base, language: "zh-CN", maxGrowth: "50.0" })).toEqual({ Language: { t: "s", v: "zh-CN" } });
  });
});
