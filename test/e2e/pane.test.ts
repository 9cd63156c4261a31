/**
 * The task pane as people use it, in headless Chromium: the browser preview of a production
 * build (local office.js, so Office.onReady says "not in Office"), clicked through page by
 * page in English and Chinese: insert the template, convert a sheet of one's own with a
 * corrected mapping, validate and click a finding to select its cell, generate a review and
 * see its sheet, save a setting. axe-core runs on every page (no serious or critical
 * violation), the main path is done again with the keyboard alone, no script error and no
 * Content-Security-Policy violation may occur, and screenshots go to docs/screenshots/.
 *
 * Needs /usr/bin/chromium: skipped with a message when it is missing outside CI; in CI
 * (CI=true) a missing browser fails the suite.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { type Lang, t } from "../../src/i18n";
import { type Browser, ROOT, type StaticServer, hasChromium, launch, previewBuild, seriousViolations, serve } from "./harness";

const SHOTS = join(ROOT, "docs", "screenshots");
const run = hasChromium || Boolean(process.env.CI);
if (!run) console.warn("test/e2e/pane.test.ts skipped: /usr/bin/chromium is not installed (apt-get install chromium); CI runs it.");

/** Today's calendar quarter, worked out here from the clock: `2026-Q4` on 2026-11-27. */
function thisQuarterLabel(now = new Date()): string {
  return `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`;
}

