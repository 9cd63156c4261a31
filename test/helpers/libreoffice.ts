/**
 * Recalculating .xlsx files with LibreOffice headless, as an independent spreadsheet.
 *
 * LibreOffice recalculates an xlsx's formulas on load (structured references included) only
 * when its profile sets OOXMLRecalcMode to 0 ("always"), so each process gets its own profile
 * directory with that setting (FIELD-NOTES "Independent checks"). soffice exits 0 even when a
 * conversion fails, so success is the output file existing.
 *
 * Tests that need it: `it.skipIf(!hasSoffice && !process.env.CI)`; in CI a missing soffice
 * must fail, not skip (the tests then call recalc, which throws).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";

const run = promisify(execFile);

/** Where soffice is, if anywhere (SOFFICE overrides). */
export const sofficePath: string | null = [process.env.SOFFICE, "/usr/bin/soffice", "/usr/local/bin/soffice", "/opt/libreoffice/program/soffice"]
  .filter((p): p is string => typeof p === "string" && p !== "")
  .find((p) => existsSync(p)) ?? null;

/** True when LibreOffice is installed here. */
export const hasSoffice = sofficePath !== null;

/** Why a LibreOffice test is skipped (for the test title). */
export const sofficeSkipReason = hasSoffice ? "" : " (skipped: LibreOffice soffice not found; CI installs it)";

const PROFILE_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

let profileDir: string | null = null;

/** This process's LibreOffice profile (created once), set to recalculate xlsx files on load. */
function profile(): string {
  if (profileDir) return profileDir;
  const dir = mkdtempSync(join(tmpdir(), "salesplan-lo-profile-"));
  mkdirSync(join(dir, "user"), { recursive: true });
  writeFileSync(join(dir, "user", "registrymodifications.xcu"), PROFILE_XCU);
  profileDir = dir;
  return dir;
}

/**
 * Recalculates each .xlsx with LibreOffice in one soffice run and returns the recalculated
 * copies (same base names, in a new directory), in input order. Throws when soffice is
 * missing or an output file was not written.
 */
export async function recalcMany(inPaths: readonly string[], opts: { timeoutMs?: number } = {}): Promise<string[]> {
  if (!sofficePath) throw new Error("LibreOffice (soffice) is not installed");
  if (inPaths.length === 0) return [];
  const outDir = mkdtempSync(join(tmpdir(), "salesplan-lo-out-"));
  const args = ["--headless", "--norestore", "--nologo", `-env:UserInstallation=file://${profile()}`, "--convert-to", "xlsx", "--outdir", outDir, ...inPaths];
  let detail = "";
  try {
    const { stdout, stderr } = await run(sofficePath, args, { timeout: opts.timeoutMs ?? 180_000, maxBuffer: 16 * 1024 * 1024 });
    detail = `${stdout}\n${stderr}`.trim();
  } catch (e) {
    detail = String((e as Error).message);
  }
  return inPaths.map((p) => {
    const out = join(outDir, `${basename(p, extname(p))}.xlsx`);
    if (!existsSync(out)) throw new Error(`LibreOffice did not write ${out}${detail ? `: ${detail}` : ""}`);
    return out;
  });
}

/** Recalculates one .xlsx with LibreOffice; returns the path of the recalculated copy. */
export async function recalc(inPath: string, opts: { timeoutMs?: number } = {}): Promise<string> {
  const [out] = await recalcMany([inPath], opts);
  return out!;
}

/** Text of XML character data with its entities decoded. */
function xmlText(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e === "amp" ? "&" : e === "lt" ? "<" : e === "gt" ? ">" : e === "quot" ? '"' : e === "apos" ? "'"
      : String.fromCodePoint(e.startsWith("#x") ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

/** The concatenated `<t>` texts inside an XML fragment (a shared string or an inline string, rich runs included). */
function runsText(fragment: string): string {
  return [...fragment.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => xmlText(m[1]!)).join("");
}

/** A cell value as a spreadsheet saved it: number, text, boolean, an error code (`#N/A`) as text, or null when none was saved. */
export type CachedValue = number | string | boolean | null;

/** A cell as a spreadsheet saved it: its value, and its formula's text when it holds one (`""` for a shared formula's follower). */
export interface SavedCell {
  value: CachedValue;
  formula: string | null;
}

/** A sheet's saved cells by 1-based row and column (null where the file has no such cell). */
export type SavedSheet = (row: number, col: number) => SavedCell | null;

/** Column letters of a 1-based column number. */
function columnLetters(col: number): string {
  let out = "";
  for (let x = col; x > 0; x = Math.floor((x - 1) / 26)) out = String.fromCharCode(65 + ((x - 1) % 26)) + out;
  return out;
}

/**
 * The cells a spreadsheet saved in some sheets of an .xlsx (formula results included, and
 * whether each cell is a formula), read straight from the package XML, the package opened
 * once. (ExcelJS 4.4 drops a saved formula result of 0 or "", so the recalculated values
 * are read here without it.) Throws when a sheet is missing.
 */
export async function readSavedSheets(path: string, sheets: readonly string[]): Promise<Map<string, SavedSheet>> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const read = async (name: string) => (await zip.file(name)?.async("string")) ?? null;
  const workbook = (await read("xl/workbook.xml")) ?? "";
  const rels = (await read("xl/_rels/workbook.xml.rels")) ?? "";
  const shared = [...((await read("xl/sharedStrings.xml")) ?? "").matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => runsText(m[1]!));
  const out = new Map<string, SavedSheet>();
  for (const sheet of sheets) {
    const sheetTag = [...workbook.matchAll(/<sheet\s[^>]*>/g)].map((m) => m[0]).find((tag) => xmlText(/\sname="([^"]*)"/.exec(tag)?.[1] ?? "") === sheet);
    if (!sheetTag) throw new Error(`${path}: no sheet named ${sheet}`);
    const rid = /\sr:id="([^"]*)"/.exec(sheetTag)?.[1];
    const relTag = [...rels.matchAll(/<Relationship\s[^>]*>/g)].map((m) => m[0]).find((tag) => /\sId="([^"]*)"/.exec(tag)?.[1] === rid);
    const target = /\sTarget="([^"]*)"/.exec(relTag ?? "")?.[1];
    if (!target) throw new Error(`${path}: no part for sheet ${sheet}`);
    const part = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
    const xml = (await read(part)) ?? "";
    const cells = new Map<string, SavedCell>();
    for (const m of xml.matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = m[1]!;
      const body = m[2] ?? "";
      const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
      if (!ref) continue;
      const type = /\bt="([^"]*)"/.exec(attrs)?.[1] ?? "n";
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: CachedValue = null;
      if (type === "inlineStr") value = runsText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? "");
      else if (v === undefined) value = null;
      else if (type === "s") value = shared[Number(v)] ?? null;
      else if (type === "str" || type === "e") value = xmlText(v);
      else if (type === "b") value = v === "1";
      else value = Number(v);
      const f = /<f(?:\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/f>)/.exec(body);
      cells.set(ref, { value, formula: f ? xmlText(f[1] ?? "") : null });
    }
    out.set(sheet, (row, col) => cells.get(`${columnLetters(col)}${row}`) ?? null);
  }
  return out;
}

/** The values a spreadsheet saved in one sheet of an .xlsx (formula results included), by row and column. */
export async function readSavedValues(path: string, sheet: string): Promise<(row: number, col: number) => CachedValue> {
  const at = (await readSavedSheets(path, [sheet])).get(sheet)!;
  return (row, col) => at(row, col)?.value ?? null;
}
