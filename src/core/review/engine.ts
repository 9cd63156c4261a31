/**
 * The review engine (review.md "The numbers of a review"): for a period and an as-of date,
 * each goal's phased targets, actuals, variance, attainment, pace, forecast, remaining and
 * status, then the summary, status counts, breakdowns, top 5 unfavorable, actions, risks
 * and freshness. Pure and synchronous; errors are values.
 */
import { asNumber, asPlanDate, asText, type CellValue, cellText, excelStored, foldCase, isBlank } from "../cells";
import { todaySerial } from "../dates";
import { type ErrorValue, excelError, geTol, isError, type Msg } from "../errors";
import { parsePeriod } from "../periods";
import { prorate } from "../phasing";
import {
  ACTION_STATUSES, type BoundRow, type BoundTable, bindTable, cellOf, listEntry, MONTH_KEYS,
  type RawTable, type RawTables, readSettings, RISK_STATUSES, TABLES,
} from "../schema";
import { parseDirection, statusFromPace } from "../variance";
import type { Lang } from "../../i18n";
import { ActualsIndex } from "./actuals";
import {
  type ConditionValue, DIMENSION_KEYS, type Review, type ReviewAction, type ReviewBreakdownRow, type ReviewCondition,
  type ReviewGoal, type ReviewRisk, type ReviewSkipped, REVIEW_STATUSES, type ReviewStatus, type ReviewTotal,
} from "./types";

export * from "./types";
export { reviewJson } from "./json";
export type { ReviewJson, ReviewJsonGoal } from "./json";

/** Options of buildReview. */
export interface ReviewOptions {
  /** The period in the grammar of review.md (`2026-Q3`, `FY2026`, `2026年第三季度`, `YTD` …); a number reads as its text. */
  period: string | number;
  /** The as-of date (serial; time of day ignored). Default: today on this machine. */
  asOf?: number;
  /** Language of generated text; default the plan's Language setting. */
  lang?: Lang;
}

/** Days an action may be due ahead of the as-of date and still be listed. */
export const ACTIONS_DUE_WITHIN_DAYS = 30;
/** A risk is listed from this score (Likelihood × Impact) up. */
export const RISK_SCORE_THRESHOLD = 12;
/** The actuals are stale when the latest is more than this many days before the as-of date. */
export const STALE_AFTER_DAYS = 7;
/** Top unfavorable goals listed. */
export const TOP_UNFAVORABLE = 5;

/** A cell as the value of a matching condition, or null when it is blank (empty or only spaces) or an error. */
function conditionValue(v: CellValue): ConditionValue | null {
  if (isBlank(v) || isError(v)) return null;
  return v as ConditionValue;
}

/** Case-insensitive, trimmed comparison form of an ID or a name. */
const idKey = (s: string) => s.trim().toLowerCase();

/** The 12 weights of each PlanPhasing profile by name (trimmed, ignoring case; the first row of a name wins). */
interface Profile {
  name: string;
  weights: number[] | null;
  problem: Msg | null;
}

function readProfiles(t: BoundTable | null): Map<string, Profile> {
  const out = new Map<string, Profile>();
  if (!t) return out;
  for (const r of t.rows) {
    const name = asText(cellOf(t, r, "Profile"));
    if (name === null || out.has(idKey(name))) continue;
    const weights: number[] = [];
    let problem: Msg | null = null;
    MONTH_KEYS.forEach((m, i) => {
      const v = cellOf(t, r, m);
      if (isBlank(v)) weights.push(0); // a blank month counts as 0 (P6)
      else if (typeof v === "number" && Number.isFinite(v) && v >= 0) weights.push(v);
      else {
        weights.push(0);
        problem ??= { key: "review.fix.badWeight", params: { profile: name, month: i + 1, value: cellText(v) } };
      }
    });
    if (!problem && weights.every((w) => w === 0)) problem = { key: "review.fix.zeroProfile", params: { profile: name } };
    out.set(idKey(name), { name, weights: problem ? null : weights, problem });
  }
  return out;
}

/** The empty counts of every status. */
function zeroCounts(): Record<ReviewStatus, number> {
  return Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>;
}

