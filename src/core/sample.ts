/**
 * The sample plan the template offers (`salesplan template --sample`, the task pane's
 * "Insert sample plan", `salesplan demo`): a small company's plan for the current year, with
 * the seed example of plan-workbook.md (this quarter's revenue of 5,000,000, 30% of it from
 * new customers), twelve months of actuals with seasonality up to "today", actions, risks and
 * a phasing profile. Every text is in the chosen language (English or Chinese). It is built to
 * validate without a single error finding, so it shows what a good plan looks like.
 *
 * Dates are relative to `today`, so a review of the current quarter always has data.
 */
import { monthEndSerial, serialFromYmd, ymdFromSerial } from "./dates";
import { ACTION_STATUSES, DIRECTIONS, METRICS, MONTH_KEYS, RISK_CATEGORIES, RISK_RESPONSES, RISK_STATUSES, type ListValue, type TableName } from "./schema";
import type { SpecCell } from "./sheets/spec";
import { riskScoreFormula } from "./sheets/columns";
import { type Lang, t } from "../i18n";

/** One sample row: a cell per column key (keys left out are blank). */
export type SampleRow = Readonly<Record<string, SpecCell>>;

/** The sample's rows per plan table (PlanSettings is filled by the template). */
export type SamplePlan = Readonly<Record<Exclude<TableName, "PlanSettings">, readonly SampleRow[]>>;

/** Monthly weights of the sample's seasonal profile, Jan … Dec; they add up to 100. */
export const SAMPLE_SEASONAL_WEIGHTS: readonly number[] = [6, 6, 8, 8, 8, 9, 7, 7, 9, 9, 10, 13];

/** The sample's annual revenue target and last year's revenue (its baseline). */
export const SAMPLE_ANNUAL_REVENUE = 20_000_000;
export const SAMPLE_LAST_YEAR_REVENUE = 17_500_000;
/** The seed example: this quarter's revenue target and the part from new customers (30%). */
export const SAMPLE_QUARTER_REVENUE = 5_000_000;
export const SAMPLE_NEW_CUSTOMER_REVENUE = 1_500_000;

const s = (v: string): SpecCell => ({ t: "s", v });
const n = (v: number): SpecCell => ({ t: "n", v });
const d = (v: number): SpecCell => ({ t: "d", v });

/** A small deterministic random sequence (a linear congruential generator), so the sample is the same every time. */
function sequence(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1_664_525) + 1_013_904_223) >>> 0;
    return x / 4_294_967_296;
  };
}

const pick = (list: readonly ListValue[], key: string, lang: Lang): string => {
  const e = list.find((v) => v.en === key)!;
  return lang === "zh-CN" ? e.zh : e.en;
};

/** A comma-separated list from the catalog. */
function names(lang: Lang, key: string): string[] {
  return t(lang, key).split(/\s*[,，]\s*/);
}

