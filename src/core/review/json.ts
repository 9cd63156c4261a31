/**
 * The `review --json` document of cli.md: dates as ISO strings, `null` for a number that
 * is none, numbers not rounded.
 */
import { isoFromSerial } from "../dates";
import { reviewSheetName } from "../sheets/review-names";
import type { Review, ReviewStatus } from "./types";

/** One goal of `review --json`. */
export interface ReviewJsonGoal {
  goalId: string;
  metric: string;
  unit: string;
  direction: "higher" | "lower";
  targetPeriod: number | null;
  targetToDate: number | null;
  actual: number | null;
  variance: number | null;
  variancePct: number | null;
  attainment: number | null;
  pace: number | null;
  forecast: number | null;
  remaining: number | null;
  status: ReviewStatus;
}

/** The `review --json` document. */
export interface ReviewJson {
  file: string;
  period: { label: string; start: string; end: string };
  asOf: string;
  latestActual: string | null;
  sheet: string;
  output: string | null;
  goals: ReviewJsonGoal[];
  /** A sum beyond a double's range (#NUM! in the sheet's SUM) is null. */
  summary: { metric: string; unit: string; targetPeriod: number | null; targetToDate: number | null; actual: number | null; attainment: number | null }[];
  statusCounts: Record<ReviewStatus, number>;
}

/** The `review --json` document of a review read from `file` and written to `output` (null when nothing was written). */
export function reviewJson(review: Review, file: string, output: string | null): ReviewJson {
  return {
    file,
    period: { label: review.period.label, start: isoFromSerial(review.period.start), end: isoFromSerial(review.period.end) },
    asOf: isoFromSerial(review.asOf),
    latestActual: review.freshness.latestActual === null ? null : isoFromSerial(review.freshness.latestActual),
    sheet: reviewSheetName(review.period.label, review.lang),
    output,
    goals: review.goals.map((g) => ({
      goalId: g.goalId, metric: g.metric, unit: g.unit, direction: g.direction,
      targetPeriod: g.targetPeriod, targetToDate: g.targetToDate, actual: g.actual, variance: g.variance,
      variancePct: g.variancePct, attainment: g.attainment, pace: g.pace, forecast: g.forecast, remaining: g.remaining,
      status: g.status,
    })),
    summary: review.summary.map((s) => ({
      metric: s.metric, unit: s.unit, targetPeriod: s.targetPeriod, targetToDate: s.targetToDate, actual: s.actual, attainment: s.attainment,
    })),
    statusCounts: { ...review.statusCounts },
  };
}