/** A running total of TP, TD and A. */
class Totals {
  constructor(readonly metric: string, readonly unit: string) {}
  tp = 0;
  td = 0;
  a = 0;
  n = 0;
  add(g: ReviewGoal): void {
    this.tp += g.targetPeriod!;
    this.td += g.targetToDate!;
    this.a += g.actual!;
    this.n++;
  }
  total(): ReviewTotal {
    // A sum beyond a double's range (actuals near 1E308), or ΣA / ΣTP when ΣTP nearly cancels out
    // (targets of both signs), is #NUM! in a spreadsheet: none here, never ±Infinity.
    const fin = (x: number) => (Number.isFinite(x) ? x : null);
    const attainment = this.tp > 0 ? fin(this.a / this.tp) : null;
    return { metric: this.metric, unit: this.unit, targetPeriod: fin(this.tp), targetToDate: fin(this.td), actual: fin(this.a), attainment, goals: this.n };
  }
}

/** The grouping key of (Metric ignoring case, Unit ignoring case and surrounding spaces); case folds as Excel's `=` (foldCase). */
export const metricUnitKey = (g: { readonly metric: string; readonly unit: string }) => `${foldCase(g.metric)}\u0000${foldCase(g.unit.trim())}`;

/** Sums of goals per (Metric, Unit), in order of first appearance. */
function totalsBy(goals: readonly ReviewGoal[]): ReviewTotal[] {
  const groups = new Map<string, Totals>();
  for (const g of goals) {
    const k = metricUnitKey(g);
    let t = groups.get(k);
    if (!t) groups.set(k, (t = new Totals(g.metric, g.unit)));
    t.add(g);
  }
  return [...groups.values()].map((t) => t.total());
}

/** Sums per (key, Metric, Unit): grouped by metric in order of first appearance, then by key. */
function breakdown(goals: readonly ReviewGoal[], keyOf: (g: ReviewGoal) => string): ReviewBreakdownRow[] {
  const byMetric = new Map<string, Map<string, { key: string; t: Totals }>>();
  for (const g of goals) {
    const mk = metricUnitKey(g);
    let m = byMetric.get(mk);
    if (!m) byMetric.set(mk, (m = new Map()));
    const key = keyOf(g);
    const k = idKey(key);
    let e = m.get(k);
    if (!e) m.set(k, (e = { key, t: new Totals(g.metric, g.unit) }));
    e.t.add(g);
  }
  return [...byMetric.values()].flatMap((m) => [...m.values()].map((e) => ({ key: e.key, ...e.t.total() })));
}

/** What is wrong with PlanTargets or PlanActuals so that no review can be made, else null. */
function tableProblem(tables: RawTables): ErrorValue | null {
  if (!tables.PlanTargets) return excelError("#N/A", "review.err.noTargets");
  if (!tables.PlanActuals) return excelError("#N/A", "review.err.noActuals");
  return null;
}

/**
 * PlanActuals bound by its headers alone, and the rows the actuals index reads. Binding every
 * row would give each of a million rows a BoundRow the review never uses: the index reads the
 * cells in one columnar pass, and a row without a numeric Date and Value (a blank row among
 * them) never counts. Only when Date and Value are both formula columns may bindTable drop a
 * row holding numbers there as blank (its other cells empty); then its rows are the ones
 * bindTable keeps, so the same rows count either way.
 */
function bindActuals(raw: RawTable): { table: BoundTable; rows: readonly (readonly CellValue[])[] } {
  const table = bindTable({ ...raw, rows: [] });
  const di = table.index.Date;
  const vi = table.index.Value;
  const f = raw.formulaColumns;
  const rows = di !== undefined && vi !== undefined && f?.[di] && f[vi] ? bindTable(raw).rows.map((r) => r.cells) : raw.rows;
  return { table, rows };
}

/** The PlanActuals key → real header text of each column the table has. */
function headersOf(t: BoundTable): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of TABLES.PlanActuals.columns) {
    const i = t.index[c.key];
    if (i !== undefined) out[c.key] = t.raw.headers[i] ?? c.en;
  }
  return out;
}

