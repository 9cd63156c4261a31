import { describe, expect, it } from "vitest";
import { buildReview, reviewJson } from "../../../src/core/review/engine";
import { actual, d, errorOf, goal, goalOf, plan, profile, review } from "./plan";

// Days used below: Q3 2026 is Jul 1 … Sep 30 = 31 + 31 + 30 = 92 days; Jul 1 … Aug 15 = 31 + 15 = 46 days;
// Jul 1 … Dec 31 = 92 + 31 + 30 + 31 = 184 days.
const AUG15 = d(2026, 8, 15);

describe("one goal, worked by hand", () => {
  // G-001: Revenue, East, 1,840,000 over Jul 1 … Dec 31 (184 days, 10,000 a day), reviewed for 2026-Q3 as of Aug 15.
  const tables = plan({
    targets: [goal({ GoalID: "G-001", Region: "East", Target: 1_840_000, End: d(2026, 12, 31), Owner: "Wang" })],
    actuals: [
      actual(d(2026, 7, 10), 200_000, { Region: "East" }),
      actual(AUG15 + 23 / 24, 100_000, { Region: "East" }), // 23:00 on the as-of day: counts
      actual(d(2026, 8, 16), 50_000, { Region: "East" }), // 00:00 the day after: does not
      actual(d(2026, 8, 1), 30_000, { Region: "east", Metric: "revenue" }), // case differs: counts
      actual(d(2026, 7, 11), 999, { Region: "West" }),
      actual("2026-07-20", 77, { Region: "East" }), // a text date never counts (D1)
      actual(d(2026, 7, 21), "500", { Region: "East" }), // a text value never counts (D2)
      actual(d(2026, 6, 30), 4_000, { Region: "East" }), // before the period
    ],
  });
  const r = review(tables, { period: "2026-Q3", asOf: AUG15 });
  const g = goalOf(r, "G-001");

  it("phases the target over the overlap and to date", () => {
    expect(g.overlapStart).toBe(d(2026, 7, 1));
    expect(g.overlapEnd).toBe(d(2026, 9, 30));
    expect(g.elapsedEnd).toBe(AUG15);
    expect(g.targetPeriod).toBeCloseTo(920_000, 6); // 1,840,000 × 92 / 184
    expect(g.targetToDate).toBeCloseTo(460_000, 6); // 1,840,000 × 46 / 184
  });
  it("counts actuals by metric and region ignoring case, up to 23:59 of the as-of day", () => {
    expect(g.actual).toBe(330_000); // 200,000 + 100,000 + 30,000
  });
  it("derives variance, attainment, pace, forecast, remaining and status", () => {
    expect(g.variance).toBeCloseTo(-130_000, 6); // 330,000 − 460,000
    expect(g.variancePct).toBeCloseTo(-130_000 / 460_000, 12); // −0.2826…
    expect(g.attainment).toBeCloseTo(330_000 / 920_000, 12); // 0.3587…
    expect(g.pace).toBeCloseTo(330_000 / 460_000, 12); // 0.7174 < 0.9
    expect(g.forecast).toBeCloseTo(660_000, 6); // 330,000 × 920,000 / 460,000
    expect(g.remaining).toBeCloseTo(590_000, 6); // 920,000 − 330,000
    expect(g.status).toBe("Off track");
  });
  it("reports freshness from the latest actual with a numeric date and value", () => {
    expect(r.freshness.latestActual).toBe(d(2026, 8, 16));
    expect(r.freshness.stale).toBe(false);
  });
  it("gives the period its canonical label however it is typed", () => {
    expect(review(tables, { period: "2026年第三季度", asOf: AUG15 }).period.label).toBe("2026-Q3");
    expect(review(tables, { period: " q3 2026 ", asOf: AUG15 }).period).toMatchObject({ label: "2026-Q3", start: d(2026, 7, 1), end: d(2026, 9, 30) });
  });
  it("makes the review --json document", () => {
    const j = reviewJson(r, "plan.xlsx", "plan (review).xlsx");
    expect(j.period).toEqual({ label: "2026-Q3", start: "2026-07-01", end: "2026-09-30" });
    expect(j.asOf).toBe("2026-08-15");
    expect(j.latestActual).toBe("2026-08-16");
    expect(j.sheet).toBe("Review 2026-Q3");
    expect(j.output).toBe("plan (review).xlsx");
    expect(Object.keys(j.goals[0]!)).toEqual([
      "goalId", "metric", "unit", "direction", "targetPeriod", "targetToDate", "actual", "variance", "variancePct",
      "attainment", "pace", "forecast", "remaining", "status",
    ]);
    expect(j.goals[0]).toMatchObject({ goalId: "G-001", metric: "Revenue", unit: "CNY", direction: "higher", actual: 330_000, status: "Off track" });
    expect(j.summary).toHaveLength(1);
    expect(j.summary[0]).toMatchObject({ metric: "Revenue", unit: "CNY", actual: 330_000 });
    expect(j.statusCounts).toEqual({ "On track": 0, "At risk": 0, "Off track": 1, "Not started": 0, "Needs fix": 0 });
    // A JSON round trip keeps it (no undefined, no NaN).
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });
});

