/**
 * Worksheet names: Excel's rules (at most 31 characters, none of `[]:*?/\`, not starting or
 * ending with `'`, not blank, not the reserved name `History`, unique ignoring case) and how
 * SalesPlan picks a free name without ever taking one that exists (`Targets`, then
 * `Targets (2)`, `Targets (3)` …).
 *
 * Excel counts a name's length in UTF-16 code units, as JavaScript's `length` does (an emoji
 * outside the Basic Multilingual Plane counts twice; ExcelJS cuts longer names at 31 units),
 * so every length here is `length`, and a name is never cut inside a surrogate pair.
 */

/** Excel's limit on a sheet name's length (UTF-16 code units). */
export const SHEET_NAME_LIMIT = 31;

/** The name Excel keeps for itself (the change-history sheet of shared workbooks), in any case. */
export const RESERVED_SHEET_NAME = "History";

const FORBIDDEN = /[[\]:*?/\\]/;

/** True when `name` is Excel's reserved sheet name (`History`, ignoring case). */
export function isReservedSheetName(name: string): boolean {
  return name.toLowerCase() === RESERVED_SHEET_NAME.toLowerCase();
}

/** True when Excel accepts `name` as a sheet name (uniqueness aside). */
export function isValidSheetName(name: string): boolean {
  return (
    name.trim().length >= 1 && name.length <= SHEET_NAME_LIMIT && !FORBIDDEN.test(name) &&
    !name.startsWith("'") && !name.endsWith("'") && !isReservedSheetName(name) && !hasLoneSurrogate(name)
  );
}

function hasLoneSurrogate(s: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

/** The first `max` UTF-16 code units of `s`, one fewer when the cut would split a surrogate pair. */
function cutUnits(s: string, max: number): string {
  if (s.length <= max) return s;
  const last = s.charCodeAt(max - 1);
  return s.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/**
 * `name` with forbidden characters (and lone surrogates) replaced by `_`, trimmed of `'` at
 * the ends and cut to `max` UTF-16 code units; `Sheet` when nothing is left.
 */
export function cleanSheetName(name: string, max = SHEET_NAME_LIMIT): string {
  const s = name.replace(/[[\]:*?/\\]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "_").replace(/^'+|'+$/g, "");
  const cut = cutUnits(s, Math.max(1, max)).replace(/'+$/, "");
  return cut.trim() === "" ? "Sheet" : cut;
}

/** True when `name` is one of `names`, compared as Excel does (ignoring case). */
export function hasSheet(names: readonly string[], name: string): boolean {
  const n = name.toLowerCase();
  return names.some((x) => x.toLowerCase() === n);
}

/**
 * A sheet name based on `base` that none of `existing` has (nor Excel's reserved `History`):
 * `base` itself when free, else `base (2)`, `base (3)` …, with `base` shortened so the whole
 * stays within 31 characters.
 */
export function uniqueSheetName(base: string, existing: readonly string[]): string {
  const taken = (n: string) => hasSheet(existing, n) || isReservedSheetName(n);
  const clean = cleanSheetName(base);
  if (!taken(clean)) return clean;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = cleanSheetName(base, SHEET_NAME_LIMIT - suffix.length).trimEnd() + suffix;
    if (!taken(name)) return name;
  }
}

/**
 * A free name for the hidden copy of `sheet`: `sheet` + `suffix` (e.g. ` (original)`), then
 * `sheet` + `suffix` + ` (2)`, ` (3)` …, with `sheet` (never the suffix) shortened to fit 31 characters.
 */
export function copySheetName(sheet: string, suffix: string, existing: readonly string[]): string {
  // A suffix leaving no room for the sheet's name and a number: number the whole instead.
  if (suffix.length > SHEET_NAME_LIMIT - 10) return uniqueSheetName(sheet + suffix, existing);
  for (let n = 1; ; n++) {
    const tail = cleanSheetName(n === 1 ? suffix : `${suffix} (${n})`);
    const name = cleanSheetName(cleanSheetName(sheet, Math.max(1, SHEET_NAME_LIMIT - tail.length)).trimEnd() + tail);
    if (!hasSheet(existing, name) && !isReservedSheetName(name)) return name;
  }
}
