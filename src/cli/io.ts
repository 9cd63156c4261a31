/**
 * File handling shared by the CLI commands that read a workbook and write a copy
 * (../shared/spec/cli.md, "Rules"): a missing file, a file that is not an .xlsx (an .xls, an
 * .xlsb, anything else) and a password-protected workbook each exit 2 with one clear line;
 * the output never overwrites the input; content the copy cannot carry (charts, pivot
 * tables, images, macros, slicers…) is named and refused unless --force; outputs are written
 * to a temporary file first and then renamed, so a failure never leaves half a workbook.
 */
import { existsSync, realpathSync, statSync } from "node:fs";
import { rename, unlink, writeFile, readFile } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { type Lang, t } from "../i18n";
import type { UncarriedContent } from "../ports/types";
import { type XlsxWorkbook, fileKind, openXlsx, saveXlsx, spreadsheetKind, uncarriedContent } from "../ports/xlsx";
import { CliError } from "./errors";

/** An input workbook opened for a command. */
export interface InputWorkbook {
  path: string;
  port: XlsxWorkbook;
  /** What a copy written by the CLI cannot keep (after `ignore`). */
  uncarried: UncarriedContent[];
  /** With --force and something left out: the line to print on stderr; else null. */
  forced: string | null;
}

export interface OpenInputOptions {
  /** --force: open even when the copy cannot keep everything (say so on stderr). */
  force: boolean;
  /** Content the command carries or redraws itself (e.g. charts on its own review sheets). */
  ignore?: (u: UncarriedContent) => boolean;
}

/**
 * Opens an input workbook, or throws a CliError (exit 2) naming what is wrong with it: not
 * there, not an .xlsx, password-protected, or (for a command that writes a copy, which passes
 * `opts`) holding content the copy cannot keep, unless --force. That check comes before
 * loading. A command that writes no copy (validate) leaves `opts` out: nothing is refused.
 */
export async function openInputWorkbook(file: string, lang: Lang, opts?: OpenInputOptions): Promise<InputWorkbook> {
  const path = resolve(file);
  if (!existsSync(path)) throw new CliError(t(lang, "plan.cli.missing", { file }));
  if (!statSync(path).isFile()) throw new CliError(t(lang, "plan.cli.notFile", { file }));
  const bytes = new Uint8Array(await readFile(path));
  switch (fileKind(bytes)) {
    case "encrypted":
      throw new CliError(t(lang, "plan.cli.encrypted", { file }));
    case "cfb":
      throw new CliError(t(lang, "plan.cli.xls", { file }));
    case "other":
      throw new CliError(t(lang, "plan.cli.notXlsx", { file }));
    case "zip":
      break;
  }
  const kind = await spreadsheetKind(bytes);
  if (kind === "xlsb") throw new CliError(t(lang, "plan.cli.xlsb", { file }));
  if (kind !== "xlsx") throw new CliError(t(lang, "plan.cli.notXlsx", { file }));
  let uncarried: UncarriedContent[];
  try {
    uncarried = (await uncarriedContent(bytes)).filter((u) => !opts?.ignore?.(u));
  } catch (e) {
    throw new CliError(t(lang, "plan.cli.unreadable", { file, reason: oneLine(e) }));
  }
  const forced = opts ? checkUncarried(uncarried, opts.force, lang, file) : null;
  let port: XlsxWorkbook;
  try {
    port = await openXlsx(bytes, { name: basename(path) });
  } catch (e) {
    throw new CliError(t(lang, "plan.cli.unreadable", { file, reason: oneLine(e) }));
  }
  return { path, port, uncarried, forced };
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0]!.trim();
}

/** The things a copy could not carry, as one phrase (`a chart on sheet "Sales", macros`). */
export function describeUncarried(items: readonly UncarriedContent[], lang: Lang): string {
  return items
    .map((u) => {
      const item = u.kind === "other" ? t(lang, `plan.cli.other.${u.detail}`) : t(lang, `plan.cli.item.${u.kind}`);
      return u.sheet === undefined ? item : t(lang, "plan.cli.onSheet", { item, sheet: u.sheet });
    })
    .join(lang === "zh-CN" ? "、" : ", ");
}

/**
 * Refuses (exit 2) when the input holds something the copy cannot carry, unless `force`;
 * with `force` returns the line to print on stderr (null when there is nothing to say).
 */
export function checkUncarried(uncarried: readonly UncarriedContent[], force: boolean, lang: Lang, file: string): string | null {
  if (uncarried.length === 0) return null;
  const items = describeUncarried(uncarried, lang);
  if (!force) throw new CliError(t(lang, "plan.cli.uncarried", { file, items }));
  return t(lang, "plan.cli.uncarriedForced", { items });
}

/** `<name> (<suffix>).xlsx` beside the input (`sales.xlsx` → `sales (plan).xlsx`). */
export function defaultOutputPath(input: string, suffix: string): string {
  const ext = extname(input);
  const name = basename(input, ext);
  return join(dirname(input), `${name} (${suffix}).xlsx`);
}

/** True when two paths name the same file (same resolved real path, or the same inode when both exist). */
export function sameFile(a: string, b: string): boolean {
  const ra = realish(a);
  const rb = realish(b);
  if (ra === rb) return true;
  if (existsSync(a) && existsSync(b)) {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  }
  return false;
}

function realish(p: string): string {
  const abs = resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    try {
      return join(realpathSync(dirname(abs)), basename(abs));
    } catch {
      return abs;
    }
  }
}

/**
 * The output path of a command that writes a copy of `input`: `output` when given, else the
 * default beside the input; refused (exit 2) when it is the input itself or a directory.
 */
export function resolveOutputPath(input: string, output: string | undefined, suffix: string, lang: Lang): string {
  const out = resolve(output ?? defaultOutputPath(input, suffix));
  if (sameFile(input, out)) throw new CliError(t(lang, "plan.cli.sameAsInput", { file: output ?? out }));
  if (existsSync(out) && !statSync(out).isFile()) throw new CliError(t(lang, "plan.cli.notFile", { file: output ?? out }));
  return out;
}

/** Writes the workbook to `path` through a temporary file in the same folder, then renames it into place. */
export async function writeWorkbook(port: XlsxWorkbook, path: string): Promise<void> {
  const bytes = await saveXlsx(port);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** The line saying which charts were left out of a written file (ExcelJS cannot draw charts), or null. */
export function unwrittenChartsLine(port: XlsxWorkbook, lang: Lang): string | null {
  if (port.unwrittenCharts.length === 0) return null;
  return t(lang, "plan.cli.chartsDropped", { charts: port.unwrittenCharts.map((c) => `${c.sheet}: ${c.title}`).join("; ") });
}