describe("windows and as-of dates", () => {
  it("prorates a partial overlap: goal Aug 16 … Oct 15 (61 days, 1,000 a day) in Q3", () => {
    const r = review(plan({ targets: [goal({ Target: 61_000, Start: d(2026, 8, 16), End: d(2026, 10, 15) })] }), { period: "2026-Q3", asOf: d(2026, 9, 1) });
    const g = r.goals[0]!;
    expect([g.overlapStart, g.overlapEnd]).toEqual([d(2026, 8, 16), d(2026, 9, 30)]);
    expect(g.targetPeriod).toBeCloseTo(46_000, 6); // Aug 16 … Sep 30 = 16 + 30 = 46 days
    expect(g.targetToDate).toBeCloseTo(17_000, 6); // Aug 16 … Sep 1 = 16 + 1 = 17 days
  });
  it("leaves out a goal whose window misses the period, even one that needs a fix", () => {
    const r = review(
      plan({ targets: [goal({ GoalID: "in" }), goal({ GoalID: "out", Start: d(2026, 10, 1), End: d(2026, 12, 31), Phasing: "Missing" })] }),
      { period: "2026-Q3", asOf: AUG15 },
    );
    expect(r.goals.map((g) => g.goalId)).toEqual(["in"]);
    expect(r.statusCounts["Needs fix"]).toBe(0);
  });
  it("as-of before the period: Not started, nothing to date, forecast = TP", () => {
    // Goal 9,200 over Q3 (100 a day); as of Jun 20 nothing has elapsed.
    const r = review(plan({ targets: [goal({ Target: 9_200 })], actuals: [actual(d(2026, 6, 19), 5)] }), { period: "2026-Q3", asOf: d(2026, 6, 20) });
    const g = r.goals[0]!;
    expect(g.status).toBe("Not started");
    expect(g.elapsedEnd).toBe(d(2026, 6, 20));
    expect(g.targetPeriod).toBe(9_200);
    expect([g.targetToDate, g.actual, g.variance]).toEqual([0, 0, 0]);
    expect(g.variancePct).toBeNull(); // TD = 0
    expect(g.pace).toBeNull();
    expect(g.attainment).toBe(0); // 0 / 9,200
    expect(g.forecast).toBe(9_200); // TP + (A − TD)
    expect(g.remaining).toBe(9_200);
    expect(r.asOf).toBe(d(2026, 6, 20));
  });
  it("as-of after the period: clamped to its end, the whole target is due", () => {
    const tables = plan({
      targets: [goal({ Target: 9_200 })],
      actuals: [actual(d(2026, 7, 5), 4_000), actual(d(2026, 9, 30) + 0.99, 5_000), actual(d(2026, 10, 1), 7_777)],
    });
    const r = review(tables, { period: "2026-Q3", asOf: d(2026, 11, 2) });
    const g = r.goals[0]!;
    expect(r.asOf).toBe(d(2026, 9, 30));
    expect(r.requestedAsOf).toBe(d(2026, 11, 2));
    expect(g.targetToDate).toBe(9_200); // the whole window is the goal's: PRORATE gives the total exactly
    expect(g.actual).toBe(9_000); // 4,000 + 5,000 (Sep 30 23:45); Oct 1 is outside
    expect(g.pace).toBeCloseTo(9_000 / 9_200, 12); // 0.978 ≥ 0.9
    expect(g.status).toBe("At risk");
    expect(r.freshness.stale).toBe(false); // latest Oct 1 is after a
  });
  it("as-of on the period's last day equals the complete review", () => {
    const tables = plan({ targets: [goal({ Target: 9_200 })], actuals: [actual(d(2026, 9, 30) + 23 / 24, 9_200)] });
    const last = review(tables, { period: "2026-Q3", asOf: d(2026, 9, 30) }).goals[0]!;
    const after = review(tables, { period: "2026-Q3", asOf: d(2026, 12, 31) }).goals[0]!;
    expect(last).toEqual(after);
    expect(last.actual).toBe(9_200);
    expect(last.status).toBe("On track"); // pace exactly 1
  });
  it("ignores the time of day of the as-of date", () => {
    const tables = plan({ targets: [goal()], actuals: [actual(AUG15 + 0.5, 1)] });
    expect(review(tables, { period: "2026-Q3", asOf: AUG15 + 0.9 }).goals[0]!.actual).toBe(1);
  });
  it("resolves a to-date form against the as-of date", () => {
    const r = review(plan({ targets: [goal()] }), { period: "YTD", asOf: AUG15 });
    expect(r.period).toMatchObject({ label: "2026-01-01..2026-08-15", start: d(2026, 1, 1), end: AUG15 });
  });
});

