// @vitest-environment jsdom
/**
 * The Review page: the period picker (named periods resolved as of the as-of date, a typed
 * period checked as it is typed, in English or Chinese), and Generate in each state:
 * running with progress, error, success (created, then updated in place).
 */
import * as React from "react";
import { describe, expect, it, vi } from "vitest";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { serialFromYmd } from "../../src/core/dates";
import { ReviewPage, resolvePeriod } from "../../src/taskpane/pages/ReviewPage";
import type { GenerateReviewDone, GenerateReviewOptions } from "../../src/taskpane/services";
import { TODAY, deferred, previewModel, renderInPane, withServices } from "./bed";

describe("resolvePeriod", () => {
  // 2026-08-15: calendar Q3 2026; with a fiscal year starting in April, fiscal Q2 of FY2027.
  it("names this and last month, quarter and year as of a day", () => {
    const label = (c: Parameters<typeof resolvePeriod>[0], f = 1) => {
      const p = resolvePeriod(c, "", TODAY, f, "en");
      return "error" in p ? p.error : p.label;
    };
    expect(label("thisMonth")).toBe("2026-08");
    expect(label("lastMonth")).toBe("2026-07");
    expect(label("thisQuarter")).toBe("2026-Q3");
    expect(label("lastQuarter")).toBe("2026-Q2");
    expect(label("thisYear")).toBe("2026");
    expect(label("lastYear")).toBe("2025");
    expect(label("thisQuarter", 4)).toBe("FY2027-Q2");
    expect(label("lastYear", 4)).toBe("FY2026");
  });
  it("reads a typed period in either language, and says what is wrong otherwise", () => {
    const p = resolvePeriod("custom", "2026年上半年", TODAY, 1, "en");
    expect("error" in p ? p.error : [p.label, p.start, p.end]).toEqual(["2026-H1", serialFromYmd(2026, 1, 1), serialFromYmd(2026, 6, 30)]);
    const bad = resolvePeriod("custom", "2026-Q5", TODAY, 1, "en");
    expect("error" in bad && bad.error).toMatch(/2026-Q5/);
    expect(resolvePeriod("custom", "  ", TODAY, 1, "zh-CN")).toEqual({ error: "请输入期间，例如 2026-Q3。" });
  });
});

