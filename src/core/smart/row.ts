/**
 * The row-local SMART rules (smart.md, PlanTargets rules that need only the goal's own
 * cells). One implementation serves the whole-plan validation and PLAN.SMART /
 * PLAN.SMARTGAPS, so both give the same score for a row with no cross-table error.
 */
import { type CellValue, asNumber, asPlanDate, asText, cellText, isBlank } from "../cells";
import { isoFromSerial } from "../dates";
import { gtTol, isError } from "../errors";
import { parseDirection, type Direction } from "../variance";
import { type RowFinding, type SmartLetter, SMART_LETTERS, fmtNumber, fmtPct, rowFinding } from "./findings";
import { countWords, isVague } from "./words";

/** The cells of one goal, as the sheet holds them (a missing cell is blank). */
export interface GoalFields {
  goal?: CellValue;
  objective?: CellValue;
  metric?: CellValue;
  unit?: CellValue;
  direction?: CellValue;
  baseline?: CellValue;
  target?: CellValue;
  start?: CellValue;
  end?: CellValue;
  owner?: CellValue;
}

/** Options of the row-local rules. */
export interface RowRuleOptions {
  /** PlanSettings MaxGrowth (default 0.5): growth above it is ambitious (A2), above twice it unrealistic (A1). */
  maxGrowth?: number;
}

/** MaxGrowth when neither PlanSettings nor the PLAN.SMART argument gives one. */
export const DEFAULT_MAX_GROWTH = 0.5;

/** A goal's direction cell read for validation: unknown text counts as higher and is flagged (P4). */
export function goalDirection(v: CellValue | undefined): { direction: Direction; valid: boolean } {
  const d = parseDirection(v ?? null);
  return isError(d) ? { direction: "higher", valid: false } : { direction: d, valid: true };
}

/**
 * Implied improvement g (smart.md): higher: target / baseline − 1; lower: baseline / target − 1.
 * Null unless both are positive.
 */
export function impliedGrowth(target: number, baseline: number, direction: Direction): number | null {
  if (!(baseline > 0 && target > 0)) return null;
  return direction === "lower" ? baseline / target - 1 : target / baseline - 1;
}

/** A whole number typed where a date belongs that looks like a year (2026): not a date. */
function looksLikeYear(v: CellValue | undefined): boolean {
  const s = asText(v);
  return s !== null && /^\d{4}$/.test(s) && Number(s) >= 1900 && Number(s) <= 2199;
}

function dateFindings(v: CellValue | undefined, column: "Start" | "End", out: RowFinding[]): number | null {
  if (isBlank(v)) {
    out.push(rowFinding("T1", column, `smart.T1.${column}.blank`));
    return null;
  }
  const d = asPlanDate(v);
  if (d === null) {
    const value = cellText(v);
    out.push(rowFinding("T1", column, looksLikeYear(v) ? `smart.T1.${column}.year` : `smart.T1.${column}.notDate`, { value }));
    return null;
  }
  return d.serial;
}

/**
 * Every row-local finding of a goal (S1 S2 M1–M4 A1–A4 R1 T1 T2 P2 P4 P5), in SMART order.
 * The errors among them are exactly S1, M1, M2, A1, R1, T1 and T2.
 */