describe("phasing", () => {
  // Seasonal weights Jan … Dec: 1,1,1, 2,2,2, 3,3,3, 4,4,4 (sum 30).
  const SEASONAL = [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4];
  const fiscalApril = [{ Key: "FiscalYearStartMonth", Value: 4 }];
  const tables = plan({
    targets: [goal({ GoalID: "Y", Target: 300_000, Start: d(2026, 1, 1), End: d(2026, 12, 31), Phasing: "seasonal" })],
    actuals: [actual(d(2026, 1, 20), 10_000), actual(d(2026, 2, 14), 5_000), actual(d(2026, 2, 15), 8_000)],
    phasing: [profile("Seasonal", SEASONAL)],
    settings: fiscalApril,
  });

  it("a goal spanning two fiscal years (F = 4): its FY2026 part is Jan … Mar", () => {
    const r = review(tables, { period: "FY2026", asOf: d(2026, 2, 14) });
    expect(r.period).toMatchObject({ label: "FY2026", start: d(2025, 4, 1), end: d(2026, 3, 31) });
    const g = r.goals[0]!;
    expect([g.overlapStart, g.overlapEnd]).toEqual([d(2026, 1, 1), d(2026, 3, 31)]);
    expect(g.targetPeriod).toBeCloseTo(30_000, 6); // 300,000 × (1 + 1 + 1) / 30
    expect(g.targetToDate).toBeCloseTo(15_000, 6); // 300,000 × (1 + 14/28) / 30: all January and 14 of February's 28 days
    expect(g.actual).toBe(15_000); // Jan 20 and Feb 14; Feb 15 is after a
    expect(g.status).toBe("On track"); // pace 1
    expect(r.profilesUsed).toEqual(["Seasonal"]);
  });
  it("and its FY2027 part (Apr … Dec) has not started on Feb 14, 2026", () => {
    const r = review(tables, { period: "FY2027", asOf: d(2026, 2, 14) });
    const g = r.goals[0]!;
    expect([g.overlapStart, g.overlapEnd]).toEqual([d(2026, 4, 1), d(2026, 12, 31)]);
    expect(g.targetPeriod).toBeCloseTo(270_000, 6); // 300,000 × (2+2+2+3+3+3+4+4+4) / 30 = 300,000 × 27 / 30
    expect(g.status).toBe("Not started");
    expect(g.forecast).toBeCloseTo(270_000, 6);
  });
  it("zero-weight days so far: TD = 0 is On track", () => {
    const r = review(
      plan({ targets: [goal({ Target: 600, Phasing: "NoJuly" })], phasing: [profile("NoJuly", [1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1])] }),
      { period: "2026-Q3", asOf: d(2026, 7, 20) },
    );
    const g = r.goals[0]!;
    expect(g.targetPeriod).toBeCloseTo(600, 9); // the goal's whole window (Aug and Sep carry all the weight)
    expect(g.targetToDate).toBe(0); // July weighs 0
    expect(g.status).toBe("On track");
    expect(g.variancePct).toBeNull();
    expect(g.forecast).toBeCloseTo(600, 9); // TP + (A − TD)
  });
  it("Needs fix: a missing profile, an all-zero one, one with a bad weight, one that gives the window no weight", () => {
    const r = review(
      plan({
        targets: [
          goal({ GoalID: "ok", Target: 9_200 }),
          goal({ GoalID: "missing", Phasing: "Nope" }),
          goal({ GoalID: "zeros", Phasing: "Zero" }),
          goal({ GoalID: "bad", Phasing: "Bad" }),
          goal({ GoalID: "window", Phasing: "Winter" }),
          goal({ GoalID: "target", Target: "lots" }),
        ],
        actuals: [actual(d(2026, 7, 2), 100)],
        phasing: [
          profile("Zero", Array(12).fill(0)),
          profile("Bad", [1, 1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1]),
          profile("Winter", [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]),
        ],
      }),
      { period: "2026-Q3", asOf: AUG15 },
    );
    const fixes = r.goals.filter((g) => g.status === "Needs fix");
    expect(fixes.map((g) => [g.goalId, g.fix?.key])).toEqual([
      ["missing", "review.fix.noProfile"],
      ["zeros", "review.fix.zeroProfile"],
      ["bad", "review.fix.badWeight"],
      ["window", "review.fix.zeroWindow"],
      ["target", "review.fix.target"],
    ]);
    for (const g of fixes) {
      expect([g.targetPeriod, g.targetToDate, g.actual, g.variance, g.variancePct, g.attainment, g.pace, g.forecast, g.remaining]).toEqual(Array(9).fill(null));
    }
    expect(r.statusCounts["Needs fix"]).toBe(5);
    // Left out of every total: the summary is the "ok" goal alone (TP 9,200, A 100).
    expect(r.summary).toEqual([{ metric: "Revenue", unit: "CNY", targetPeriod: 9_200, targetToDate: 4_600, actual: 100, attainment: 100 / 9_200, goals: 1 }]);
    expect(r.byOwner.reduce((n, x) => n + x.goals, 0)).toBe(1);
  });
});