describe("Review page", () => {
  it("shows this quarter by default, with its days", async () => {
    const { model } = await previewModel("sample");
    renderInPane(<ReviewPage model={model} today={TODAY} />);
    expect((screen.getByTestId("period-choice") as HTMLSelectElement).value).toBe("thisQuarter");
    expect(screen.getByRole("option", { name: "This quarter (2026-Q3)" })).toBeTruthy();
    expect(screen.getByTestId("period-resolved").textContent).toBe("2026-Q3 · 2026-07-01 – 2026-09-30");
    expect((screen.getByTestId("as-of") as HTMLInputElement).value).toBe("2026-08-15");
  });

  it("checks a typed period live: a Chinese period resolves, a wrong one disables Generate", async () => {
    const { model } = await previewModel("sample");
    renderInPane(<ReviewPage model={model} today={TODAY} />);
    fireEvent.change(screen.getByTestId("period-choice"), { target: { value: "custom" } });
    const input = screen.getByTestId("period-custom");
    fireEvent.change(input, { target: { value: "2026年第三季度" } });
    expect(screen.getByText("2026-Q3 · 2026-07-01 – 2026-09-30")).toBeTruthy();
    expect((screen.getByTestId("review-generate") as HTMLButtonElement).disabled).toBe(false);
    fireEvent.change(input, { target: { value: "next week" } });
    expect((screen.getByTestId("review-generate") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole("textbox").getAttribute("aria-invalid")).toBe("true");
  });

  it("running: a progress bar with the step, Generate disabled, a second click ignored", async () => {
    const { model, services } = await previewModel("sample");
    const gate = deferred<GenerateReviewDone>();
    const generate = vi.fn((o: GenerateReviewOptions) => {
      o.onProgress?.(0.35, "pane.review.step.compute");
      return gate.promise;
    });
    const m = { ...model, services: withServices(services, { generateReview: generate }) };
    renderInPane(<ReviewPage model={m} today={TODAY} />);
    const button = screen.getByTestId("review-generate") as HTMLButtonElement;
    fireEvent.click(button);
    fireEvent.click(button);
    expect(generate).toHaveBeenCalledTimes(1);
    expect(generate.mock.calls[0]![0]).toMatchObject({ period: "2026-Q3", asOf: TODAY, lang: "en" });
    expect(button.disabled).toBe(true);
    expect(screen.getByTestId("review-progress").textContent).toContain("Computing targets, actuals and status… 35%");
    await act(async () => gate.resolve({ sheet: "Review 2026-Q3", label: "2026-Q3", goals: 24, offTrack: 5, atRisk: 2, regenerated: false, carried: 0 }));
    expect(screen.getByTestId("review-done").textContent).toContain("Review 2026-Q3 created: 24 goals, 5 off track.");
  });

  it("error: a plan without actuals says what is missing", async () => {
    const { model, services } = await previewModel("own");
    await services.convertSheet({ sheet: "My targets", mapping: { 5: "End" } });
    renderInPane(<ReviewPage model={model} today={TODAY} />);
    fireEvent.click(screen.getByTestId("review-generate"));
    expect((await screen.findByTestId("problem")).textContent).toContain("The workbook has no PlanActuals table, so there is nothing to compare the goals with.");
  });

  it("success: creates the sheet and activates it; again, updates it in place and keeps what people wrote", async () => {
    const { model, workbook } = await previewModel("sample");
    renderInPane(<ReviewPage model={model} today={TODAY} />);
    fireEvent.click(screen.getByTestId("review-generate"));
    const done = await screen.findByTestId("review-done");
    expect(done.textContent).toMatch(/^Review 2026-Q3 created: 6 goals, \d+ off track\./);
    expect(done.textContent).toContain('Sheet "Review 2026-Q3" (now active).');
    expect(workbook.activeSheet).toBe("Review 2026-Q3");
    // Someone writes a comment on G-001's row of the goal table, then the review is generated again.
    const sheet = workbook.sheet("Review 2026-Q3")!;
    const header = [...sheet.cells].find(([, c]) => c.value === "Commentary")![0].split(",").map(Number) as [number, number];
    const idCol = [...sheet.cells].find(([k, c]) => c.value === "Goal ID" && k.startsWith(`${header[0]},`))![0].split(",").map(Number)[1]!;
    const g1 = [...sheet.cells].find(([k, c]) => c.value === "G-001" && k.endsWith(`,${idCol}`))![0].split(",").map(Number)[0]!;
    await workbook.applySheetSpec({ name: "Review 2026-Q3", mode: "patch", blocks: [{ row: g1, col: header[1], cells: [[{ t: "s", v: "Two deals slipped to October" }]] }] });
    fireEvent.click(screen.getByTestId("review-generate"));
    await vi.waitFor(() => expect(screen.getByTestId("review-done").textContent).toMatch(/^Review 2026-Q3 updated: 6 goals/));
    expect(screen.getByTestId("review-done").textContent).toContain("Goals whose commentary and adjustments were kept: 1.");
    expect(workbook.sheets.filter((s) => s.name === "Review 2026-Q3")).toHaveLength(1);
    expect([...workbook.sheet("Review 2026-Q3")!.cells.values()].some((c) => c.value === "Two deals slipped to October")).toBe(true);
    fireEvent.click(within(screen.getByTestId("review-done")).getByRole("button", { name: "Go to sheet" }));
    await vi.waitFor(() => expect(workbook.selection).toEqual({ sheet: "Review 2026-Q3", address: "A1" }));
  });
});
