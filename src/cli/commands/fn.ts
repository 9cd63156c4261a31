/**
 * `salesplan fn NAME [ARG …] [--json]`: evaluates one PLAN.* function as Excel would call it
 * (../shared/spec/cli.md, "fn arguments").
 */
import type { Command } from "commander";
import type { CellValue } from "../../core/cells";
import { errorFromText } from "../../core/cells";
import { parseTextDate } from "../../core/dates";
import { isError } from "../../core/errors";
import { findFunction, PLAN_FUNCTIONS } from "../../functions/catalog";
import type { Arg, Result } from "../../functions/coerce";
import { errorMessage } from "../../functions/excel-result";
import { CliError } from "../errors";
import { cliLang } from "../lang";
import { io } from "../main";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One JSON scalar as a cell: ISO dates become serials, {"error":"#N/A"} an error value. */
function toCell(v: unknown, raw: string): CellValue {
  if (v === null) return null;
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "string") {
    if (ISO_DATE.test(v)) return parseTextDate(v) ?? v;
    return v;
  }
  if (typeof v === "object" && v !== null && typeof (v as { error?: unknown }).error === "string") {
    const e = errorFromText((v as { error: string }).error);
    if (e) return e;
  }
  throw new CliError(`argument ${raw} is not a value Excel can hold (a number, text, true/false, null, {"error":"#N/A"} or an array of rows)`);
}

/** Parses one ARG: JSON when it parses, else a plain string; nested arrays are ranges (rows of cells). */
export function parseFnArg(raw: string): Arg {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return ISO_DATE.test(raw) ? (parseTextDate(raw) ?? raw) : raw;
  }
  if (!Array.isArray(v)) return toCell(v, raw);
  // [[1,2],[3,4]] is 2 rows × 2 columns; a flat [1,2,3] is one row.
  const rows = v.every((r) => Array.isArray(r)) ? (v as unknown[][]) : [v];
  const width = rows[0]?.length ?? 0;
  if (rows.length === 0 || width === 0 || rows.some((r) => r.length !== width)) {
    throw new CliError(`argument ${raw} is not a rectangular range: every row needs the same number of cells`);
  }
  return rows.map((r) => r.map((c) => toCell(c, raw)));
}

/** The JSON form of one result cell. */
function jsonCell(v: CellValue): unknown {
  return isError(v) ? { error: v.code } : v;
}

/** Prints a result as cli.md says: JSON or plain, a 1×1 array as its single value. */
export function formatResult(r: Result, json: boolean): string {
  const single = Array.isArray(r) && r.length === 1 && r[0]!.length === 1 ? r[0]![0]! : r;
  const lang = cliLang();
  if (json) {
    if (!Array.isArray(single)) {
      if (isError(single)) return JSON.stringify({ error: single.code, message: errorMessage(single, lang) });
      return JSON.stringify({ value: single });
    }
    return JSON.stringify({ value: single.map((row) => row.map(jsonCell)) });
  }
  if (!Array.isArray(single)) {
    if (isError(single)) return `${single.code}  ${errorMessage(single, lang)}`;
    return single === null ? "" : String(single);
  }
  return single.map((row) => row.map((c) => (isError(c) ? c.code : c === null ? "" : String(c))).join("\t")).join("\n");
}

export function register(program: Command): void {
  program
    .command("fn")
    .description(`evaluate one PLAN.* function as Excel would call it (${PLAN_FUNCTIONS.map((f) => f.name).join(", ")})`)
    .argument("<name>", "function name, with or without PLAN. (case-insensitive)")
    .argument("[args...]", "arguments: JSON (numbers, \"text\", true, null for a blank cell, {\"error\":\"#N/A\"}, [[1,2],[3,4]] for a range) or plain text; YYYY-MM-DD is a date")
    .option("--json", "print one JSON document: {\"value\": …} or {\"error\": \"#…\", \"message\": \"…\"}")
    // A value that starts with "-" is an argument (fn PLAN.VARIANCE 80 100 -1), not an option.
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .action((name: string, args: string[], opts: { json?: boolean }) => {
      const fn = findFunction(name);
      if (!fn) throw new CliError(`unknown function ${name}; the PLAN.* functions are ${PLAN_FUNCTIONS.map((f) => f.name).join(", ")}`);
      const min = fn.params.filter((p) => !p.optional).length;
      const max = fn.params.length;
      if (args.length < min || args.length > max) {
        const sig = fn.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
        throw new CliError(`PLAN.${fn.name} takes ${min === max ? min : `${min} to ${max}`} arguments (${sig}), got ${args.length}`);
      }
      const result = fn.impl(...args.map(parseFnArg));
      io().stdout(`${formatResult(result, Boolean(opts.json))}\n`);
    });
}