describe("direction and sign", () => {
  it("a lower-is-better cost goal: positive variance is under budget", () => {
    // Cost budget 92,000 over Q3 (1,000 a day): to date (46 days) 46,000; spent 48,000.
    const r = review(
      plan({
        targets: [goal({ GoalID: "C", Metric: "Cost", Direction: "lower", Target: 92_000 }), goal({ GoalID: "C2", Metric: "Cost", Direction: "越低越好", Target: 92_000, Region: "N" })],
        actuals: [actual(d(2026, 7, 3), 48_000, { Metric: "Cost" }), actual(d(2026, 7, 3), 40_000, { Metric: "Cost", Region: "N" })],
      }),
      { period: "2026-Q3", asOf: AUG15 },
    );
    const c = goalOf(r, "C");
    expect(c.direction).toBe("lower");
    expect(c.actual).toBe(88_000); // no region condition: both rows
    expect(c.variance).toBeCloseTo(-42_000, 6); // 46,000 − 88,000
    expect(c.pace).toBeCloseTo(88 / 46, 12); // 1.913 > 2 − 0.9 = 1.1
    expect(c.status).toBe("Off track");
    const c2 = goalOf(r, "C2");
    expect(c2.actual).toBe(40_000);
    expect(c2.variance).toBeCloseTo(6_000, 6); // 46,000 − 40,000: favorable
    expect(c2.variancePct).toBeCloseTo(6_000 / 46_000, 12);
    expect(c2.status).toBe("On track"); // pace 0.87 ≤ 1
    expect(c2.remaining).toBeCloseTo(52_000, 6); // still to spend: 92,000 − 40,000
  });
  it("lower-is-better At risk band is (1, 2 − AtRiskThreshold]", () => {
    // Spent 50,600 of 46,000 to date: pace 1.1 exactly = 2 − 0.9 → At risk, not Off track.
    const r = review(plan({ targets: [goal({ Metric: "Cost", Direction: "lower", Target: 92_000 })], actuals: [actual(d(2026, 7, 3), 50_600, { Metric: "Cost" })] }), {
      period: "2026-Q3", asOf: AUG15,
    });
    expect(r.goals[0]!.status).toBe("At risk");
  });
  it("uses the workbook's AtRiskThreshold, with the 1e-9 tolerance at the threshold", () => {
    // TD 46,000; A 36,800 → pace 0.8 exactly: At risk with threshold 0.8, Off track with 0.81.
    const t = (thr: number) =>
      review(plan({ targets: [goal({ Target: 92_000 })], actuals: [actual(d(2026, 7, 3), 36_800)], settings: [{ Key: "AtRiskThreshold", Value: thr }] }), {
        period: "2026-Q3", asOf: AUG15,
      }).goals[0]!.status;
    expect(t(0.8)).toBe("At risk");
    expect(t(0.81)).toBe("Off track");
  });
  it("a negative target: attainment and pace are none, status by the sign of the variance", () => {
    // Target −9,200 over Q3: TP −9,200, TD −4,600 (46/92). A = −3,000 → variance −3,000 − (−4,600) = 1,600.
    const r = review(plan({ targets: [goal({ Metric: "GrossMargin", Target: -9_200 })], actuals: [actual(d(2026, 7, 9), -3_000, { Metric: "GrossMargin" })] }), {
      period: "2026-Q3", asOf: AUG15,
    });
    const g = r.goals[0]!;
    expect(g.targetToDate).toBeCloseTo(-4_600, 9);
    expect(g.variance).toBeCloseTo(1_600, 9);
    expect(g.variancePct).toBeCloseTo(1_600 / 4_600, 12); // divided by |TD|
    expect(g.attainment).toBeNull();
    expect(g.pace).toBeNull();
    expect(g.forecast).toBeCloseTo(-7_600, 9); // TP + (A − TD) = −9,200 + 1,600
    expect(g.remaining).toBeCloseTo(-6_200, 9); // −9,200 − (−3,000)
    expect(g.status).toBe("On track");
    const worse = review(plan({ targets: [goal({ Target: -9_200 })], actuals: [actual(d(2026, 7, 9), -5_000)] }), { period: "2026-Q3", asOf: AUG15 }).goals[0]!;
    expect(worse.variance).toBeCloseTo(-400, 9); // −5,000 − (−4,600)
    expect(worse.status).toBe("Off track");
  });
});