/** The numbers of one goal given its window, target, weights and its actuals' sum over O.start … c (`actual`). */
function computeGoal(
  base: Omit<ReviewGoal, "targetPeriod" | "targetToDate" | "actual" | "variance" | "variancePct" | "attainment" | "pace" | "forecast" | "remaining" | "status" | "fix" | "elapsedEnd" | "hasChildren">,
  fix: Msg | null,
  a: number,
  atRisk: number,
  actual: number,
): ReviewGoal {
  const { overlapStart: os, overlapEnd: oe, start: gs, end: ge, weights } = base;
  const c = Math.min(oe, a);
  const none = {
    targetPeriod: null, targetToDate: null, actual: null, variance: null, variancePct: null, attainment: null,
    pace: null, forecast: null, remaining: null,
  };
  if (fix || base.target === null) {
    return { ...base, ...none, elapsedEnd: c, hasChildren: false, status: "Needs fix", fix: fix ?? { key: "review.fix.target" } };
  }
  const T = base.target;
  const tpRaw = prorate(T, gs, ge, os, oe, weights);
  // Written as a value to the sheet, where a subnormal is stored as 0 (excelStored).
  const tp = isError(tpRaw) ? tpRaw : excelStored(tpRaw);
  if (isError(tp)) {
    // W(gs..ge) = 0: the profile gives the goal's own window no weight.
    const why: Msg = tp.code === "#DIV/0!" ? { key: "review.fix.zeroWindow", params: { profile: base.profile ?? "" } } : { key: "review.fix.target" };
    return { ...base, ...none, elapsedEnd: c, hasChildren: false, status: "Needs fix", fix: why };
  }
  const tdRaw = c < os ? 0 : prorate(T, gs, ge, os, c, weights);
  const td = isError(tdRaw) ? 0 : excelStored(tdRaw); // cannot be an error once TP is not
  const A = c < os ? 0 : excelStored(actual);
  const variance = base.direction === "higher" ? A - td : td - A;
  const variancePct = td === 0 ? null : variance / Math.abs(td);
  const attainment = tp > 0 ? A / tp : null;
  const pace = td > 0 ? A / td : null;
  const forecast = td > 0 ? (A * tp) / td : tp + (A - td);
  const remaining = tp - A;
  // A number beyond a double's range (a Target near 1E-306 against actuals of thousands) is
  // #NUM! in Excel's and LibreOffice's cells: the goal needs a fix, and its row shows that
  // instead of formulas (never ±Infinity, which JSON would turn into null).
  if (![tp, td, A, variance, variancePct ?? 0, attainment ?? 0, pace ?? 0, forecast, remaining].every(Number.isFinite)) {
    return { ...base, ...none, elapsedEnd: c, hasChildren: false, status: "Needs fix", fix: { key: "review.fix.overflow", params: { target: T } } };
  }
  let status: ReviewStatus;
  if (c < os) status = "Not started";
  else if (td > 0) status = statusFromPace(pace!, base.direction, atRisk);
  else if (td === 0) status = "On track";
  else status = variance >= 0 ? "On track" : "Off track";
  return {
    ...base, elapsedEnd: c, hasChildren: false,
    targetPeriod: tp, targetToDate: td, actual: A, variance, variancePct, attainment, pace, forecast, remaining, status, fix: null,
  };
}

/**
 * Builds the review of `opts.period` as of `opts.asOf` (default today) from the plan tables:
 * exactly review.md. An unparseable period, or a plan without PlanTargets or PlanActuals (or
 * without their required columns), is an error value.
 */