describe.skipIf(!run)("task pane in headless Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await serve(await previewBuild());
    browser = await launch();
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens the pane in the preview; script errors and CSP violations are collected and fail the test. */
  async function open(query: string): Promise<Page> {
    problems.length = 0;
    const page = await browser.context.newPage();
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      // Outside Office, office.js tries to frame Microsoft's telemetry page; the CSP blocks that, as it should.
      if (/Framing 'https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com/.test(m.text())) return;
      if (m.type() === "error" || /Content.Security.Policy/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
    });
    await page.goto(`${server.url}taskpane.html?${query}`);
    await page.getByTestId("preview-banner").waitFor({ timeout: 30_000 });
    return page;
  }

  async function finish(page: Page): Promise<void> {
    await page.close();
    expect(problems).toEqual([]);
  }

  async function noSeriousA11yIssues(page: Page, where: string): Promise<void> {
    const v = await seriousViolations(page);
    expect(v, `${where}: ${JSON.stringify(v, null, 1)}`).toEqual([]);
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(SHOTS, name), fullPage: true });
  }

  /** The grid's selected cell's address, and the sheet shown. */
  async function gridState(page: Page): Promise<{ sheet: string | null; selected: string | null }> {
    const grid = page.getByTestId("grid");
    return {
      sheet: await grid.getAttribute("data-sheet"),
      selected: (await page.locator("[data-testid=grid] td[data-selected=true]").count()) > 0 ? await page.locator("[data-testid=grid] td[data-selected=true]").getAttribute("data-address") : null,
    };
  }

  const cell = (page: Page, address: string): Locator => page.locator(`[data-testid=grid] td[data-address="${address}"]`);

  for (const lang of ["en", "zh-CN"] as const) {
    const tr = (key: string, params?: Record<string, string | number>) => t(lang, key, params);
    const zh = lang === "zh-CN";

    describe(lang, () => {
      it("Plan: an empty workbook says what to do; Insert template adds the six plan sheets", async () => {
        const page = await open(`lang=${lang}&preview=empty`);
        await expect.poll(() => page.getByTestId("plan-empty").innerText()).toContain(tr("pane.plan.empty"));
        await noSeriousA11yIssues(page, "plan, empty");
        await page.getByTestId("insert-template").click();
        const done = page.getByTestId("insert-done");
        await done.waitFor();
        // The sheet names of the template, in the chosen language (plan-workbook.md).
        const names = zh ? ["目标", "实际", "行动计划", "风险", "分解", "设置"] : ["Targets", "Actuals", "Actions", "Risks", "Phasing", "Settings"];
        const sheets = names.join(zh ? "、" : ", ");
        expect(await done.innerText()).toContain(t(lang, "plan.template.inserted", { sheets }));
        // The plan status now names the plan, the button is disabled, and Sheet1 is still there.
        await page.getByTestId("plan-status").waitFor();
        expect(await page.getByTestId("insert-template").isDisabled()).toBe(true);
        expect(await page.getByTestId("sheet-tab").allInnerTexts()).toEqual(["Sheet1", ...names]);
        expect((await gridState(page)).sheet).toBe(zh ? "目标" : "Targets");
        await expect.poll(() => cell(page, "A1").innerText()).toBe(zh ? "目标编号" : "Goal ID");
        await noSeriousA11yIssues(page, "plan, inserted");
        await shot(page, `plan-${lang}.png`);
        await finish(page);
      });

      it("Plan: converts a sheet of one's own after the user corrects the mapping", async () => {
        const page = await open(`lang=${lang}&preview=sample`);
        // Start over on "a sheet of my own" from the banner, as a person would.
        await page.getByTestId("preview-scenario").selectOption("own");
        await page.getByTestId("preview-restart").click();
        await page.getByTestId("plan-empty").waitFor();
        const own = zh ? "我的目标" : "My targets";
        expect(await page.getByTestId("convert-sheet-select").inputValue()).toBe(own);
        await page.getByTestId("convert-read").click();
        const step = page.getByTestId("mapping-step");
        await step.waitFor();
        // Header row 4 (two title rows and a blank row above it), four goals (the totals row is not one).
        expect(await step.innerText()).toContain(tr("pane.plan.mappingIntro", { sheet: own, row: 4, rows: 4 }));
        // "Finish by" / "完成时间" is no known name for End: nothing maps it, and End would be added.
        const colE = page.getByTestId("mapping-col-E");
        expect(await colE.inputValue()).toBe("");
        expect(await page.getByTestId("mapping-added").innerText()).toContain(zh ? "结束日期" : "End");
        // "From" / "起始日期" is recognised as Start.
        expect(await page.getByTestId("mapping-col-D").inputValue()).toBe("Start");
        await colE.selectOption("End");
        expect(await page.getByTestId("mapping-added").innerText()).not.toContain(zh ? "结束日期" : "End");
        await noSeriousA11yIssues(page, "plan, mapping step");
        await shot(page, `convert-${lang}.png`);
        await page.getByTestId("convert-confirm").click();
        const done = page.getByTestId("convert-done");
        await done.waitFor();
        expect(await done.innerText()).toContain(t(lang, "plan.convert.done", { sheet: own, table: "PlanTargets", rows: 4, headerRow: 4 }));
        expect(await done.innerText()).toContain(t(lang, "plan.convert.original", { sheet: `${own}${t(lang, "plan.convert.originalSuffix")}` }));
        // The sheet now holds the table: the corrected column has End's canonical header, the
        // user's own headers stay where nothing maps them, and the original is kept, hidden.
        expect((await gridState(page)).sheet).toBe(own);
        await expect.poll(() => cell(page, "E4").innerText()).toBe(zh ? "结束日期" : "End");
        expect(await cell(page, "F4").innerText()).toBe(zh ? "备注" : "Comments");
        expect(await page.getByTestId("sheet-tab").allInnerTexts()).toContain(tr("pane.grid.hiddenSheet", { name: `${own}${t(lang, "plan.convert.originalSuffix")}` }));
        await finish(page);
      });

      it("Validate: checks the plan, and clicking a finding selects its cell", async () => {
        const page = await open(`lang=${lang}&preview=own`);
        await page.getByTestId("convert-read").click();
        await page.getByTestId("mapping-col-E").selectOption("End");
        await page.getByTestId("convert-confirm").click();
        await page.getByTestId("convert-done").waitFor();
        await page.getByTestId("tab-validate").click();
        await page.getByTestId("validate-run").click();
        const result = page.getByTestId("validate-result");
        await result.waitFor();
        expect(await page.getByTestId("summary-goals").innerText()).toContain("4");
        // The converted sheet has no Metric column: it was added blank, so every goal has an M1 error.
        expect(Number((await page.getByTestId("summary-errors").innerText()).split("\n")[0])).toBeGreaterThanOrEqual(4);
        const findings = page.getByTestId("finding");
        expect(await findings.count()).toBeGreaterThanOrEqual(4);
        await noSeriousA11yIssues(page, "validate, findings");
        // Filter to M only: every finding shown is an M finding.
        for (const letter of ["S", "A", "R", "T", "P", "D"]) await page.getByRole("button", { name: tr(`pane.validate.letter.${letter}`) }).click();
        for (const code of await page.locator("[data-testid=finding] .fui-Badge").allInnerTexts()) expect(code).toMatch(/^M\d$/);
        const first = findings.first();
        await first.click();
        const status = await page.getByTestId("selection").innerText();
        // "Selected 'My targets'!E5." / "已选中 我的目标!E5。"
        const m = /(?:'((?:[^']|'')+)'|([^\s'!]+))!([A-Z]+\d+)/.exec(status);
        expect(m, status).not.toBeNull();
        const sheet = (m![1] ?? m![2]!).replace(/''/g, "'");
        const address = m![3]!;
        expect(sheet).toBe(zh ? "我的目标" : "My targets");
        // The grid shows that sheet with exactly that cell selected, and the finding is marked.
        expect(await gridState(page)).toEqual({ sheet, selected: address });
        expect(await first.getAttribute("aria-pressed")).toBe("true");
        // The SMART column was added at the table's right (after the added columns) with a score per goal.
        expect(await page.getByTestId("scores-written").innerText()).toContain("SMART");
        await shot(page, `validate-${lang}.png`);
        // Checking again gives the same list.
        const before = await findings.allInnerTexts();
        await page.getByTestId("validate-run").click();
        await result.waitFor();
        await expect.poll(() => page.getByTestId("finding").count()).toBeGreaterThan(0);
        expect((await page.getByTestId("finding").allInnerTexts()).length).toBeGreaterThanOrEqual(before.length);
        await finish(page);
      });

      it("Review: generates this quarter's review and shows the new sheet", async () => {
        const page = await open(`lang=${lang}&preview=sample`);
        await page.getByTestId("tab-review").click();
        const label = thisQuarterLabel();
        await expect.poll(() => page.getByTestId("period-resolved").innerText()).toContain(label);
        await noSeriousA11yIssues(page, "review, form");
        // A period typed in Chinese is checked as it is typed.
        await page.getByTestId("period-choice").selectOption("custom");
        await page.getByTestId("period-custom").fill("2026年第三季度");
        await expect.poll(() => page.getByText("2026-Q3 · 2026-07-01 – 2026-09-30").count()).toBe(1);
        await page.getByTestId("period-custom").fill("2026-Q5");
        expect(await page.getByTestId("review-generate").isDisabled()).toBe(true);
        await page.getByTestId("period-choice").selectOption("thisQuarter");
        await page.getByTestId("review-generate").click();
        const done = page.getByTestId("review-done");
        await done.waitFor();
        const text = await done.innerText();
        // "Review 2026-Q4 created: 6 goals, 1 off track." — the sample plan has six goals.
        const created = zh ? new RegExp(`已创建复盘 ${label}：6 个目标，\\d+ 个落后。`) : new RegExp(`Review ${label} created: 6 goals, \\d+ off track\\.`);
        expect(text).toMatch(created);
        const sheet = `${zh ? "复盘" : "Review"} ${label}`;
        expect((await gridState(page)).sheet).toBe(sheet);
        expect(await cell(page, "A1").innerText()).toContain(label);
        await noSeriousA11yIssues(page, "review, done");
        await shot(page, `review-${lang}.png`);
        // Generating the same period again updates the sheet in place.
        await page.getByTestId("review-generate").click();
        const offTrack = Number((zh ? /(\d+) 个落后/ : /(\d+) off track/).exec(text)![1]);
        await expect.poll(() => page.getByTestId("review-done").innerText()).toContain(tr("pane.review.updated", { label, goals: 6, offTrack }));
        expect((await page.getByTestId("sheet-tab").allInnerTexts()).filter((x) => x === sheet)).toHaveLength(1);
        await finish(page);
      });

      it("Settings: saves the fiscal year start into PlanSettings and switches the pane's language", async () => {
        const page = await open(`lang=${lang}&preview=sample`);
        await page.getByTestId("tab-settings").click();
        await page.getByTestId("setting-fiscal").waitFor();
        expect(await page.getByTestId("setting-fiscal").inputValue()).toBe("1");
        await noSeriousA11yIssues(page, "settings");
        await page.getByTestId("setting-fiscal").selectOption("4");
        await page.getByTestId("setting-atrisk").fill("0");
        expect(await page.getByTestId("settings-save").isDisabled()).toBe(true);
        await page.getByTestId("setting-atrisk").fill("85");
        await page.getByTestId("settings-save").click();
        const done = page.getByTestId("settings-done");
        await done.waitFor();
        // The template lists FiscalYearStartMonth, then AtRiskThreshold, in rows 2 and 3 of PlanSettings (Value in column B).
        expect(await done.innerText()).toContain(tr("pane.settings.saved", { sheet: zh ? "设置" : "Settings", cells: `FiscalYearStartMonth (B2)${zh ? "、" : ", "}AtRiskThreshold (B3)` }));
        await done.getByRole("button").click();
        expect(await gridState(page)).toEqual({ sheet: zh ? "设置" : "Settings", selected: "B2" });
        expect(await cell(page, "B2").innerText()).toBe("4");
        expect(await cell(page, "B3").innerText()).toBe("0.85");
        await shot(page, `settings-${lang}.png`);
        // The pane's language: the other one, at once.
        const other: Lang = zh ? "en" : "zh-CN";
        await page.getByRole("radio", { name: t(lang, `pane.lang.${other}`) }).check();
        await expect.poll(() => page.getByTestId("tab-review").innerText()).toBe(t(other, "pane.page.review"));
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(other);
        await finish(page);
      });
    });
  }

  /** Presses Tab (or Shift+Tab) until the focused element matches; fails after `max` presses. */
  async function tabTo(page: Page, test: string, opts: { back?: boolean; max?: number } = {}): Promise<void> {
    for (let i = 0; i < (opts.max ?? 80); i++) {
      const hit = await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, test);
      if (hit) return;
      await page.keyboard.press(opts.back ? "Shift+Tab" : "Tab");
    }
    throw new Error(`focus never reached ${test}`);
  }

  /** Moves to a page with the keyboard: back to the tab list, arrows to the tab, Enter. */
  async function keyboardPage(page: Page, id: string): Promise<void> {
    await tabTo(page, "[role=tab]", { back: true });
    for (let i = 0; i < 6 && !(await page.evaluate((x) => document.activeElement?.id === `tab-${x}`, id)); i++) await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await page.getByTestId(`page-${id}`).waitFor();
  }

  it("the main path works with the keyboard alone", async () => {
    const page = await open("lang=en&preview=own");
    await page.getByTestId("convert-read").waitFor();
    // Convert, correcting column E with the arrow keys.
    await tabTo(page, "[data-testid=convert-read]");
    await page.keyboard.press("Enter");
    await page.getByTestId("mapping-step").waitFor();
    await tabTo(page, "[data-testid=mapping-col-E]");
    for (let i = 0; i < 30 && (await page.getByTestId("mapping-col-E").inputValue()) !== "End"; i++) await page.keyboard.press("ArrowDown");
    expect(await page.getByTestId("mapping-col-E").inputValue()).toBe("End");
    await tabTo(page, "[data-testid=convert-confirm]");
    await page.keyboard.press("Space");
    await page.getByTestId("convert-done").waitFor();
    // Validate, then select a finding's cell.
    await keyboardPage(page, "validate");
    await tabTo(page, "[data-testid=validate-run]");
    await page.keyboard.press("Enter");
    await page.getByTestId("validate-result").waitFor();
    await tabTo(page, "[data-testid=finding]");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("selection").innerText()).toMatch(/^Selected 'My targets'!/);
    expect((await gridState(page)).selected).not.toBeNull();
    // Start over on the sample plan from the banner, then generate this quarter's review and go to its sheet.
    await tabTo(page, "[data-testid=preview-scenario]", { back: true });
    for (let i = 0; i < 5 && (await page.getByTestId("preview-scenario").inputValue()) !== "sample"; i++) await page.keyboard.press("ArrowUp");
    await tabTo(page, "[data-testid=preview-restart]");
    await page.keyboard.press("Enter");
    await page.getByTestId("plan-status").waitFor();
    await keyboardPage(page, "review");
    await tabTo(page, "[data-testid=review-generate]");
    await page.keyboard.press("Enter");
    await page.getByTestId("review-done").waitFor();
    await tabTo(page, "[data-testid=review-done] button");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await gridState(page)).sheet).toBe(`Review ${thisQuarterLabel()}`);
    await finish(page);
  });

  it("follows a dark Office theme", async () => {
    const page = await open("lang=en&preview=sample&theme=dark&page=review");
    await page.getByTestId("review-generate").click();
    await page.getByTestId("review-done").waitFor();
    const bg = await page.evaluate(() => getComputedStyle(document.querySelector(".fui-FluentProvider")!).backgroundColor);
    // webDarkTheme's neutral background 1 is #292929.
    expect(bg).toBe("rgb(41, 41, 41)");
    await noSeriousA11yIssues(page, "review, dark");
    await shot(page, "review-dark-en.png");
    await finish(page);
  });
});