describe("which actuals count (Excel's =)", () => {
  const on = d(2026, 7, 15);
  const tables = plan({
    targets: [
      goal({ GoalID: "star", Product: "Pro*Max" }),
      goal({ GoalID: "question", Product: "A?C" }),
      goal({ GoalID: "tilde", Product: "~x" }),
      goal({ GoalID: "quote", Product: 'Say "hi"' }),
      goal({ GoalID: "text00123", Product: "00123" }),
      goal({ GoalID: "num123", Product: 123 }),
      goal({ GoalID: "spaced", Region: " East" }),
      goal({ GoalID: "blankish", Region: "   " }), // only spaces: blank, no condition
      goal({ GoalID: "REVENUE", Metric: "REVENUE", Product: "P" }),
      goal({ GoalID: "rep", Rep: "Li", Segment: "New" }),
    ],
    actuals: [
      actual(on, 1, { Product: "Pro*Max" }),
      actual(on, 2, { Product: "ProXMax" }), // a wildcard would match this
      actual(on, 4, { Product: "pro*max" }),
      actual(on, 8, { Product: "ABC" }),
      actual(on, 16, { Product: "a?c" }),
      actual(on, 32, { Product: "x" }),
      actual(on, 64, { Product: "~X" }),
      actual(on, 128, { Product: 'say "HI"' }),
      actual(on, 256, { Product: "Say hi" }),
      actual(on, 512, { Product: "00123" }),
      actual(on, 1024, { Product: 123 }),
      actual(on, 2048, { Product: "123" }),
      actual(on, 4096, { Region: "East" }),
      actual(on, 8192, { Region: " east" }),
      actual(on, 16384, { Product: "P", Metric: "revenue" }),
      actual(on, 32768, { Product: "p", Metric: "Revenue " }), // trailing space: another metric
      actual(on, 65536, { Rep: "LI", Segment: "new" }),
      actual(on, 131072, { Rep: "Li" }),
    ],
  });
  const r = review(tables, { period: "2026-Q3", asOf: AUG15 });
  const A = (id: string) => goalOf(r, id).actual;

  it("`*`, `?` and `~` are plain characters; `\"` is a character", () => {
    expect(A("star")).toBe(1 + 4);
    expect(A("question")).toBe(16);
    expect(A("tilde")).toBe(64);
    expect(A("quote")).toBe(128);
  });
  it("a text never equals a number: 00123 ≠ 123, \"123\" ≠ 123", () => {
    expect(A("text00123")).toBe(512);
    expect(A("num123")).toBe(1024);
  });
  it("no trimming; a goal cell of spaces is blank", () => {
    expect(A("spaced")).toBe(8192);
    const all = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 65536, 131072].reduce((x, y) => x + y, 0);
    expect(A("blankish")).toBe(all); // every Revenue actual (not "Revenue ")
  });
  it("metrics compare ignoring case; every dimension must match", () => {
    expect(A("REVENUE")).toBe(16384);
    expect(A("rep")).toBe(65536);
  });
  it("an empty actual cell equals a goal's 0 and FALSE, as Excel's = does", () => {
    const t2 = plan({
      targets: [goal({ GoalID: "zero", Rep: 0 }), goal({ GoalID: "false", Rep: false }), goal({ GoalID: "true", Rep: true })],
      actuals: [actual(on, 1), actual(on, 2, { Rep: 0 }), actual(on, 4, { Rep: false }), actual(on, 8, { Rep: "0" }), actual(on, 16, { Rep: true })],
    });
    const r2 = review(t2, { period: "2026-Q3", asOf: AUG15 });
    expect(goalOf(r2, "zero").actual).toBe(1 + 2);
    expect(goalOf(r2, "false").actual).toBe(1 + 4);
    expect(goalOf(r2, "true").actual).toBe(16);
  });
  it("a condition on a column PlanActuals lacks matches nothing", () => {
    const t3 = plan({ targets: [goal({ GoalID: "r", Rep: "Li" }), goal({ GoalID: "all" })], actuals: [actual(on, 5)] });
    const raw = t3.PlanActuals!;
    const repAt = raw.headers.indexOf("Rep");
    const noRep = { ...raw, headers: raw.headers.filter((_, i) => i !== repAt), rows: raw.rows.map((row) => row.filter((_, i) => i !== repAt)) };
    const r3 = review({ ...t3, PlanActuals: noRep }, { period: "2026-Q3", asOf: AUG15 });
    expect(goalOf(r3, "r").actual).toBe(0);
    expect(goalOf(r3, "all").actual).toBe(5);
    expect(r3.actualsHeaders.Rep).toBeUndefined();
  });
  it("reads Chinese headers", () => {
    const zh = plan({ targets: [goal({ Region: "华东" })], actuals: [actual(on, 7, { Region: "华东" }), actual(on, 9, { Region: "华北" })] }, "zh");
    const rz = review(zh, { period: "2026年第三季度", asOf: AUG15 });
    expect(rz.goals[0]!.actual).toBe(7);
    expect(rz.actualsHeaders).toMatchObject({ Date: "日期", Metric: "指标", Value: "数值", Region: "区域" });
  });
});

