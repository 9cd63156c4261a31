/**
 * The CLI refuses inputs that would exhaust the machine, before inflating or parsing them:
 * files over the size limit (SALESPLAN_MAX_INPUT_MB) and zip bombs (a central directory
 * declaring too much in all, a part packed far tighter than any worksheet, a part inflating
 * past its declared size, too many parts). One line on stderr, exit 2, nothing written.
 * The bombs are tiny files whose directories make the claims; nothing big is ever written.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_ZIP_ENTRIES, MB, inputLimits } from "../../src/cli/io";
import { run } from "../../src/cli/main";
import { CliError } from "../../src/cli/errors";
import { readZipDirectory } from "../../src/ports/xlsx/package";
import { tempDir } from "../fixtures/fixtures";
import { xlsxBytesFromSeed } from "../ports/xlsx-seed";
import { buildZip, minimalXlsxParts } from "./zips";

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(["node", "salesplan", ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false });
  return { code, out, err };
}

/** Expects a refusal: exit 2, one line on stderr, nothing on stdout, no file written beside the input. */
async function refused(file: string, command: "convert" | "validate" = "convert"): Promise<string> {
  const dir = join(file, "..");
  const before = readdirSync(dir).sort();
  const r = await cli(command, file, "--json");
  expect(r.code).toBe(2);
  expect(r.out).toBe("");
  expect(r.err.endsWith("\n")).toBe(true);
  expect(r.err.trim().split("\n")).toHaveLength(1);
  expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  expect(readdirSync(dir).sort()).toEqual(before);
  return r.err.trim();
}

const saved: Record<string, string | undefined> = {};
function setEnv(name: string, value: string | undefined): void {
  if (!(name in saved)) saved[name] = process.env[name];
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    delete saved[k];
  }
});

async function plainWorkbook(dir: string): Promise<string> {
  const file = join(dir, "orders.xlsx");
  writeFileSync(file, await xlsxBytesFromSeed({ sheets: [{ name: "Orders", cells: [["Order date", "Customer", "Amount"], [{ date: 46_235 }, "Acme", 1200]] }] }));
  return file;
}

describe("input size limit", () => {
  it("is 200 MB and 2,048 MB unpacked by default; the environment changes it; a bad value is refused", () => {
    setEnv("SALESPLAN_MAX_INPUT_MB", undefined);
    setEnv("SALESPLAN_MAX_UNZIPPED_MB", undefined);
    expect(inputLimits("en")).toEqual({ maxInputBytes: 200 * 1_048_576, maxUnzippedBytes: 2048 * 1_048_576 });
    expect(inputLimits("en", { SALESPLAN_MAX_INPUT_MB: "0.5", SALESPLAN_MAX_UNZIPPED_MB: " 10 " })).toEqual({ maxInputBytes: 524_288, maxUnzippedBytes: 10 * 1_048_576 });
    for (const bad of ["0", "-1", "lots", "Infinity"]) {
      expect(() => inputLimits("en", { SALESPLAN_MAX_INPUT_MB: bad })).toThrow(CliError);
    }
  });

  it("refuses a file over the limit unread, naming both sizes and the variable that raises it", async () => {
    const dir = tempDir();
    const file = await plainWorkbook(dir);
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(1024); // the workbook is some kilobytes
    setEnv("SALESPLAN_MAX_INPUT_MB", "0.001"); // 1,048 bytes
    const line = await refused(file);
    expect(line).toBe(`salesplan: ${file}: the file is ${Number((size / MB).toPrecision(2))} MB, over the 0.001 MB limit for input workbooks; set SALESPLAN_MAX_INPUT_MB to a larger number of MB to open it.`);
    expect(await refused(file, "validate")).toContain("SALESPLAN_MAX_INPUT_MB");
    // With room for it, the same file is read (and refused only for holding no plan).
    setEnv("SALESPLAN_MAX_INPUT_MB", "1");
    const r = await cli("validate", file, "--json");
    expect(r.err).not.toContain("SALESPLAN_MAX_INPUT_MB");
    expect(r.err).toContain("PlanTargets");
  });

  it("says in one line when the limit itself is not a number", async () => {
    const dir = tempDir();
    const file = await plainWorkbook(dir);
    setEnv("SALESPLAN_MAX_INPUT_MB", "two hundred");
    expect(await refused(file)).toBe('salesplan: SALESPLAN_MAX_INPUT_MB must be a positive number of megabytes, not "two hundred".');
  });

  it("speaks Chinese with --lang zh-CN", async () => {
    const dir = tempDir();
    const file = await plainWorkbook(dir);
    setEnv("SALESPLAN_MAX_INPUT_MB", "0.001");
    const r = await cli("validate", file, "--lang", "zh-CN");
    expect(r.code).toBe(2);
    expect(r.err).toContain("超过输入工作簿");
  });
});