export function rowLocalFindings(fields: GoalFields, opts: RowRuleOptions = {}): RowFinding[] {
  const maxGrowth = opts.maxGrowth ?? DEFAULT_MAX_GROWTH;
  const out: RowFinding[] = [];

  // S: the statement.
  const goal = asText(fields.goal);
  if (goal === null) out.push(rowFinding("S1", "Goal", "smart.S1"));
  else if (isVague(goal)) {
    const { words, cjk } = countWords(goal);
    out.push(rowFinding("S2", "Goal", "smart.S2", { goal, words, cjk }));
  }

  // M: what is measured and how much.
  if (asText(fields.metric) === null) out.push(rowFinding("M1", "Metric", "smart.M1"));
  const target = asNumber(fields.target);
  if (target === null) {
    if (isBlank(fields.target ?? null)) out.push(rowFinding("M2", "Target", "smart.M2.blank"));
    else out.push(rowFinding("M2", "Target", "smart.M2.notNumber", { value: cellText(fields.target) }));
  }
  if (asText(fields.unit) === null) out.push(rowFinding("M3", "Unit", "smart.M3"));
  if (target !== null && target <= 0) out.push(rowFinding("M4", "Target", "smart.M4", { target: fmtNumber(target) }));

  // A: achievable against the baseline.
  const { direction, valid: directionValid } = goalDirection(fields.direction);
  const baseline = asNumber(fields.baseline);
  if (baseline === null) {
    if (isBlank(fields.baseline ?? null)) out.push(rowFinding("A3", "Baseline", "smart.A3.blank"));
    else out.push(rowFinding("A3", "Baseline", "smart.A3.notNumber", { value: cellText(fields.baseline) }));
  } else if (target !== null) {
    const g = impliedGrowth(target, baseline, direction);
    if (g !== null) {
      const params = {
        target: fmtNumber(target), baseline: fmtNumber(baseline), pct: fmtPct(Math.abs(g)),
        changePct: fmtPct(Math.abs(target / baseline - 1)),
        maxGrowth: fmtNumber(maxGrowth), maxPct: fmtPct(maxGrowth), limitPct: fmtPct(2 * maxGrowth),
      };
      if (gtTol(g, 2 * maxGrowth)) out.push(rowFinding("A1", "Target", `smart.A1.${direction}`, params));
      else if (gtTol(g, maxGrowth)) out.push(rowFinding("A2", "Target", `smart.A2.${direction}`, params));
      else if (g < 0) out.push(rowFinding("A4", "Target", `smart.A4.${direction}`, params));
    }
  }

  // R: linked to a strategic objective.
  if (asText(fields.objective) === null) out.push(rowFinding("R1", "Objective", "smart.R1"));

  // T: a dated window.
  const start = dateFindings(fields.start, "Start", out);
  const end = dateFindings(fields.end, "End", out);
  if (start !== null && end !== null && end < start) {
    out.push(rowFinding("T2", "End", "smart.T2", { start: isoFromSerial(start), end: isoFromSerial(end) }));
  }

  // P: hygiene that needs only this row.
  if (asText(fields.owner) === null) out.push(rowFinding("P2", "Owner", "smart.P2"));
  if (!directionValid) out.push(rowFinding("P4", "Direction", "smart.P4", { value: cellText(fields.direction) }));
  for (const [column, v] of [["Start", fields.start], ["End", fields.end]] as const) {
    const d = asPlanDate(v);
    if (d?.fromText) out.push(rowFinding("P5", column, `smart.P5.${column}`, { value: cellText(v), date: isoFromSerial(d.serial) }));
  }
  return out;
}

/** The SMART letters that a list of findings leaves unmet (an error under the letter), in SMART order. */
export function unmetLetters(findings: readonly { criterion: string; severity: string }[]): SmartLetter[] {
  const bad = new Set<string>();
  for (const f of findings) if (f.severity === "error") bad.add(f.criterion);
  return SMART_LETTERS.filter((l) => bad.has(l));
}

/**
 * PLAN.SMART / PLAN.SMARTGAPS: the number of SMART letters (0–5) a goal meets under the
 * row-local error rules (S1 M1 M2 A1 R1 T1 T2), and the unmet letters in SMART order.
 * Direction is fields.direction (blank → higher, unknown → higher).
 */
export function smartScore(fields: GoalFields, maxGrowth: number = DEFAULT_MAX_GROWTH): { score: number; unmet: SmartLetter[] } {
  const unmet = unmetLetters(rowLocalFindings(fields, { maxGrowth }));
  return { score: 5 - unmet.length, unmet };
}