describe("totals", () => {
  // Parent P (Revenue CNY 9,200, 100 a day) with children C1 (East, Li) and C2 (West, Wang); a Units goal U;
  // as of Aug 15 (46 of 92 days: TD = TP / 2).
  const tables = plan({
    targets: [
      goal({ GoalID: "P", Target: 9_200, Owner: "Boss" }),
      goal({ GoalID: "C1", Parent: "p", Target: 4_600, Region: "East", Owner: "Li" }),
      goal({ GoalID: "C2", Parent: "P ", Target: 4_600, Region: "West", Owner: "wang" }),
      goal({ GoalID: "U", Metric: "units", Unit: "pcs", Target: 920, Owner: "Wang" }),
      goal({ GoalID: "R2", Metric: "REVENUE", Unit: "cny", Target: 1_000, Region: "East", Owner: "Li", Start: d(2026, 7, 1), End: d(2026, 7, 10) }),
    ],
    actuals: [
      actual(d(2026, 7, 5), 1_000, { Region: "East" }),
      actual(d(2026, 7, 6), 3_000, { Region: "West" }),
      actual(d(2026, 7, 7), 500, { Metric: "Units" }),
    ],
  });
  const r = review(tables, { period: "2026-Q3", asOf: AUG15 });

  it("summary adds goals without a parent, per metric (ignoring case) and unit", () => {
    // Revenue/CNY: P (TP 9,200, TD 4,600, A 4,000) + R2 (TP 1,000, TD 1,000, A 1,000) → ΣA / ΣTP = 5,000 / 10,200.
    expect(r.summary).toEqual([
      { metric: "Revenue", unit: "CNY", targetPeriod: 10_200, targetToDate: 5_600, actual: 5_000, attainment: 5_000 / 10_200, goals: 2 },
      { metric: "units", unit: "pcs", targetPeriod: 920, targetToDate: 460, actual: 500, attainment: 500 / 920, goals: 1 },
    ]);
    expect(r.kpi).toEqual(r.summary[0]);
  });
  it("breakdowns add goals without children", () => {
    expect(goalOf(r, "P").hasChildren).toBe(true);
    // By owner, Revenue/CNY: Li = C1 (A 1,000) + R2 (A 1,000); wang = C2 (A 3,000). Boss (P) has children: not there.
    expect(r.byOwner.map((x) => [x.key, x.metric, x.targetPeriod, x.actual, x.goals])).toEqual([
      ["Li", "Revenue", 5_600, 2_000, 2],
      ["wang", "Revenue", 4_600, 3_000, 1],
      ["Wang", "units", 920, 500, 1],
    ]);
    expect(r.byRegion.map((x) => [x.key, x.metric, x.targetPeriod, x.actual])).toEqual([
      ["East", "Revenue", 5_600, 2_000],
      ["West", "Revenue", 4_600, 3_000],
      ["", "units", 920, 500],
    ]);
  });
  it("status counts cover every goal of the review", () => {
    const total = Object.values(r.statusCounts).reduce((a, b) => a + b, 0);
    expect(total).toBe(5);
  });
  it("top 5 unfavorable: most negative Variance % first, only unfavorable goals", () => {
    // Seven goals of 9,200 (TD 4,600) with actuals 4,600 − k·460 for k = 0…6: Variance % = −k/10.
    const targets = [0, 1, 2, 3, 4, 5, 6].map((k) => goal({ GoalID: `K${k}`, Target: 9_200, Rep: `r${k}` }));
    const actuals = [0, 1, 2, 3, 4, 5, 6].map((k) => actual(d(2026, 7, 2), 4_600 - k * 460, { Rep: `r${k}` }));
    const top = review(plan({ targets, actuals }), { period: "2026-Q3", asOf: AUG15 }).topUnfavorable;
    expect(top.map((g) => g.goalId)).toEqual(["K6", "K5", "K4", "K3", "K2"]);
    expect(top[0]!.variancePct).toBeCloseTo(-0.6, 12);
  });
});