describe("zip bombs", () => {
  const write = (dir: string, name: string, bytes: Uint8Array) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    expect(statSync(file).size).toBeLessThan(2 * MB); // the bomb itself is small
    return file;
  };

  it("reads what a central directory declares, ZIP64 sizes included, without inflating", () => {
    const zip = buildZip([
      { name: "a.xml", data: "<a/>" },
      { name: "big.bin", data: "x", deflate: false, declaredSize: 5 * 2 ** 30, zip64: true }, // claims 5 GiB
    ]);
    const dir = readZipDirectory(zip)!;
    expect(dir.map((e) => [e.name, e.method, e.uncompressedSize])).toEqual([["a.xml", 8, 4], ["big.bin", 0, 5 * 2 ** 30]]);
    expect(readZipDirectory(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toBeNull();
  });

  it("refuses a workbook whose parts declare more than 2,048 MB in all", async () => {
    const dir = tempDir();
    // Three parts of one byte each claiming 1,000 MB.
    const parts = [...minimalXlsxParts(), ...[1, 2, 3].map((i) => ({ name: `xl/media/blob${i}.bin`, data: "x", declaredSize: 1000 * MB }))];
    const file = write(dir, "total.xlsx", buildZip(parts));
    expect(await refused(file)).toBe(`salesplan: ${file}: the workbook would unpack to 3000 MB, over the 2048 MB limit (it may be a zip bomb); set SALESPLAN_MAX_UNZIPPED_MB to a larger number of MB if you trust the file.`);
  });

  it("refuses a 4 GB claim made through ZIP64 fields", async () => {
    const dir = tempDir();
    const file = write(dir, "zip64.xlsx", buildZip([...minimalXlsxParts(), { name: "xl/media/huge.bin", data: "x", declaredSize: 4 * 1024 * MB, zip64: true }]));
    expect(await refused(file, "validate")).toContain("would unpack to 4096 MB");
  });

  it("refuses a part packed more than 100 to 1", async () => {
    const dir = tempDir();
    // 40 MB of one repeated row deflates to about 40 kB: about 1,000 to 1, as zip bombs do.
    const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
    const sheet = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${row.repeat(Math.floor((40 * MB) / row.length))}</sheetData></worksheet>`;
    const parts = minimalXlsxParts().map((p) => (p.name === "xl/worksheets/sheet1.xml" ? { ...p, data: sheet } : p));
    const file = write(dir, "dense.xlsx", buildZip(parts));
    const line = await refused(file);
    expect(line).toMatch(/^salesplan: .*dense\.xlsx: part xl\/worksheets\/sheet1\.xml would unpack to 40 MB, packed \d+ to 1; no workbook packs that tightly, so this is refused as a zip bomb\.$/);
    expect(Number(/packed (\d+) to 1/.exec(line)![1])).toBeGreaterThan(100);
  });

  it("refuses a part that inflates past the size its directory declares", async () => {
    const dir = tempDir();
    // 30 MB of zeros (about 30 kB packed) declared as 1 MB: under every limit on paper.
    const parts = [...minimalXlsxParts(), { name: "xl/media/liar.bin", data: new Uint8Array(30 * MB), declaredSize: MB }];
    const file = write(dir, "liar.xlsx", buildZip(parts));
    expect(await refused(file)).toBe(`salesplan: ${file}: part xl/media/liar.bin unpacks to more than the 1 MB the file declares; the file is damaged or a zip bomb, and is refused.`);
  });

  it("refuses more than 100,000 parts", async () => {
    const dir = tempDir();
    const parts = [...minimalXlsxParts(), ...Array.from({ length: MAX_ZIP_ENTRIES }, (_, i) => ({ name: `p/${i}`, data: "", deflate: false }))];
    const file = join(dir, "many.xlsx");
    writeFileSync(file, buildZip(parts));
    expect(await refused(file)).toBe(`salesplan: ${file}: the file holds ${MAX_ZIP_ENTRIES + 5} parts, more than the 100000 a workbook could need; it is refused as a zip bomb.`);
  });

  it("lets real workbooks through, and a zip that is no workbook is still \"not an xlsx\"", async () => {
    const dir = tempDir();
    const file = await plainWorkbook(dir);
    const r = await cli("convert", file, "-o", join(dir, "out.xlsx"), "--json");
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, "out.xlsx"))).toBe(true);
    const other = write(dir, "notes.xlsx", buildZip([{ name: "notes.txt", data: "hello" }]));
    expect(await refused(other)).toBe(`salesplan: ${other}: not an Excel workbook (.xlsx).`);
  });
});
