/**
 * PLAN.* custom functions as Excel registers them. custom-functions-metadata-plugin reads the
 * JSDoc below into functions.json (the English metadata); functions.zh-CN.json carries the
 * Chinese descriptions. Each wrapper calls one catalogue function and maps its errors.
 * Omitted optional arguments arrive as null (never use TypeScript default values here).
 * Help URLs are rewritten at build time to the configured base (webpack --env helpBase).
 */
import { normalizeLang } from "../i18n";
import * as cat from "./catalog";
import * as smart from "./smart-functions";
import { setFunctionsLang, toExcelMatrix, toExcelScalar } from "./excel-result";

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Variance with the sign made favorable: actual − target when higher is better, target − actual when lower is better. Positive always means better than target.
 * @customfunction VARIANCE
 * @helpurl https://localhost:3000/help.html#plan-variance
 * @param actual Actual value, or a range of actuals.
 * @param target Target value, or a range of targets (same shape as actual, or one cell).
 * @param [direction] "higher" (default, also 1, 高, 越高越好) or "lower" (also -1, 低, 越低越好).
 * @returns Favorable variance, one per cell.
 */
export function variance(actual: any[][], target: any[][], direction?: any[][]): any[][] {
  return toExcelMatrix(cat.planVariance(actual, target, direction));
}

/**
 * Variance as a share of the target: PLAN.VARIANCE / ABS(target). #DIV/0! when the target is 0.
 * @customfunction VARIANCEPCT
 * @helpurl https://localhost:3000/help.html#plan-variancepct
 * @param actual Actual value, or a range of actuals.
 * @param target Target value, or a range of targets.
 * @param [direction] "higher" (default) or "lower".
 * @returns Favorable variance as a fraction of |target|.
 */
export function variancepct(actual: any[][], target: any[][], direction?: any[][]): any[][] {
  return toExcelMatrix(cat.planVariancePct(actual, target, direction));
}

/**
 * Attainment: actual / target. #DIV/0! when the target is 0, #NUM! when it is negative.
 * @customfunction ATTAINMENT
 * @helpurl https://localhost:3000/help.html#plan-attainment
 * @param actual Actual value, or a range of actuals.
 * @param target Target value, or a range of targets.
 * @returns Actual as a fraction of target.
 */
export function attainment(actual: any[][], target: any[][]): any[][] {
  return toExcelMatrix(cat.planAttainment(actual, target));
}

/**
 * Status of a goal: "On track", "At risk" or "Off track", from actual / target and the at-risk threshold.
 * @customfunction STATUS
 * @helpurl https://localhost:3000/help.html#plan-status
 * @param actual Actual value (to date), or a range.
 * @param target Target value (to date), or a range.
 * @param [direction] "higher" (default) or "lower".
 * @param [atRisk] At-risk threshold in (0, 1], default 0.9: higher-is-better goals below it are Off track.
 * @returns On track, At risk or Off track.
 */
export function status(actual: any[][], target: any[][], direction?: any[][], atRisk?: any[][]): any[][] {
  return toExcelMatrix(cat.planStatus(actual, target, direction, atRisk));
}

/**
 * Growth of a target over its baseline: target / baseline − 1.
 * @customfunction GROWTH
 * @helpurl https://localhost:3000/help.html#plan-growth
 * @param target Target value, or a range.
 * @param baseline Baseline (last year, prior period), or a range. Must be above 0.
 * @returns Growth as a fraction.
 */
export function growth(target: any[][], baseline: any[][]): any[][] {
  return toExcelMatrix(cat.planGrowth(target, baseline));
}

/**
 * The part of a goal's total that falls in a window, by calendar days or by monthly weights.
 * @customfunction PRORATE
 * @helpurl https://localhost:3000/help.html#plan-prorate
 * @param total The goal's total target.
 * @param start First day of the goal.
 * @param end Last day of the goal (inclusive).
 * @param windowStart First day of the window (e.g. the quarter).
 * @param windowEnd Last day of the window (inclusive).
 * @param [weights] 12 monthly weights Jan…Dec (a row or a column); omitted = every day weighs the same.
 * @returns The window's share of total.
 */
export function prorate(total: any, start: any, end: any, windowStart: any, windowEnd: any, weights?: any[][]): number {
  return toExcelScalar(cat.planProrate(total, start, end, windowStart, windowEnd, weights)) as number;
}

/**
 * Splits a total into calendar months: one row per month with its first day and its amount.
 * @customfunction PHASE
 * @helpurl https://localhost:3000/help.html#plan-phase
 * @param total The goal's total target.
 * @param start First day of the goal.
 * @param end Last day of the goal (inclusive).
 * @param [weights] 12 monthly weights Jan…Dec; omitted = by calendar days.
 * @returns Month start dates and amounts (n rows × 2 columns); the amounts sum to total.
 */
export function phase(total: any, start: any, end: any, weights?: any[][]): any[][] {
  return toExcelMatrix(cat.planPhase(total, start, end, weights));
}

/**
 * Projected total for a goal's whole period at the pace so far: actual × W(period) / W(elapsed).
 * @customfunction RUNRATE
 * @helpurl https://localhost:3000/help.html#plan-runrate
 * @param actualToDate Actual so far.
 * @param start First day of the period.
 * @param end Last day of the period.
 * @param asOf The as-of date (last elapsed day).
 * @param [weights] 12 monthly weights Jan…Dec; omitted = by calendar days.
 * @returns Projected total for start…end.
 */
