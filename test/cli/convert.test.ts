/**
 * `salesplan convert` (cli.md), run in-process on files written by openpyxl and by ExcelJS:
 * the JSON document, the copy it writes, and every way it refuses (exit 2, one line, input untouched).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main";
import { bindTable } from "../../src/core/schema";
import { openXlsx } from "../../src/ports/xlsx";
import { HAS_OPENPYXL, openpyxlWorkbook, tempDir } from "../fixtures/fixtures";
import { xlsxBytesFromSeed } from "../ports/xlsx-seed";

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(["node", "salesplan", ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false });
  return { code, out, err };
}

const hash = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** A CRM export written by ExcelJS: a title, the header at row 3, a totals row. */
async function crmExport(dir: string, name = "crm.xlsx"): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, await xlsxBytesFromSeed({ sheets: [{
    name: "Orders",
    cells: [
      ["Orders export 2026-08"],
      [],
      ["Order date", "Customer", "Amount", "Sales rep", "Notes"],
      [{ date: 46_235 }, "Acme", 1200, "Lily", "=rush order"],
      [{ date: 46_236 }, "Beta", 800, "Tom", null],
      ["Total", null, { f: "=SUM(C4:C5)", v: 2000 }, null, null],
    ],
  }] }));
  return file;
}

describe("salesplan convert", () => {
  it.skipIf(!HAS_OPENPYXL)("converts a hand-made Chinese target sheet written by openpyxl, every header mapped and every value kept", async () => {
    const dir = tempDir();
    const input = openpyxlWorkbook([{
      name: "目标表",
      cells: [
        ["2026年销售目标", null, null, null, null, null, null, null],
        [],
        ["序号", "销售目标", "考核指标", "目标金额", "起始日期", "截止日期", "负责人", "备注"],
        ["G-001", "华东销售额达到900万", "销售额", 9_000_000, { date: 46_023 }, { date: 46_387 }, "李伟", "重点"],
        ["G-002", "新客户销售额达到150万", "销售额", 1_500_000, "2026-10-1", { date: 46_387 }, "王芳", "=不是公式"],
      ],
      merges: ["A1:H1"],
    }], { dir, name: "目标" });
    const before = hash(input);
    const out = join(dir, "out.xlsx");
    const r = await cli("convert", input, "-o", out, "--json");
    expect(r.code).toBe(0);
    expect(r.out.endsWith("\n")).toBe(true);
    expect(r.out.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(r.out)).toEqual({
      sheet: "目标表",
      table: "PlanTargets",
      headerRow: 3,
      mapping: [
        { header: "序号", key: "GoalID", confidence: 0.8 },
        { header: "销售目标", key: "Goal", confidence: 0.8 },
        { header: "考核指标", key: "Metric", confidence: 0.8 },
        { header: "目标金额", key: "Target", confidence: 0.8 },
        { header: "起始日期", key: "Start", confidence: 0.8 },
        { header: "截止日期", key: "End", confidence: 0.8 },
        { header: "负责人", key: "Owner", confidence: 1 },
      ],
      unmapped: ["备注"],
      added: [],
      rows: 2,
    });
    expect(r.err).toMatch(/PlanTargets/);
    expect(hash(input)).toBe(before);
    const port = await openXlsx(out);
    const t = (await port.readPlanTables()).PlanTargets!;
    expect(t.headers).toEqual(["目标编号", "目标", "指标", "目标值", "开始日期", "结束日期", "负责人", "备注"]);
    expect(t.rows).toEqual([
      ["G-001", "华东销售额达到900万", "销售额", 9_000_000, 46_023, 46_387, "李伟", "重点"],
      ["G-002", "新客户销售额达到150万", "销售额", 1_500_000, "2026-10-1", 46_387, "王芳", "=不是公式"],
    ]);
    expect((await port.readSheet("目标表")).values[0]![0]).toBe("2026年销售目标");
    expect(await port.listSheets()).toEqual([{ name: "目标表", visible: true }, { name: "目标表 (original)", visible: false }]);
  });

  it("writes <name> (plan).xlsx beside the input by default, adding the Metric column", async () => {
    const dir = tempDir();
    const input = await crmExport(dir);
    const r = await cli("convert", input);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Converted sheet "Orders" into table PlanActuals: 2 rows, header row 3\./);
    expect(r.out).toMatch(/Order date → Date \(0\.8\)/);
    expect(r.out).toMatch(/Kept as extra columns: Notes\./);
    expect(r.out).toMatch(/Added columns: Metric\./);
    const out = join(dir, "crm (plan).xlsx");
    const t = (await (await openXlsx(out)).readPlanTables()).PlanActuals!;
    expect(t.headers).toEqual(["Date", "Customer", "Value", "Rep", "Notes", "Metric"]);
    expect(bindTable(t).rows.map((row) => row.cells)).toEqual([
      [46_235, "Acme", 1200, "Lily", "=rush order", "Revenue"],
      [46_236, "Beta", 800, "Tom", null, "Revenue"],
    ]);
  });

  it("takes --as, --metric, --sheet and --no-original", async () => {
    const dir = tempDir();
    const input = join(dir, "two.xlsx");
    writeFileSync(input, await xlsxBytesFromSeed({ sheets: [
      { name: "Notes", cells: [["nothing here"]] },
      { name: "Units", cells: [["Date", "Amount"], [{ date: 46_235 }, 12]] },
    ] }));
    const out = join(dir, "o.xlsx");
    const r = await cli("convert", input, "-o", out, "--sheet", "Units", "--as", "actuals", "--metric", "Units", "--no-original", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ sheet: "Units", table: "PlanActuals", added: ["Metric"], rows: 1 });
    const port = await openXlsx(out);
    expect((await port.listSheets()).map((s) => s.name)).toEqual(["Notes", "Units"]);
    expect((await port.readPlanTables()).PlanActuals!.rows).toEqual([[46_235, 12, "Units"]]);
  });

  it("never writes over its input: -o naming the input, however spelled, is refused", async () => {
    const dir = tempDir();
    const input = await crmExport(dir);
    const before = hash(input);
    symlinkSync(input, join(dir, "link.xlsx"));
    for (const o of [input, join(dir, ".", "..", dir.split("/").pop()!, "crm.xlsx"), join(dir, "link.xlsx")]) {
      const r = await cli("convert", input, "-o", o);
      expect(r.code, o).toBe(2);
      expect(r.err).toMatch(/overwrite the input/);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
    expect(hash(input)).toBe(before);
  });

  it("exits 2 with one line for a missing file, a non-xlsx, an .xls and a password-protected workbook", async () => {
    const dir = tempDir();
    const csv = join(dir, "data.xlsx");
    writeFileSync(csv, "Date,Amount\n2026-01-01,5\n");
    const cfb = new Uint8Array(2048);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const xls = join(dir, "old.xls");
    writeFileSync(xls, cfb);
    "EncryptionInfo".split("").forEach((ch, i) => (cfb[1024 + 2 * i] = ch.charCodeAt(0)));
    const locked = join(dir, "locked.xlsx");
    writeFileSync(locked, cfb);
    const cases: [string, RegExp][] = [
      [join(dir, "nope.xlsx"), /no such file/],
      [csv, /not an Excel workbook/],
      [xls, /\.xls\b/],
      [locked, /password-protected/],
      [dir, /not a file/],
    ];
    for (const [file, message] of cases) {
      const r = await cli("convert", file);
      expect(r.code, file).toBe(2);
      expect(r.out).toBe("");
      expect(r.err).toMatch(message);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(dir, "data (plan).xlsx"))).toBe(false);
  });

  it("exits 2 for a sheet with no header row, a bad --as, and a workbook that already has the table", async () => {
    const dir = tempDir();
    const input = join(dir, "x.xlsx");
    writeFileSync(input, await xlsxBytesFromSeed({ sheets: [
      { name: "Junk", cells: [["foo", "bar"], [1, 2]] },
      { name: "Plan", cells: [["Date", "Metric", "Value"], [{ date: 46_000 }, "Revenue", 1]], tables: [{ name: "PlanActuals", ref: "A1:C2" }] },
      { name: "More", cells: [["Date", "Amount"], [{ date: 46_001 }, 2]] },
    ] }));
    expect((await cli("convert", input, "--sheet", "Junk")).err).toMatch(/No header row found in the first 20 rows of sheet "Junk"/);
    const bad = await cli("convert", input, "--as", "phasing");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--as must be/);
    const twice = await cli("convert", input, "--sheet", "More");
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/already has a PlanActuals table \(on sheet "Plan"\)/);
  });

  it.skipIf(!HAS_OPENPYXL)("names a chart the copy cannot carry and refuses, unless --force", async () => {
    const dir = tempDir();
    const input = openpyxlWorkbook([{
      name: "Sales",
      cells: [["Date", "Amount"], [{ date: 46_023 }, 5], [{ date: 46_024 }, 7]],
      charts: [{ anchor: "D2", data: "B1:B3", categories: "A2:A3" }],
    }], { dir, name: "charted" });
    const before = hash(input);
    const refused = await cli("convert", input, "--json");
    expect(refused.code).toBe(2);
    expect(refused.out).toBe("");
    expect(refused.err).toMatch(/a chart on sheet "Sales".*--force/);
    expect(existsSync(join(dir, "charted (plan).xlsx"))).toBe(false);
    const forced = await cli("convert", input, "--json", "--force");
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.out)).toMatchObject({ table: "PlanActuals", rows: 2 });
    expect(forced.err).toMatch(/Written without a chart on sheet "Sales" \(--force\)/);
    expect(hash(input)).toBe(before);
  });
});
