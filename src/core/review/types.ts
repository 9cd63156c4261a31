/**
 * The review of one period (review.md "The numbers of a review"): one row per goal whose
 * window overlaps the period, the totals built from them, the actions and risks that need
 * attention, and how fresh the actuals are. Plain data, built by `buildReview`.
 */
import type { Msg } from "../errors";
import type { PeriodKind } from "../periods";
import type { PlanSettings } from "../schema";
import type { Direction } from "../variance";
import type { Lang } from "../../i18n";

/** A goal's status in a review. */
export type ReviewStatus = "On track" | "At risk" | "Off track" | "Not started" | "Needs fix";

/** Every status, in the order counts and legends show them. */
export const REVIEW_STATUSES: readonly ReviewStatus[] = ["On track", "At risk", "Off track", "Not started", "Needs fix"];

/** The goal dimensions an actual must match (besides Metric), in formula order. */
export type DimensionKey = "Region" | "Product" | "Segment" | "Rep";
/** The dimensions, in the order the Actual formula lists their conditions. */
export const DIMENSION_KEYS: readonly DimensionKey[] = ["Region", "Product", "Segment", "Rep"];

/** A value a goal cell holds for a matching condition (never blank, never an error). */
export type ConditionValue = string | number | boolean;

/** One condition of a goal on PlanActuals: the actual's `key` cell must equal `value` (Excel's `=`). */
export interface ReviewCondition {
  key: "Metric" | DimensionKey;
  value: ConditionValue;
}

/** One goal of the review. Numbers are null where review.md says "none". */
export interface ReviewGoal {
  /** 1-based worksheet row of the goal in PlanTargets. */
  row: number;
  /** Goal ID as typed (trimmed); "" when blank. */
  goalId: string;
  /** Goal text, exactly as typed. */
  goal: string;
  owner: string;
  /** The Metric cell's text as typed. */
  metric: string;
  unit: string;
  direction: Direction;
  /** Parent goal ID (trimmed) or null when blank. */
  parent: string | null;
  /** True when another goal in the review names this one as its Parent. */
  hasChildren: boolean;
  /** The Region cell's text ("" when blank), for the breakdown by region. */
  region: string;
  /** Metric first, then each non-blank dimension, as the goal's cells hold them. */
  conditions: ReviewCondition[];
  /** Goal window [gs, ge] (serials). */
  start: number;
  end: number;
  /** Target as typed, or null when not a number. */
  target: number | null;
  /** Phasing profile name as typed (trimmed), or null for "by calendar days". */
  profile: string | null;
  /** Day weights used (Jan … Dec), or null for calendar days. */
  weights: readonly number[] | null;
  /** Overlap O = [overlapStart, overlapEnd] of goal and period. */
  overlapStart: number;
  overlapEnd: number;
  /** c = min(O.end, a): the last elapsed day (before overlapStart when not started). */
  elapsedEnd: number;
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
  /** Why the goal needs a fix (status Needs fix), else null. */
  fix: Msg | null;
}

/** Sums over a group of goals (summary row or breakdown row). */
export interface ReviewTotal {
  /** The metric and unit as the group's first goal typed them. */
  metric: string;
  unit: string;
  /** ΣTP, ΣTD and ΣA; null when a sum is beyond a double's range (#NUM! in a spreadsheet's SUM). */
  targetPeriod: number | null;
  targetToDate: number | null;
  actual: number | null;
  /** ΣA / ΣTP; null when ΣTP ≤ 0 or either sum is beyond a double's range. */
  attainment: number | null;
  /** How many goals were added up. */
  goals: number;
}

/** A breakdown row: the sums of one owner's (or region's) goals of one metric and unit. */
export interface ReviewBreakdownRow extends ReviewTotal {
  /** The owner or region as first typed; "" for goals where it is blank. */
  key: string;
}

/** An action that is overdue or due within 30 days and not Done or Cancelled. */
export interface ReviewAction {
  row: number;
  actionId: string;
  goalId: string;
  action: string;
  owner: string;
  due: number;
  /** The Status cell as typed ("" when blank). */
  status: string;
  /** Due < a. */
  overdue: boolean;
  /** due − a in days (negative when overdue). */
  daysLeft: number;
}

/** An open risk whose score Likelihood × Impact is at least 12. */
export interface ReviewRisk {
  row: number;
  riskId: string;
  goalId: string;
  risk: string;
  category: string;
  likelihood: number;
  impact: number;
  score: number;
  owner: string;
  status: string;
  due: number | null;
}

/** A PlanTargets row that could not be placed in the review (no usable Start/End). */
export interface ReviewSkipped {
  row: number;
  goalId: string;
  reason: Msg;
}

/** The review of one period. */
export interface Review {
  /** Language of generated text (opts.lang, else the plan's Language setting). */
  lang: Lang;
  period: { label: string; kind: PeriodKind; fiscal: boolean; start: number; end: number };
  /** a: the as-of date, clamped to the period's end. */
  asOf: number;
  /** The as-of date asked for (whole day), before clamping. */
  requestedAsOf: number;
  settings: PlanSettings;
  /** Goals in the review, in PlanTargets row order. */
  goals: ReviewGoal[];
  /** Per (Metric ignoring case, Unit), over goals with a blank Parent; Needs fix goals left out. */
  summary: ReviewTotal[];
  /** The summary row with the largest ΣTP (the KPI tiles), or null when there is none. */
  kpi: ReviewTotal | null;
  /** Over every goal in the review. */
  statusCounts: Record<ReviewStatus, number>;
  /** Per (Owner, Metric, Unit), over goals without children; Needs fix goals left out. */
  byOwner: ReviewBreakdownRow[];
  /** Per (Region, Metric, Unit), over goals without children; Needs fix goals left out. */
  byRegion: ReviewBreakdownRow[];
  /** The (at most) five goals with the most negative Variance %. */
  topUnfavorable: ReviewGoal[];
  actions: ReviewAction[];
  risks: ReviewRisk[];
  freshness: {
    /** Date (whole day) of the latest actual with a numeric Date and Value, or null. */
    latestActual: number | null;
    /** True when there is no actual or the latest is more than 7 days before a. */
    stale: boolean;
  };
  /** Names of the Phasing profiles the review's goals use (as typed, first spelling). */
  profilesUsed: string[];
  /** PlanActuals column key → the table's real header text (for the live formulas). */
  actualsHeaders: Readonly<Record<string, string>>;
  /** PlanTargets rows left out because their Start or End is not a usable date. */
  skipped: ReviewSkipped[];
}