export function runrate(actualToDate: any, start: any, end: any, asOf: any, weights?: any[][]): number {
  return toExcelScalar(cat.planRunRate(actualToDate, start, end, asOf, weights)) as number;
}

/**
 * The rate still needed to reach the target: (target − actual) per remaining day, week or month.
 * @customfunction REQUIRED
 * @helpurl https://localhost:3000/help.html#plan-required
 * @param actualToDate Actual so far.
 * @param target The target for start…end.
 * @param start First day of the period.
 * @param end Last day of the period.
 * @param asOf The as-of date (last elapsed day).
 * @param [per] "day" (default, 天), "week" (周) or "month" (月).
 * @returns Amount still needed per unit of time.
 */
export function required(actualToDate: any, target: any, start: any, end: any, asOf: any, per?: any): number {
  return toExcelScalar(cat.planRequired(actualToDate, target, start, end, asOf, per)) as number;
}

/**
 * Price, volume and mix effects that explain revenue against target (they sum to the total variance).
 * @customfunction PVM
 * @helpurl https://localhost:3000/help.html#plan-pvm
 * @param actualPrice Actual price per product (one cell per product).
 * @param actualVolume Actual volume per product.
 * @param targetPrice Target price per product.
 * @param targetVolume Target volume per product.
 * @returns Price effect, volume effect and mix effect (1 row × 3 columns).
 */
export function pvm(actualPrice: any[][], actualVolume: any[][], targetPrice: any[][], targetVolume: any[][]): any[][] {
  return toExcelMatrix(cat.planPvm(actualPrice, actualVolume, targetPrice, targetVolume));
}

/**
 * First day of a period such as "2026-Q3", "FY2026", "2026-09" or "2026年第三季度".
 * @customfunction PERIODSTART
 * @helpurl https://localhost:3000/help.html#plan-periodstart
 * @param period A period: 2026, 2026-H1, 2026-Q3, 2026-09, FY2026-Q1, 2026年第三季度, 2026-07-01..2026-09-30.
 * @param [fiscalStartMonth] First month of the fiscal year, 1–12 (default 1); used by FY forms only.
 * @returns The period's first day (a date serial).
 */
export function periodstart(period: any, fiscalStartMonth?: any): number {
  return toExcelScalar(cat.planPeriodStart(period, fiscalStartMonth)) as number;
}

/**
 * Last day of a period such as "2026-Q3", "FY2026", "2026-09" or "2026年第三季度".
 * @customfunction PERIODEND
 * @helpurl https://localhost:3000/help.html#plan-periodend
 * @param period A period: 2026, 2026-H1, 2026-Q3, 2026-09, FY2026-Q1, 2026年第三季度, 2026-07-01..2026-09-30.
 * @param [fiscalStartMonth] First month of the fiscal year, 1–12 (default 1); used by FY forms only.
 * @returns The period's last day (a date serial).
 */
export function periodend(period: any, fiscalStartMonth?: any): number {
  return toExcelScalar(cat.planPeriodEnd(period, fiscalStartMonth)) as number;
}

/**
 * SMART score of a goal: how many of specific, measurable, achievable, relevant, time-bound it meets (0–5).
 * @customfunction SMART
 * @helpurl https://localhost:3000/help.html#plan-smart
 * @param goal The goal statement.
 * @param metric The metric (Revenue, Units, …).
 * @param target The target value.
 * @param baseline The baseline (last year), or blank.
 * @param start First day of the goal.
 * @param end Last day of the goal.
 * @param objective The strategic objective the goal serves.
 * @param [maxGrowth] Growth above which a goal is ambitious (default 0.5); above twice this it is unrealistic.
 * @param [direction] "higher" (default) or "lower".
 * @returns Number of SMART criteria met, 0–5.
 */
export function smartscore(goal: any, metric: any, target: any, baseline: any, start: any, end: any, objective: any, maxGrowth?: any, direction?: any): number {
  return toExcelScalar(smart.planSmart(goal, metric, target, baseline, start, end, objective, maxGrowth, direction)) as number;
}

/**
 * The SMART letters a goal does not meet, in order and joined by commas ("A,T"); empty when all are met.
 * @customfunction SMARTGAPS
 * @helpurl https://localhost:3000/help.html#plan-smartgaps
 * @param goal The goal statement.
 * @param metric The metric (Revenue, Units, …).
 * @param target The target value.
 * @param baseline The baseline (last year), or blank.
 * @param start First day of the goal.
 * @param end Last day of the goal.
 * @param objective The strategic objective the goal serves.
 * @param [maxGrowth] Growth above which a goal is ambitious (default 0.5); above twice this it is unrealistic.
 * @param [direction] "higher" (default) or "lower".
 * @returns Unmet letters such as "A,T", or an empty text.
 */
export function smartgaps(goal: any, metric: any, target: any, baseline: any, start: any, end: any, objective: any, maxGrowth?: any, direction?: any): string {
  return toExcelScalar(smart.planSmartGaps(goal, metric, target, baseline, start, end, objective, maxGrowth, direction)) as string;
}

// Messages in the Office display language (the shared runtime has Office.context).
if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  void Office.onReady(() => setFunctionsLang(normalizeLang(Office.context?.displayLanguage)));
}
