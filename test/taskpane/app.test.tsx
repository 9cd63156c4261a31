// @vitest-environment jsdom
/**
 * The pane as a whole: the preview banner and its workbook choice, the four pages, the
 * language switch, the Office theme, and the preview's grid (tabs, cells as Excel shows them,
 * the selection).
 */
import * as React from "react";
import { describe, expect, it } from "vitest";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { webDarkTheme } from "@fluentui/react-components";
import { App, fluentTheme } from "../../src/taskpane/App";
import { createModel, type PaneSession } from "../../src/taskpane/model";
import { isDarkColor } from "../../src/taskpane/office-host";
import { displayCell, formatNumber } from "../../src/taskpane/PreviewGrid";
import { type PreviewScenario, previewWorkbook } from "../../src/taskpane/preview";
import { createServices } from "../../src/taskpane/services";
import { Observable } from "../../src/taskpane/store";
import { TODAY } from "./bed";

async function previewSession(scenario: PreviewScenario = "sample"): Promise<PaneSession> {
  const start = async (s: PreviewScenario) => {
    const workbook = await previewWorkbook(s, "en", TODAY);
    return createModel(createServices(workbook, { activeSheet: async () => workbook.activeSheet }), { workbook, scenario: s });
  };
  const model = new Observable(await start(scenario));
  return { inExcel: false, model, lang: new Observable<"en" | "zh-CN">("en"), theme: new Observable({ dark: false }), resetPreview: async (s) => model.set(await start(s)) };
}

describe("App", () => {
  it("in the preview: the banner, the workbook name, four pages, and the grid of the active sheet", async () => {
    const session = await previewSession();
    render(<App session={session} />);
    expect(screen.getByTestId("preview-banner").textContent).toContain("Preview — not connected to Excel");
    expect(await screen.findByTestId("workbook-name")).toBeTruthy();
    // (Fluent draws each label twice, once hidden to reserve its bold width: read the accessible names.)
    expect(screen.getAllByRole("tab")).toHaveLength(4);
    for (const name of ["Plan", "Validate", "Review", "Settings"]) expect(screen.getByRole("tab", { name })).toBeTruthy();
    expect(screen.getByRole("tab", { name: "Plan" }).getAttribute("aria-selected")).toBe("true");
    // The sample's first sheet is active; its table header row is row 1.
    const grid = screen.getByTestId("grid");
    expect(grid.getAttribute("data-sheet")).toBe("Targets");
    expect(within(grid).getByText("Goal ID")).toBeTruthy();
    fireEvent.click(screen.getByRole("tab", { name: "Review" }));
    expect(screen.getByTestId("page-review")).toBeTruthy();
    // Clicking a sheet tab shows that sheet.
    fireEvent.click(screen.getByRole("button", { name: "Settings" }));
    expect(screen.getByTestId("grid").getAttribute("data-sheet")).toBe("Settings");
  });

  it("inside Excel: no banner and no grid", async () => {
    const s = await previewSession();
    const m = s.model.get();
    const session: PaneSession = { ...s, inExcel: true, model: new Observable(createModel(m.services, null)) };
    render(<App session={session} />);
    await screen.findByTestId("workbook-name");
    expect(screen.queryByTestId("preview-banner")).toBeNull();
    expect(screen.queryByTestId("preview-grid")).toBeNull();
  });

  it("switches language everywhere at once, and tells the host to remember it", async () => {
    const session = await previewSession();
    const chosen: string[] = [];
    render(<App session={session} onLang={(l) => chosen.push(l)} />);
    fireEvent.click(screen.getByRole("tab", { name: "Settings" }));
    fireEvent.click(screen.getByRole("radio", { name: "中文 (简体)" }));
    expect(chosen).toEqual(["zh-CN"]);
    for (const name of ["计划", "检查", "复盘", "设置"]) expect(screen.getByRole("tab", { name })).toBeTruthy();
    expect(document.documentElement.lang).toBe("zh-CN");
    expect(screen.getByTestId("preview-banner").textContent).toContain("预览 — 未连接 Excel");
  });

  it("starts the preview over on another workbook", async () => {
    const session = await previewSession("sample");
    render(<App session={session} />);
    fireEvent.change(screen.getByTestId("preview-scenario"), { target: { value: "own" } });
    fireEvent.click(screen.getByTestId("preview-restart"));
    await waitFor(() => expect(screen.getByTestId("grid").getAttribute("data-sheet")).toBe("My targets"));
    expect(await screen.findByTestId("plan-empty")).toBeTruthy();
    // The merged title spans A1:F1.
    expect(screen.getByText("East team — sales targets 2026").getAttribute("colspan")).toBe("6");
  });

  it("follows the Office theme", async () => {
    const session = await previewSession();
    render(<App session={session} />);
    act(() => session.theme.set({ dark: true }));
    expect(fluentTheme({ dark: true })).toBe(webDarkTheme);
    // Office's own background and text colours are used when it gives them.
    expect(fluentTheme({ dark: true, background: "#262626", foreground: "#ffffff" }).colorNeutralBackground1).toBe("#262626");
    expect(isDarkColor("#262626")).toBe(true); // relative luminance ≈ 0.015
    expect(isDarkColor("#F3F3F3")).toBe(false); // ≈ 0.90
    expect(isDarkColor("#E6E6E6")).toBe(false); // colourful/light theme background
  });
});

describe("the preview grid's cell text", () => {
  it("shows values as Excel would for the formats the plan uses", () => {
    // 46023 is 2026-01-01 (45658 = 2025-01-01, plus 365 days).
    expect(formatNumber(46023, "yyyy-mm-dd")).toBe("2026-01-01");
    expect(formatNumber(46023.75, "yyyy-mm-dd hh:mm")).toBe("2026-01-01 18:00");
    expect(formatNumber(0.855, "0.0%")).toBe("85.5%");
    expect(formatNumber(0.08, "0%")).toBe("8%");
    expect(formatNumber(1234567.891, "#,##0")).toBe("1,234,568");
    expect(formatNumber(0.1 + 0.2, "General")).toBe("0.3");
  });
  it("formulas show their text (nothing is calculated), text stays text", () => {
    expect(displayCell({ value: null, formula: "=SUM(C5:C8)", numberFormat: "General" })).toEqual({ text: "=SUM(C5:C8)", numeric: false, formula: true });
    expect(displayCell({ value: "00123", formula: null, numberFormat: "@" })).toEqual({ text: "00123", numeric: false, formula: false });
    expect(displayCell({ value: true, formula: null, numberFormat: "General" }).text).toBe("TRUE");
  });
});
