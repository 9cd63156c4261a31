/**
 * Worksheet names: Excel's rules (at most 31 characters, none of `[]:*?/\`, not starting or
 * ending with `'`, unique ignoring case) and how SalesPlan picks a free name without ever
 * taking one that exists (`Targets`, then `Targets (2)`, `Targets (3)` …).
 */

/** Excel's limit on a sheet name's length. */
export const SHEET_NAME_LIMIT = 31;

/** True when Excel accepts `name` as a sheet name (uniqueness aside). */
export function isValidSheetName(name: string): boolean {
  return name.length >= 1 && name.length <= SHEET_NAME_LIMIT && !/[[\]:*?/\\]/.test(name) && !name.startsWith("'") && !name.endsWith("'");
}

/** `name` with forbidden characters replaced by `_`, trimmed of `'` at the ends and cut to `max` characters. */
export function cleanSheetName(name: string, max = SHEET_NAME_LIMIT): string {
  const s = name.replace(/[[\]:*?/\\]/g, "_").replace(/^'+|'+$/g, "");
  return Array.from(s).slice(0, max).join("").replace(/'+$/, "") || "Sheet";
}

/** True when `name` is one of `names`, compared as Excel does (ignoring case). */
export function hasSheet(names: readonly string[], name: string): boolean {
  const n = name.toLowerCase();
  return names.some((x) => x.toLowerCase() === n);
}

/**
 * A sheet name based on `base` that none of `existing` has: `base` itself when free, else
 * `base (2)`, `base (3)` …, with `base` shortened so the whole stays within 31 characters.
 */
export function uniqueSheetName(base: string, existing: readonly string[]): string {
  const clean = cleanSheetName(base);
  if (!hasSheet(existing, clean)) return clean;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = cleanSheetName(base, SHEET_NAME_LIMIT - suffix.length).trimEnd() + suffix;
    if (!hasSheet(existing, name)) return name;
  }
}

/** A free name for the hidden copy of `sheet`: `sheet` + `suffix` (e.g. ` (original)`), shortened to fit. */
export function copySheetName(sheet: string, suffix: string, existing: readonly string[]): string {
  const room = SHEET_NAME_LIMIT - Array.from(suffix).length;
  return uniqueSheetName(cleanSheetName(sheet, Math.max(1, room)).trimEnd() + suffix, existing);
}
