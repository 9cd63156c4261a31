/**
 * PLAN.SMART and PLAN.SMARTGAPS: the row-local SMART rules of core/smart, shared with the
 * Validate action, so a row with no cross-table error gets the same score in both places.
 */
import type { CellValue } from "../core/cells";
import { excelError, isError } from "../core/errors";
import { DEFAULT_MAX_GROWTH, type GoalFields, smartScore } from "../core/smart/row";
import { type Arg, type Result, omitted, scalar, toNumber } from "./coerce";

const FIELD_NAMES = ["goal", "metric", "target", "baseline", "start", "end", "objective"] as const;

/** The goal's fields as the cells hold them; an error value counts as a wrong type (criterion unmet), as in validation. */
function goalFields(args: readonly Arg[], direction: Arg): GoalFields | ReturnType<typeof excelError> {
  const f: Record<string, CellValue> = {};
  for (let i = 0; i < FIELD_NAMES.length; i++) {
    const name = FIELD_NAMES[i]!;
    if (Array.isArray(args[i]) && (args[i] as CellValue[][]).flat().length > 1) return excelError("#VALUE!", "fn.err.notSingleCell", { arg: name });
    const v = scalar(args[i], name);
    // An error value goes through as it is: the rules read it as a wrong type, as validation does.
    f[name] = v === "" ? null : v;
  }
  const d = scalar(direction, "direction");
  if (isError(d) && d.msg?.key === "fn.err.notSingleCell") return d;
  // An unknown direction (an error value included) counts as higher (functions.md); the row rules read it so.
  f.direction = isError(d) ? null : d;
  return f as GoalFields;
}

/** The maxGrowth argument: default 0.5, must lie in (0, 10]. */
function maxGrowthArg(a: Arg): number | ReturnType<typeof excelError> {
  const v = scalar(a, "maxGrowth");
  if (isError(v)) return v;
  if (omitted(v)) return DEFAULT_MAX_GROWTH;
  const n = toNumber(v, "maxGrowth");
  if (isError(n)) return n;
  return n > 0 && n <= 10 ? n : excelError("#NUM!", "fn.err.maxGrowthRange", { value: n });
}

function score(args: readonly Arg[], maxGrowth: Arg, direction: Arg) {
  const fields = goalFields(args, direction);
  if (isError(fields)) return fields;
  const mg = maxGrowthArg(maxGrowth);
  if (isError(mg)) return mg;
  return smartScore(fields, mg);
}

export function planSmart(goal: Arg, metric: Arg, target: Arg, baseline: Arg, start: Arg, end: Arg, objective: Arg, maxGrowth?: Arg, direction?: Arg): Result {
  const s = score([goal, metric, target, baseline, start, end, objective], maxGrowth, direction);
  return isError(s) ? s : s.score;
}

export function planSmartGaps(goal: Arg, metric: Arg, target: Arg, baseline: Arg, start: Arg, end: Arg, objective: Arg, maxGrowth?: Arg, direction?: Arg): Result {
  const s = score([goal, metric, target, baseline, start, end, objective], maxGrowth, direction);
  return isError(s) ? s : s.unmet.join(",");
}