describe("actions, risks and freshness", () => {
  const a = AUG15;
  const tables = plan({
    targets: [goal()],
    actuals: [actual(d(2026, 8, 1), 1)],
    actions: [
      { ActionID: "A1", Action: "overdue", Owner: "x", Due: d(2026, 8, 1), Status: "In progress" },
      { ActionID: "A2", Action: "due a+30", Owner: "x", Due: a + 30, Status: "" },
      { ActionID: "A3", Action: "due a+31", Owner: "x", Due: a + 31 },
      { ActionID: "A4", Action: "done", Owner: "x", Due: d(2026, 8, 10), Status: "done" },
      { ActionID: "A5", Action: "cancelled zh", Owner: "x", Due: d(2026, 8, 10), Status: "已取消" },
      { ActionID: "A6", Action: "done zh", Owner: "x", Due: d(2026, 8, 10), Status: "已完成" },
      { ActionID: "A7", Action: "text due today", Owner: "x", Due: "2026-08-15", Status: "受阻" },
      { ActionID: "A8", Action: "no due", Owner: "x" },
    ],
    risks: [
      { RiskID: "R1", Risk: "4×3", Likelihood: 4, Impact: 3 },
      { RiskID: "R2", Risk: "3×3", Likelihood: 3, Impact: 3, Score: 99 },
      { RiskID: "R3", Risk: "closed", Likelihood: 5, Impact: 5, Status: "Closed" },
      { RiskID: "R4", Risk: "closed zh", Likelihood: 5, Impact: 5, Status: "已关闭" },
      { RiskID: "R5", Risk: "open zh", Likelihood: 4, Impact: 4, Status: "未关闭" },
      { RiskID: "R6", Risk: "5×5 open", Likelihood: 5, Impact: 5, Status: "Open" },
    ],
  });
  const r = review(tables, { period: "2026-Q3", asOf: a });

  it("lists actions overdue or due within 30 days, not Done or Cancelled (either language), by due date", () => {
    expect(r.actions.map((x) => [x.actionId, x.overdue, x.daysLeft])).toEqual([
      ["A1", true, -14],
      ["A7", false, 0],
      ["A2", false, 30],
    ]);
  });
  it("lists open risks (blank is open) whose computed score is at least 12, highest first", () => {
    expect(r.risks.map((x) => [x.riskId, x.score])).toEqual([
      ["R6", 25],
      ["R5", 16],
      ["R1", 12],
    ]);
  });
  it("is stale when the latest actual is more than 7 days before a", () => {
    expect(r.freshness).toEqual({ latestActual: d(2026, 8, 1), stale: true }); // 14 days
    const eight = review(plan({ targets: [goal()], actuals: [actual(d(2026, 8, 8), 1)] }), { period: "2026-Q3", asOf: a });
    expect(eight.freshness.stale).toBe(false); // exactly 7 days
    const none = review(plan({ targets: [goal()], actuals: [actual("2026-08-14", 1)] }), { period: "2026-Q3", asOf: a });
    expect(none.freshness).toEqual({ latestActual: null, stale: true });
  });
});