export function buildReview(tables: RawTables, opts: ReviewOptions): Review | ErrorValue {
  const problem = tableProblem(tables);
  if (problem) return problem;
  const { settings } = readSettings(tables.PlanSettings);
  const lang: Lang = opts.lang ?? settings.language;
  const requestedAsOf = Math.floor(opts.asOf ?? todaySerial());
  const period = parsePeriod(opts.period, { fiscalStartMonth: settings.fiscalYearStartMonth, asOf: requestedAsOf });
  if (isError(period)) return period;

  const targets = bindTable(tables.PlanTargets!);
  if (targets.missing.length > 0) return excelError("#N/A", "review.err.targetsColumns", { columns: targets.missing.join(", ") });
  const { table: actualsTable, rows: actualsRows } = bindActuals(tables.PlanActuals!);
  if (actualsTable.missing.length > 0) return excelError("#N/A", "review.err.actualsColumns", { columns: actualsTable.missing.join(", ") });

  const ws = period.start;
  const we = period.end;
  const a = Math.min(requestedAsOf, we);
  const atRisk = settings.atRiskThreshold;
  const actuals = new ActualsIndex(actualsRows, actualsTable.index);
  const profiles = readProfiles(tables.PlanPhasing ? bindTable(tables.PlanPhasing) : null);

  const goals: ReviewGoal[] = [];
  /** The goals of the review, in row order, before their actuals are summed. */
  const pending: { base: Parameters<typeof computeGoal>[0]; fix: Msg | null }[] = [];
  const skipped: ReviewSkipped[] = [];
  const profilesUsed = new Map<string, string>();
  for (const r of targets.rows) goalOf(r);

  function goalOf(r: BoundRow): void {
    const cell = (k: string) => cellOf(targets, r, k);
    const goalId = asText(cell("GoalID")) ?? "";
    const gs = asPlanDate(cell("Start"));
    const ge = asPlanDate(cell("End"));
    if (!gs || !ge) {
      skipped.push({ row: r.row, goalId, reason: { key: !gs ? "review.skip.start" : "review.skip.end" } });
      return;
    }
    if (ge.serial < gs.serial) {
      skipped.push({ row: r.row, goalId, reason: { key: "review.skip.endBeforeStart" } });
      return;
    }
    const os = Math.max(ws, gs.serial);
    const oe = Math.min(we, ge.serial);
    if (oe < os) return; // not in this period, even when it needs a fix

    let fix: Msg | null = null;
    const metricCell = cell("Metric");
    const metric = conditionValue(metricCell);
    if (metric === null) fix = { key: "review.fix.metric" };
    const conditions: ReviewCondition[] = metric === null ? [] : [{ key: "Metric", value: metric }];
    for (const k of DIMENSION_KEYS) {
      const v = conditionValue(cell(k));
      if (v !== null) conditions.push({ key: k, value: v });
    }
    const typed = asNumber(cell("Target"));
    const target = typed === null ? null : excelStored(typed); // a subnormal Target is 0 in Excel
    if (!fix && target === null) fix = { key: "review.fix.target" };
    const dir = parseDirection(cell("Direction"));
    if (!fix && isError(dir)) fix = { key: "review.fix.direction", params: { value: cellText(cell("Direction")) } };
    const profileName = asText(cell("Phasing"));
    let weights: readonly number[] | null = null;
    if (profileName !== null) {
      const p = profiles.get(idKey(profileName));
      if (!p) fix ??= { key: "review.fix.noProfile", params: { profile: profileName } };
      else if (p.problem) fix ??= p.problem;
      else {
        weights = p.weights;
        if (!profilesUsed.has(idKey(p.name))) profilesUsed.set(idKey(p.name), p.name);
      }
    }
    const parent = asText(cell("Parent"));
    pending.push({
      base: {
        row: r.row, goalId, goal: cellText(cell("Goal")), owner: cellText(cell("Owner")), metric: cellText(metricCell),
        unit: cellText(cell("Unit")), direction: isError(dir) ? "higher" : dir, parent, region: isBlank(cell("Region")) ? "" : cellText(cell("Region")),
        conditions, start: gs.serial, end: ge.serial, target, profile: profileName, weights, overlapStart: os, overlapEnd: oe,
      },
      fix,
    });
  }

  // The actuals of every goal that counts them (no fix, a Target, started by a), summed in one
  // batch: the index groups the actuals once per combination of conditions, not once per goal.
  const asked = pending.filter((p) => !p.fix && p.base.target !== null && Math.min(p.base.overlapEnd, a) >= p.base.overlapStart);
  const sums = actuals.sums(asked.map((p) => ({ conditions: p.base.conditions, firstDay: p.base.overlapStart, lastDay: Math.min(p.base.overlapEnd, a) })));
  const actualOf = new Map(asked.map((p, i) => [p, sums[i]!]));
  for (const p of pending) goals.push(computeGoal(p.base, p.fix, a, atRisk, actualOf.get(p) ?? 0));

  // Children: goals of the review naming a goal as their Parent.
  const parents = new Set(goals.filter((g) => g.parent !== null).map((g) => idKey(g.parent!)));
  for (const g of goals) g.hasChildren = g.goalId !== "" && parents.has(idKey(g.goalId));

  const counted = goals.filter((g) => g.status !== "Needs fix");
  const summary = totalsBy(counted.filter((g) => g.parent === null));
  let kpi: ReviewTotal | null = null;
  for (const s of summary) if (!kpi || (s.targetPeriod ?? -Infinity) > (kpi.targetPeriod ?? -Infinity)) kpi = s;
  const statusCounts = zeroCounts();
  for (const g of goals) statusCounts[g.status]++;
  const leaves = counted.filter((g) => !g.hasChildren);
  const byOwner = breakdown(leaves, (g) => (isBlank(g.owner) ? "" : g.owner));
  const byRegion = breakdown(leaves, (g) => g.region);
  const topUnfavorable = goals
    .filter((g) => g.variancePct !== null && g.variancePct < 0)
    .sort((x, y) => x.variancePct! - y.variancePct! || x.row - y.row)
    .slice(0, TOP_UNFAVORABLE);

  const latestActual = actuals.latest;
  return {
    lang,
    period: { label: period.label, kind: period.kind, fiscal: period.fiscal, start: ws, end: we },
    asOf: a,
    requestedAsOf,
    settings,
    goals,
    summary,
    kpi,
    statusCounts,
    byOwner,
    byRegion,
    topUnfavorable,
    actions: tables.PlanActions ? reviewActions(bindTable(tables.PlanActions), a) : [],
    risks: tables.PlanRisks ? reviewRisks(bindTable(tables.PlanRisks)) : [],
    freshness: { latestActual, stale: latestActual === null || a - latestActual > STALE_AFTER_DAYS },
    profilesUsed: [...profilesUsed.values()],
    actualsHeaders: headersOf(actualsTable),
    skipped,
  };
}

