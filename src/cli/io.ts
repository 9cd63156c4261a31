/**
 * File handling shared by the CLI commands that read a workbook and write a copy
 * (../shared/spec/cli.md, "Rules"): a missing file, a file that is not an .xlsx (an .xls, an
 * .xlsb, anything else) and a password-protected workbook each exit 2 with one clear line;
 * the output never overwrites the input; content the copy cannot carry (charts, pivot
 * tables, images, macros, slicers…) is named and refused unless --force; outputs are written
 * to a temporary file first and then renamed, so a failure never leaves half a workbook.
 *
 * Inputs are checked before anything is inflated or parsed: a file over the size limit
 * (200 MB; environment variable SALESPLAN_MAX_INPUT_MB) is refused unread, and a zip whose
 * central directory declares more than the unpacked limit in all (2,048 MB;
 * SALESPLAN_MAX_UNZIPPED_MB), more than 100,000 parts, or a part of 10 MB or more packed more
 * than 100 to 1 (real worksheets pack 5–20 to 1; zip bombs about 1,000 to 1) is refused as a
 * zip bomb; so is a part that inflates to more than its declared size (checked by inflating it
 * into nothing, stopping at the declared size). "MB" is 1,048,576 bytes. Each refusal is one
 * line on stderr and exit 2.
 */
import { existsSync, realpathSync, statSync } from "node:fs";
import { rename, unlink, readFile } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { type Lang, t } from "../i18n";
import type { UncarriedContent } from "../ports/types";
import { type XlsxWorkbook, fileKind, openXlsx, saveXlsxFile, spreadsheetKind, uncarriedContent } from "../ports/xlsx";
import { entryExceedingDeclaredSize, readZipDirectory } from "../ports/xlsx/package";
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
  const stat = statSync(path);
  if (!stat.isFile()) throw new CliError(t(lang, "plan.cli.notFile", { file }));
  const limits = inputLimits(lang);
  if (stat.size > limits.maxInputBytes) {
    throw new CliError(t(lang, "plan.cli.tooLarge", { file, size: megabytes(stat.size), limit: megabytes(limits.maxInputBytes) }));
  }
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
  await checkZipLimits(bytes, limits, lang, file);
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

/** Bytes in the "MB" of the limits and their messages. */
export const MB = 1024 * 1024;
/** Default limit on an input file's size, in MB (SALESPLAN_MAX_INPUT_MB). */
export const DEFAULT_MAX_INPUT_MB = 200;
/** Default limit on what an input unpacks to in all, in MB (SALESPLAN_MAX_UNZIPPED_MB). */
export const DEFAULT_MAX_UNZIPPED_MB = 2048;
/** A part packed more than this many to one is a zip bomb (real worksheets: 5–20 to 1)… */
export const ZIP_BOMB_RATIO = 100;
/** …when it unpacks to at least this many bytes (small parts may pack well and harm no one). */
export const ZIP_RATIO_MIN_BYTES = 10 * MB;
/** More parts than this is no workbook (each costs memory before anything is read). */
export const MAX_ZIP_ENTRIES = 100_000;

/** The limits an input workbook is checked against. */
export interface InputLimits {
  maxInputBytes: number;
  maxUnzippedBytes: number;
}

/**
 * The input limits: SALESPLAN_MAX_INPUT_MB and SALESPLAN_MAX_UNZIPPED_MB when set (a positive
 * number of MB; anything else is refused with exit 2), else 200 and 2,048 MB.
 */
export function inputLimits(lang: Lang, env: NodeJS.ProcessEnv = process.env): InputLimits {
  const read = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") return fallback * MB;
    const mb = Number(raw.trim());
    if (!Number.isFinite(mb) || mb <= 0) throw new CliError(t(lang, "plan.cli.badLimit", { name, value: raw }));
    return Math.floor(mb * MB);
  };
  return { maxInputBytes: read("SALESPLAN_MAX_INPUT_MB", DEFAULT_MAX_INPUT_MB), maxUnzippedBytes: read("SALESPLAN_MAX_UNZIPPED_MB", DEFAULT_MAX_UNZIPPED_MB) };
}

/** A byte count in MB for a message: whole MB from 10 MB, two significant digits below. */
function megabytes(bytes: number): string {
  const mb = bytes / MB;
  return mb < 10 ? String(Number(mb.toPrecision(2))) : String(Math.round(mb));
}

/**
 * Refuses (exit 2) a zip that would unpack to too much: judged first on its central directory
 * (nothing inflated), then by inflating each part into nothing to see that it keeps to its
 * declared size. A zip without a readable directory is left to the reader, which says it is no xlsx.
 */
export async function checkZipLimits(bytes: Uint8Array, limits: InputLimits, lang: Lang, file: string): Promise<void> {
  const entries = readZipDirectory(bytes);
  if (entries === null) return;
  if (entries.length > MAX_ZIP_ENTRIES) {
    throw new CliError(t(lang, "plan.cli.zipEntries", { file, count: entries.length, limit: MAX_ZIP_ENTRIES }));
  }
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (total > limits.maxUnzippedBytes) {
    throw new CliError(t(lang, "plan.cli.zipTotal", { file, size: megabytes(total), limit: megabytes(limits.maxUnzippedBytes) }));
  }
  for (const e of entries) {
    // Only a deflated part packs: a stored one is as big as its bytes in the file.
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.method !== 0 && e.uncompressedSize >= ZIP_RATIO_MIN_BYTES && ratio > ZIP_BOMB_RATIO) {
      throw new CliError(t(lang, "plan.cli.zipRatio", { file, part: e.name, size: megabytes(e.uncompressedSize), ratio: Math.round(ratio) }));
    }
  }
  const liar = await entryExceedingDeclaredSize(bytes, entries);
  if (liar) throw new CliError(t(lang, "plan.cli.zipLies", { file, part: liar.name, size: megabytes(liar.uncompressedSize) }));
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

/**
 * Writes the workbook to `path` through a temporary file in the same folder, then renames it
 * into place. A streamed sheet (ports/xlsx/stream.ts) is streamed into the file: the output is never held whole.
 */
export async function writeWorkbook(port: XlsxWorkbook, path: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await saveXlsxFile(port, tmp);
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