describe("errors and skipped goals", () => {
  it("an unparseable period is #VALUE!", () => {
    expect(errorOf(buildReview(plan({ targets: [goal()] }), { period: "Q5 2026", asOf: AUG15 })).code).toBe("#VALUE!");
  });
  it("a plan without PlanTargets or PlanActuals, or without their required columns, is an error", () => {
    const p = plan({ targets: [goal()] });
    expect(errorOf(buildReview({ PlanActuals: p.PlanActuals }, { period: "2026-Q3", asOf: AUG15 })).msg?.key).toBe("review.err.noTargets");
    expect(errorOf(buildReview({ PlanTargets: p.PlanTargets }, { period: "2026-Q3", asOf: AUG15 })).msg?.key).toBe("review.err.noActuals");
    const noValue = { ...p.PlanActuals!, headers: p.PlanActuals!.headers.map((h) => (h === "Value" ? "Amount?" : h)) };
    const e = errorOf(buildReview({ ...p, PlanActuals: noValue }, { period: "2026-Q3", asOf: AUG15 }));
    expect(e.msg).toEqual({ key: "review.err.actualsColumns", params: { columns: "Value" } });
  });
  it("skips goals without usable dates and says why", () => {
    const r = review(plan({ targets: [goal({ GoalID: "a", Start: "soon" }), goal({ GoalID: "b", End: d(2026, 6, 1) }), goal({ GoalID: "c", Start: "2026-07-01" })] }), {
      period: "2026-Q3", asOf: AUG15,
    });
    expect(r.skipped.map((x) => [x.goalId, x.reason.key])).toEqual([
      ["a", "review.skip.start"],
      ["b", "review.skip.endBeforeStart"],
    ]);
    expect(r.goals.map((g) => g.goalId)).toEqual(["c"]); // a text date in PlanTargets is read as a date
  });
  it("an unknown direction needs a fix", () => {
    const r = review(plan({ targets: [goal({ Direction: "sideways" })] }), { period: "2026-Q3", asOf: AUG15 });
    expect(r.goals[0]!.status).toBe("Needs fix");
    expect(r.goals[0]!.fix?.key).toBe("review.fix.direction");
  });
});