/** Actions overdue (Due < a) or due within 30 days (a ≤ Due ≤ a + 30) whose Status is not Done or Cancelled, by due date. */
function reviewActions(t: BoundTable, a: number): ReviewAction[] {
  const out: ReviewAction[] = [];
  for (const r of t.rows) {
    const due = asPlanDate(cellOf(t, r, "Due"));
    if (!due || due.serial > a + ACTIONS_DUE_WITHIN_DAYS) continue;
    const statusCell = cellOf(t, r, "Status");
    const entry = listEntry(ACTION_STATUSES, statusCell);
    if (entry && (entry.en === "Done" || entry.en === "Cancelled")) continue;
    out.push({
      row: r.row, actionId: asText(cellOf(t, r, "ActionID")) ?? "", goalId: asText(cellOf(t, r, "GoalID")) ?? "",
      action: cellText(cellOf(t, r, "Action")), owner: cellText(cellOf(t, r, "Owner")), due: due.serial,
      status: isBlank(statusCell) ? "" : cellText(statusCell), overdue: due.serial < a, daysLeft: due.serial - a,
    });
  }
  return out.sort((x, y) => x.due - y.due || x.row - y.row);
}

/** A Likelihood or Impact cell as a number: a number, or text holding one (Excel's `*` reads it so). */
function scorePart(v: CellValue): number | null {
  const n = asNumber(v);
  if (n !== null) return n;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v.trim()))) return Number(v.trim());
  return null;
}

/** Risks whose Status is not Closed (blank is open) with Likelihood × Impact ≥ 12, highest score first. */
function reviewRisks(t: BoundTable): ReviewRisk[] {
  const out: ReviewRisk[] = [];
  for (const r of t.rows) {
    const statusCell = cellOf(t, r, "Status");
    if (listEntry(RISK_STATUSES, statusCell)?.en === "Closed") continue;
    const likelihood = scorePart(cellOf(t, r, "Likelihood"));
    const impact = scorePart(cellOf(t, r, "Impact"));
    if (likelihood === null || impact === null) continue;
    const score = likelihood * impact; // computed, never read from the Score column
    if (!geTol(score, RISK_SCORE_THRESHOLD)) continue;
    out.push({
      row: r.row, riskId: asText(cellOf(t, r, "RiskID")) ?? "", goalId: asText(cellOf(t, r, "GoalID")) ?? "",
      risk: cellText(cellOf(t, r, "Risk")), category: cellText(cellOf(t, r, "Category")), likelihood, impact, score,
      owner: cellText(cellOf(t, r, "Owner")), status: isBlank(statusCell) ? "" : cellText(statusCell),
      due: asPlanDate(cellOf(t, r, "Due"))?.serial ?? null,
    });
  }
  return out.sort((x, y) => y.score - x.score || x.row - y.row);
}
