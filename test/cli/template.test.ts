/** `salesplan template` (cli.md), run in-process; the result opened by ExcelJS and by LibreOffice. */
import { existsSync, mkdirSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main";
import { TABLES, TABLE_NAMES, readSettings } from "../../src/core/schema";
import { validatePlan } from "../../src/core/smart";
import { openXlsx } from "../../src/ports/xlsx";
import { SOFFICE, libreOfficeConvert, tempDir } from "../fixtures/fixtures";

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(["node", "salesplan", ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false });
  return { code, out, err };
}

const PDFTOPPM = ["/usr/bin/pdftoppm"].find((p) => existsSync(p)) ?? null;

describe("salesplan template", () => {
  it("writes an empty English plan workbook by default", async () => {
    const file = join(tempDir(), "plan.xlsx");
    const r = await cli("template", file);
    expect(r).toEqual({ code: 0, out: `Wrote ${file}.\n`, err: "" });
    const tables = await (await openXlsx(file)).readPlanTables();
    expect(Object.keys(tables).sort()).toEqual([...TABLE_NAMES].sort());
    expect(tables.PlanTargets!.headers).toEqual(TABLES.PlanTargets.columns.map((c) => c.en));
    expect(readSettings(tables.PlanSettings).settings.fiscalYearStartMonth).toBe(1);
  });

  it("writes a Chinese sample plan with the fiscal start asked for, which validates without an error", async () => {
    const file = join(tempDir(), "计划.xlsx");
    expect((await cli("template", file, "--lang", "zh-CN", "--sample", "--fiscal-start", "4")).code).toBe(0);
    const tables = await (await openXlsx(file)).readPlanTables();
    expect(tables.PlanTargets!.headers[0]).toBe("目标编号");
    expect(tables.PlanTargets!.rows).toHaveLength(6);
    const v = validatePlan(tables, "zh-CN");
    expect(readSettings(tables.PlanSettings).settings).toMatchObject({ fiscalYearStartMonth: 4, language: "zh-CN", currency: "CNY" });
    expect(v.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("refuses a bad --lang, a bad --fiscal-start and a folder as output, with one line and exit 2", async () => {
    const dir = tempDir();
    for (const args of [["--lang", "fr"], ["--fiscal-start", "13"], ["--fiscal-start", "x"]]) {
      const r = await cli("template", join(dir, "p.xlsx"), ...args);
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
    expect(existsSync(join(dir, "p.xlsx"))).toBe(false);
    const folder = await cli("template", dir);
    expect(folder.code).toBe(2);
    expect(folder.err).toMatch(/not a file/);
  });

  it.skipIf(!SOFFICE || !PDFTOPPM)("opens in LibreOffice, which prints it to PDF and a picture", async () => {
    const dir = tempDir();
    const file = join(dir, "sample.xlsx");
    expect((await cli("template", file, "--sample")).code).toBe(0);
    const pdf = libreOfficeConvert(file, "pdf", join(dir, "pdf"));
    expect(statSync(pdf).size).toBeGreaterThan(10_000);
    mkdirSync(join(dir, "png"), { recursive: true });
    execFileSync(PDFTOPPM!, ["-png", "-r", "60", "-f", "1", "-l", "1", pdf, join(dir, "png", "page")], { stdio: "pipe" });
    const png = join(dir, "png", "page-01.png");
    const alt = join(dir, "png", "page-1.png");
    const page = existsSync(png) ? png : alt;
    expect(existsSync(page)).toBe(true);
    expect(statSync(page).size).toBeGreaterThan(5_000);
  });
});
