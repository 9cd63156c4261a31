/**
 * `salesplan demo` (cli.md, the README's first command) run in-process: it writes the English
 * and Chinese sample plans and their current-quarter reviews, exits 0, prints the summary
 * table; the files reopen with the xlsx port and hold what the summary says.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { serialFromYmd, todaySerial } from "../../src/core/dates";
import { isError } from "../../src/core/errors";
import { buildReview } from "../../src/core/review/engine";
import { validatePlan } from "../../src/core/smart";
import { readPreviousCommentary } from "../../src/core/sheets/review";
import { run } from "../../src/cli/main";
import { demoFiles, quarterLabel } from "../../src/cli/commands/demo";
import { openXlsx } from "../../src/ports/xlsx";

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(["node", "salesplan", ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false });
  return { code, out, err };
}

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), "salesplan-demo-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("salesplan demo", () => {
  it("writes both sample plans and their reviews of this quarter, and prints the summary", async () => {
    const base = temp();
    const dir = join(base, "demo"); // created by the command
    const r = await cli("demo", "--out", dir);
    expect(r.code, r.err).toBe(0);
    const label = quarterLabel(todaySerial());
    expect(r.out).toContain(`review of ${label}`);
    for (const row of ["Goals", "On track", "At risk", "Off track", "Not started", "Needs fix", "Main metric", "Attainment", "Validation"]) expect(r.out).toContain(row);
    expect(r.out).toContain("0 errors");

    for (const [lang, sheet] of [["en", `Review ${label}`], ["zh-CN", `复盘 ${label}`]] as const) {
      const files = demoFiles(lang);
      const planPath = join(dir, files.plan);
      const reviewPath = join(dir, files.review);
      expect(existsSync(planPath)).toBe(true);
      expect(existsSync(reviewPath)).toBe(true);
      expect(r.out).toContain(files.plan);
      expect(r.out).toContain(files.review);

      // The plan validates without an error finding and carries its SMART scores.
      const planPort = await openXlsx(planPath);
      const tables = await planPort.readPlanTables();
      expect(Object.keys(tables).sort()).toEqual(["PlanActions", "PlanActuals", "PlanPhasing", "PlanRisks", "PlanSettings", "PlanTargets"]);
      expect(validatePlan(tables).findings.filter((f) => f.severity === "error")).toEqual([]);
      expect(tables.PlanTargets!.headers).toContain("SMART");
      expect((await planPort.listSheets()).map((s) => s.name)).not.toContain(sheet);

      // The review file reopens: the plan plus the review sheet, whose goal table lists the engine's goals.
      const reviewPort = await openXlsx(reviewPath);
      const names = (await reviewPort.listSheets()).map((s) => s.name);
      expect(names).toContain(sheet);
      const engine = buildReview(await reviewPort.readPlanTables(), { period: label, asOf: todaySerial() });
      if (isError(engine)) throw new Error(engine.code);
      expect(engine.lang).toBe(lang);
      expect(engine.goals.length).toBeGreaterThan(0);
      const contents = await reviewPort.readSheet(sheet);
      const ids = contents.values.map((row) => row[0]).filter((v) => typeof v === "string" && /^G-\d+/.test(v));
      for (const g of engine.goals) expect(ids).toContain(g.goalId);
      expect(readPreviousCommentary(contents).commentary.size).toBe(0);
      // The summary's goal count for this language (English column first) is the engine's.
      const counts = /Goals\s+(\d+)\s+(\d+)/.exec(r.out);
      expect(Number(counts?.[lang === "en" ? 1 : 2])).toBe(engine.goals.length);
    }
    // Each review's chart is in its file, or stderr names it as not drawn.
    for (const lang of ["en", "zh-CN"] as const) {
      const parts = Object.keys((await JSZip.loadAsync(readFileSync(join(dir, demoFiles(lang).review)))).files);
      expect(parts.some((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)) || r.err.includes(label), r.err).toBe(true);
    }
  }, 60_000);

  it("runs again over its own files (replacing them) and refuses an --out that is a file", async () => {
    const dir = temp();
    expect((await cli("demo", "--out", dir)).code).toBe(0);
    expect((await cli("demo", "--out", dir)).code).toBe(0);
    const file = join(dir, "not-a-dir");
    writeFileSync(file, "x");
    const r = await cli("demo", "--out", file);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toContain("is not a folder");
  }, 60_000);
});

describe("demo helpers", () => {
  it("labels the calendar quarter of a day", () => {
    expect(quarterLabel(serialFromYmd(2026, 1, 1))).toBe("2026-Q1");
    expect(quarterLabel(serialFromYmd(2026, 3, 31))).toBe("2026-Q1");
    expect(quarterLabel(serialFromYmd(2026, 8, 15))).toBe("2026-Q3");
    expect(quarterLabel(serialFromYmd(2026, 12, 31))).toBe("2026-Q4");
  });

  it("names the review file as `salesplan review` names its output", () => {
    expect(demoFiles("en")).toEqual({ plan: "sample-plan.xlsx", review: "sample-plan (review).xlsx" });
    expect(demoFiles("zh-CN")).toEqual({ plan: "sample-plan.zh-CN.xlsx", review: "sample-plan.zh-CN (review).xlsx" });
  });
});