/** The sample plan for `today` (a serial) in `lang`. */
export function samplePlan(today: number, lang: Lang): SamplePlan {
  const { y: year, m: month } = ymdFromSerial(today);
  const q = Math.floor((month - 1) / 3) + 1;
  const qStart = serialFromYmd(year, 3 * q - 2, 1);
  const qEnd = monthEndSerial(year, 3 * q);
  const yStart = serialFromYmd(year, 1, 1);
  const yEnd = serialFromYmd(year, 12, 31);
  const tx = (key: string) => t(lang, key, { year, q });

  const [p1, p2, p3, p4] = names(lang, "plan.sample.people") as [string, string, string, string];
  const regions = names(lang, "plan.sample.regions") as [string, string, string];
  const [existing, fresh] = names(lang, "plan.sample.segments") as [string, string];
  const products = names(lang, "plan.sample.products") as [string, string];
  const customers = names(lang, "plan.sample.customers");
  const reps = names(lang, "plan.sample.reps") as [string, string, string];
  const currency = t(lang, "plan.sample.currency");
  const revenue = pick(METRICS, "Revenue", lang);
  const newCustomers = pick(METRICS, "NewCustomers", lang);
  const cost = pick(METRICS, "Cost", lang);
  const units = pick(METRICS, "Units", lang);
  const higher = pick(DIRECTIONS, "higher", lang);
  const lower = pick(DIRECTIONS, "lower", lang);
  const seasonal = tx("plan.sample.profile");

  const goal = (o: {
    id: string; goal: string; objective: string; metric: string; unit: string; direction: string; baseline: number;
    target: number; start: number; end: number; owner: string; region?: string; segment?: string; parent?: string; phasing?: string;
  }): SampleRow => ({
    GoalID: s(o.id), Goal: s(tx(o.goal)), Objective: s(tx(o.objective)), Metric: s(o.metric), Unit: s(o.unit),
    Direction: s(o.direction), Baseline: n(o.baseline), Target: n(o.target), Start: d(o.start), End: d(o.end),
    Owner: s(o.owner), Region: o.region ? s(o.region) : null, Product: null, Segment: o.segment ? s(o.segment) : null,
    Rep: null, Parent: o.parent ? s(o.parent) : null, Phasing: o.phasing ? s(o.phasing) : null,
  });

  const targets: SampleRow[] = [
    goal({ id: "G-001", goal: "plan.sample.goal1", objective: "plan.sample.objective.growth", metric: revenue, unit: currency, direction: higher,
      baseline: SAMPLE_LAST_YEAR_REVENUE, target: SAMPLE_ANNUAL_REVENUE, start: yStart, end: yEnd, owner: p1, phasing: seasonal }),
    // The seed example: this quarter's revenue 5,000,000 …
    goal({ id: "G-002", goal: "plan.sample.goal2", objective: "plan.sample.objective.growth", metric: revenue, unit: currency, direction: higher,
      baseline: 4_500_000, target: SAMPLE_QUARTER_REVENUE, start: qStart, end: qEnd, owner: p1, parent: "G-001", phasing: seasonal }),
    // … 30% of it from new customers: a carve-out (a single child), not a split.
    goal({ id: "G-003", goal: "plan.sample.goal3", objective: "plan.sample.objective.customers", metric: revenue, unit: currency, direction: higher,
      baseline: 1_200_000, target: SAMPLE_NEW_CUSTOMER_REVENUE, start: qStart, end: qEnd, owner: p2, segment: fresh, parent: "G-002", phasing: seasonal }),
    goal({ id: "G-004", goal: "plan.sample.goal4", objective: "plan.sample.objective.customers", metric: newCustomers, unit: tx("plan.sample.unit.customers"),
      direction: higher, baseline: 32, target: 40, start: yStart, end: yEnd, owner: p2 }),
    goal({ id: "G-005", goal: "plan.sample.goal5", objective: "plan.sample.objective.efficiency", metric: cost, unit: currency, direction: lower,
      baseline: 2_200_000, target: 2_000_000, start: yStart, end: yEnd, owner: p3 }),
    goal({ id: "G-006", goal: "plan.sample.goal6", objective: "plan.sample.objective.growth", metric: units, unit: tx("plan.sample.unit.units"),
      direction: higher, baseline: 10_500, target: 12_000, start: yStart, end: yEnd, owner: p4, region: regions[0], phasing: seasonal }),
  ];

  // Twelve months of actuals ending with the current month, none after today.
  const rand = sequence(20_260_101);
  const actuals: SampleRow[] = [];
  const regionShare = [0.45, 0.3, 0.25];
  const actual = (date: number, metric: string, value: number, region: number | null, product: string | null, segment: string | null, customer: string | null) => {
    if (date > today) return;
    actuals.push({
      Date: d(date), Metric: s(metric), Value: n(value), Region: region === null ? null : s(regions[region]!),
      Product: product === null ? null : s(product), Segment: segment === null ? null : s(segment),
      Rep: region === null ? null : s(reps[region]!), Customer: customer === null ? null : s(customer),
    });
  };
  for (let k = 11; k >= 0; k--) {
    const mStart = serialFromYmd(year, month - k, 1);
    const { y, m } = ymdFromSerial(mStart);
    const w = SAMPLE_SEASONAL_WEIGHTS[m - 1]! / 100;
    const annual = y === year ? SAMPLE_ANNUAL_REVENUE : SAMPLE_LAST_YEAR_REVENUE;
    const monthRevenue = annual * w * (0.9 + 0.16 * rand());
    for (const [ri, share] of regionShare.entries()) {
      for (const [half, day] of [[0, 8], [1, 22]] as const) {
        for (const [segment, segShare] of [[existing, 0.7], [fresh, 0.3]] as const) {
          const value = Math.round((monthRevenue * share * segShare * (0.9 + 0.2 * rand())) / 2 / 100) * 100;
          const customer = customers[Math.floor(rand() * customers.length)] ?? null;
          actual(serialFromYmd(y, m, day), revenue, value, ri, products[half]!, segment, customer);
        }
      }
      const won = Math.floor(regionShare[ri]! * 8 * rand() + 0.6);
      if (won > 0) actual(serialFromYmd(y, m, 15), newCustomers, won, ri, null, fresh, null);
    }
    actual(serialFromYmd(y, m, 26), cost, Math.round((monthRevenue * 0.1 * (0.92 + 0.12 * rand())) / 100) * 100, null, null, null, null);
    for (const [half, day] of [[0, 10], [1, 24]] as const) {
      actual(serialFromYmd(y, m, day), units, Math.round((12_000 * w * (0.9 + 0.2 * rand())) / 2), 0, products[half]!, null, null);
    }
  }
  actuals.sort((a, b) => cellNumber(a.Date) - cellNumber(b.Date));

  const status = (start: number, due: number) =>
    pick(ACTION_STATUSES, due < today ? "Done" : start <= today ? "In progress" : "Not started", lang);
  const clampToEnd = (v: number, end: number) => Math.min(v, end);
  const action = (id: string, goalId: string, i: number, owner: string, start: number, due: number, budget: number | null): SampleRow => ({
    ActionID: s(id), GoalID: s(goalId), Action: s(tx(`plan.sample.action${i}`)), Strategy: s(tx(`plan.sample.strategy${i}`)),
    Owner: s(owner), Start: d(start), Due: d(due), Status: s(status(start, due)), Budget: budget === null ? null : n(budget),
    Resources: s(tx(`plan.sample.resources${i}`)), Notes: null,
  });
  const actions: SampleRow[] = [
    action("A-001", "G-001", 1, p1, serialFromYmd(year, 1, 15), serialFromYmd(year, 3, 31), 120_000),
    action("A-002", "G-002", 2, p1, qStart, clampToEnd(qStart + 45, qEnd), 80_000),
    action("A-003", "G-003", 3, p2, qStart + 7, clampToEnd(qStart + 75, qEnd), 60_000),
    action("A-004", "G-004", 4, p2, serialFromYmd(year, 2, 1), serialFromYmd(year, 11, 30), 50_000),
    action("A-005", "G-005", 5, p3, serialFromYmd(year, 4, 1), serialFromYmd(year, 9, 30), null),
    action("A-006", "G-006", 6, p4, serialFromYmd(year, 3, 1), serialFromYmd(year, 12, 15), 40_000),
    action("A-007", "G-001", 7, p4, today - 10, clampToEnd(today + 20, yEnd), 25_000),
  ];

  const score = { t: "f", f: riskScoreFormula(lang) } as const;
  const risk = (id: string, goalId: string, i: number, category: string, likelihood: number, impact: number, response: string, owner: string, st: string, due: number): SampleRow => ({
    RiskID: s(id), GoalID: s(goalId), Risk: s(tx(`plan.sample.risk${i}`)), Category: s(pick(RISK_CATEGORIES, category, lang)),
    Likelihood: n(likelihood), Impact: n(impact), Score: score, Response: s(pick(RISK_RESPONSES, response, lang)),
    Owner: s(owner), Status: s(pick(RISK_STATUSES, st, lang)), Due: d(due),
  });
  const risks: SampleRow[] = [
    risk("R-001", "G-001", 1, "Market", 4, 4, "Mitigate", p1, "Open", today + 30),
    risk("R-002", "G-003", 2, "Operational", 3, 5, "Mitigate", p2, "Open", qEnd),
    risk("R-003", "G-005", 3, "Financial", 2, 3, "Accept", p3, "Open", yEnd),
    risk("R-004", "G-006", 4, "Operational", 2, 4, "Transfer", p4, "Closed", today - 5),
  ];

  const phasing: SampleRow[] = [
    { Profile: s(seasonal), ...Object.fromEntries(SAMPLE_SEASONAL_WEIGHTS.map((w, i) => [MONTH_KEYS[i]!, n(w)])) },
  ];

  return { PlanTargets: targets, PlanActuals: actuals, PlanActions: actions, PlanRisks: risks, PlanPhasing: phasing };
}

function cellNumber(c: SpecCell | undefined): number {
  return c && (c.t === "n" || c.t === "d") ? c.v : 0;
}
