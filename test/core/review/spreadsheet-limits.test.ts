/**
 * Where a double and a spreadsheet part ways (found by the LibreOffice review fuzz): numbers
 * beyond a cell's range (#NUM! in Excel), subnormal numbers (stored as 0), numbers a few bits
 * apart (Excel's `=` compares 15 significant digits), and case folding one character at a
 * time (Σ, İ). The engine, the sheet's formulas and the shared `=` helper agree on each.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { excelComparable, excelEqualityKey, excelStored, foldCase } from "../../../src/core/cells";
import { excelEquals } from "../../../src/core/review/actuals";
import { reviewJson } from "../../../src/core/review/engine";
import { actualFormula, numberConstant, valueConstant } from "../../../src/core/sheets/review-formulas";
import { reviewCol, reviewSheetSpec, statusWord } from "../../../src/core/sheets/review";
import { t } from "../../../src/i18n";
import { actual, d, goal, goalOf, plan, review } from "./plan";

const Q3 = { period: "2026-Q3", asOf: d(2026, 8, 15) };

/** Every number anywhere in a value (the review, its JSON) is finite. */
function allFinite(v: unknown): boolean {
  if (typeof v === "number") return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(allFinite);
  if (v !== null && typeof v === "object") return Object.values(v).every(allFinite);
  return true;
}

describe("a goal whose numbers overflow a double", () => {
  // Target 1E-306 over Q3 with an actual of 100,000: A / TP and Variance / |TD| exceed 1.8E308.
  const tables = plan({
    targets: [goal({ GoalID: "G-tiny", Target: 1e-306 }), goal({ GoalID: "G-ok", Target: 92_000 })],
    actuals: [actual(d(2026, 7, 10), 100_000)],
  });
  const r = review(tables, Q3);

  it("needs a fix, with the reason, instead of Infinity", () => {
    const g = goalOf(r, "G-tiny");
    expect(g.status).toBe("Needs fix");
    expect(g.fix).toEqual({ key: "review.fix.overflow", params: { target: 1e-306 } });
    expect([g.variancePct, g.attainment, g.pace, g.forecast, g.actual]).toEqual([null, null, null, null, null]);
    expect(r.statusCounts["Needs fix"]).toBe(1);
    // Left out of the totals, as every goal that needs a fix; the other goal counts.
    expect(r.summary).toEqual([expect.objectContaining({ targetPeriod: 92_000, actual: 100_000, goals: 1 })]);
    expect(goalOf(r, "G-ok").status).toBe("On track");
  });

  it("says so in both languages", () => {
    expect(t("en", "review.fix.overflow", { target: 1e-306 })).toContain("1e-306");
    expect(t("en", "review.fix.overflow", { target: 1e-306 })).toContain("#NUM!");
    expect(t("zh-CN", "review.fix.overflow", { target: 1e-306 })).toContain("#NUM!");
    expect(t("zh-CN", "review.fix.overflow", { target: 1e-306 })).not.toBe(t("en", "review.fix.overflow", { target: 1e-306 }));
  });

  it("keeps every number of the review and its JSON finite", () => {
    expect(allFinite(r)).toBe(true);
    const j = reviewJson(r, "plan.xlsx", "plan (review).xlsx");
    expect(allFinite(j)).toBe(true);
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });

  it("writes the row as Needs fix, without the formulas that would show #NUM!", () => {
    const spec = reviewSheetSpec(r, { lang: "en", generatedAt: d(2026, 8, 15) });
    const row = spec.tables![0]!.range.row + 1 + r.goals.findIndex((g) => g.goalId === "G-tiny");
    // The cell a spec writes last at (row, col of column c).
    const at = (c: Parameters<typeof reviewCol>[0]) => {
      let cell: unknown;
      for (const b of spec.blocks ?? []) {
        const v = b.cells[row - b.row]?.[reviewCol(c) - b.col];
        if (row >= b.row && reviewCol(c) >= b.col && v !== undefined) cell = v;
      }
      return cell;
    };
    expect(at("status")).toEqual({ t: "s", v: statusWord("en", "Needs fix") });
    expect(at("variancePct")).toBe(null);
    expect(at("attainment")).toBe(null);
  });

  it("overflows by a huge Target too: Variance and Remaining beyond 1.8E308", () => {
    const big = review(plan({ targets: [goal({ Target: -1.5e308, Direction: "higher" })], actuals: [actual(d(2026, 7, 10), 1.5e308)] }), { period: "2026-Q3", asOf: d(2026, 9, 30) });
    expect(big.goals[0]!.status).toBe("Needs fix");
    expect(big.goals[0]!.fix?.key).toBe("review.fix.overflow");
    expect(allFinite(big)).toBe(true);
  });

  it("never yields a non-finite number in a goal, whatever its Target and actuals", () => {
    const num = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(1e-306, -1e-306, 1e308, -1e308, 5e-324, 0));
    fc.assert(
      fc.property(num, fc.array(num, { maxLength: 4 }), (target, values) => {
        const rv = review(
          plan({ targets: [goal({ Target: target, Direction: target < 0 ? "lower" : "higher" })], actuals: values.map((v, i) => actual(d(2026, 7, 1 + i), v)) }),
          Q3,
        );
        expect(allFinite(rv)).toBe(true);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe("totals beyond a double's range", () => {
  // Each goal's numbers fit (Target 1, Actual 1E308), but the summary's ΣA is 2E308: a
  // spreadsheet's SUM shows #NUM!, the review says none (null), never Infinity.
  const r = review(
    plan({
      targets: [goal({ GoalID: "G-e", Region: "East", Target: 1 }), goal({ GoalID: "G-w", Region: "West", Target: 1 })],
      actuals: [actual(d(2026, 7, 10), 1e308, { Region: "East" }), actual(d(2026, 7, 11), 1e308, { Region: "West" })],
    }),
    { period: "2026-Q3", asOf: d(2026, 9, 30) },
  );

  it("keeps both goals (each fits) and gives the summary no Actual or Attainment", () => {
    expect(goalOf(r, "G-e").actual).toBe(1e308);
    expect(goalOf(r, "G-e").status).not.toBe("Needs fix");
    expect(r.summary).toHaveLength(1);
    expect(r.summary[0]).toEqual(expect.objectContaining({ targetPeriod: 2, actual: null, attainment: null, goals: 2 }));
    expect(allFinite(r)).toBe(true);
  });

  it("writes null, not Infinity, into the JSON, and a blank summary cell", () => {
    const j = reviewJson(r, "plan.xlsx", null);
    expect(j.summary[0]!.actual).toBe(null);
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
    const spec = reviewSheetSpec(r, { lang: "en", generatedAt: d(2026, 9, 30) });
    const cells = (spec.blocks ?? []).flatMap((b) => b.cells.flat());
    expect(cells.some((c) => c !== null && c.t === "n" && !Number.isFinite(c.v))).toBe(false);
  });
});

describe("the KPI metric picked by Excel's case-insensitive =", () => {
  it("puts the owner rows of the KPI metric first even when its case differs per goal (Σ folds like σ)", () => {
    // Metric "ΟΣ" and "οσ" are one metric (one summary row); a smaller metric "Units" comes first in the plan.
    const r = review(
      plan({
        targets: [
          goal({ GoalID: "U", Metric: "Units", Unit: "pcs", Target: 10, Owner: "Zed" }),
          goal({ GoalID: "A", Metric: "ΟΣ", Target: 1000, Owner: "Ann" }),
          goal({ GoalID: "B", Metric: "οσ", Target: 1000, Owner: "Bob" }),
        ],
      }),
      Q3,
    );
    expect(r.summary.map((x) => x.goals)).toEqual([1, 2]);
    expect(r.kpi?.metric).toBe("ΟΣ");
    const spec = reviewSheetSpec(r, { lang: "en", generatedAt: d(2026, 8, 15) });
    // The sheet's rows as texts of their first cell; the per-owner section is the title, its header, then one row per owner.
    const first = new Map<number, string>();
    for (const b of spec.blocks ?? []) b.cells.forEach((row, i) => { const c = row[0]; if (c && c.t === "s") first.set(b.row + i, c.v); });
    const title = [...first].find(([, v]) => v === t("en", "review.section.byOwner"))![0];
    // With toLowerCase, "ΟΣ" keys as "ος" (word-final ς) and Bob's "οσ" would not count as the KPI: Ann, Zed, Bob.
    expect([title + 2, title + 3, title + 4].map((r) => first.get(r))).toEqual(["Ann", "Bob", "Zed"]);
  });
});

describe("numbers Excel cannot hold: subnormals are 0", () => {
  it("stores a magnitude below 2.2250738585072014E-308 as 0", () => {
    expect(excelStored(7e-323)).toBe(0);
    expect(excelStored(-5e-324)).toBe(0);
    expect(Object.is(excelStored(-0), 0)).toBe(true);
    expect(excelStored(2.2250738585072014e-308)).toBe(2.2250738585072014e-308);
    expect(excelStored(-1e-300)).toBe(-1e-300);
  });

  it("writes a subnormal formula constant as 0 (LibreOffice reads 7E-323 as #VALUE!)", () => {
    expect(numberConstant(7e-323)).toBe("0");
    expect(valueConstant(-1e-310)).toBe("0");
    expect(numberConstant(2.5e-308)).toBe("2.5E-308");
    const f = actualFormula([{ key: "Region", value: 7e-323 }], { Region: "Region", Date: "Date", Value: "Value" }, d(2026, 7, 1), d(2026, 8, 1));
    expect(f).toContain("(PlanActuals[Region]=0)");
    expect(f).not.toMatch(/E-323/);
  });

  it("matches a subnormal as 0, and so as a blank cell", () => {
    expect(excelEquals(7e-323, 0)).toBe(true);
    expect(excelEquals(0, 7e-323)).toBe(true);
    expect(excelEquals(null, 7e-323)).toBe(true);
    expect(excelEquals(7e-323, 1e-307)).toBe(false);
    const r = review(
      plan({
        targets: [goal({ GoalID: "G-sub", Region: 7e-323 }), goal({ GoalID: "G-zero", Region: 0 })],
        actuals: [actual(d(2026, 7, 2), 10, { Region: 0 }), actual(d(2026, 7, 3), 20, { Region: 5e-324 }), actual(d(2026, 7, 4), 40, { Region: null }), actual(d(2026, 7, 5), 80, { Region: 1 })],
      }),
      Q3,
    );
    expect(goalOf(r, "G-sub").actual).toBe(70);
    expect(goalOf(r, "G-zero").actual).toBe(70);
  });

  it("reads a subnormal Target or Value as 0", () => {
    const r = review(plan({ targets: [goal({ Target: 7e-323 })], actuals: [actual(d(2026, 7, 2), 5e-324)] }), Q3);
    const g = r.goals[0]!;
    expect(g.target).toBe(0);
    expect(g.targetPeriod).toBe(0);
    expect(g.actual).toBe(0);
    expect(g.status).toBe("On track"); // TD = 0
  });
});

describe("numbers a few bits apart are equal, as Excel's `=` (15 significant digits)", () => {
  it("0.3 = 0.1 + 0.2, 1 = 1 + 2^-52, but not 1 = 1 + 1E-13", () => {
    expect(excelEquals(0.1 + 0.2, 0.3)).toBe(true);
    expect(excelEquals(1 + 2 ** -52, 1)).toBe(true);
    expect(excelEquals(1 - 2 ** -53, 1)).toBe(true);
    expect(excelEquals(1 + 1e-13, 1)).toBe(false);
    expect(excelEquals(-0, 0)).toBe(true);
    expect(excelEquals("0.3", 0.1 + 0.2)).toBe(false); // a text never equals a number
  });

  it("sums actuals whose keys differ only in the last bits", () => {
    const r = review(
      plan({ targets: [goal({ Product: 0.3 })], actuals: [actual(d(2026, 7, 2), 1, { Product: 0.1 + 0.2 }), actual(d(2026, 7, 3), 2, { Product: 0.3 }), actual(d(2026, 7, 4), 4, { Product: 0.31 })] }),
      Q3,
    );
    expect(r.goals[0]!.actual).toBe(3);
  });

  it("a number equals its 15-digit rounding; numbers whose 15-digit forms differ are unequal", () => {
    const normal = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e307, max: 1e307 }).filter((x) => x === 0 || Math.abs(x) >= 2.2250738585072014e-308);
    fc.assert(
      fc.property(normal, normal, (x, y) => {
        expect(excelEquals(x, Number(x.toPrecision(15)))).toBe(true);
        expect(excelEquals(x, y)).toBe(Number(x.toPrecision(15)) === Number(y.toPrecision(15)));
        expect(excelComparable(excelComparable(x))).toBe(excelComparable(x));
      }),
      { numRuns: 1000, seed: 3 },
    );
  });
});

describe("case folds one character at a time", () => {
  it("ΟΣ = οσ (no word-final ς), ς = σ, İ ≠ i̇ (İ keeps its length)", () => {
    expect(excelEquals("ΟΣ", "οσ")).toBe(true);
    expect(excelEquals("οσ", "ΟΣ")).toBe(true);
    expect(excelEquals("ΑΣ ΒΣ", "ασ βσ")).toBe(true);
    expect(excelEquals("İ", "i\u0307")).toBe(false);
    expect(excelEquals("İ", "İ")).toBe(true);
    expect(excelEquals("$ς区", "$Σ区")).toBe(true); // ς folds to σ, as in LibreOffice
    expect(excelEquals("ς", "σ")).toBe(true);
    expect(excelEquals("ſ", "S")).toBe(true);
    expect(excelEquals("ı", "I")).toBe(false); // dotless ı folds only under Turkish rules
    expect(excelEquals("ẞ", "ß")).toBe(true);
    expect(excelEquals("Straße", "STRASSE")).toBe(false);
    expect(excelEquals("Ǆ", "ǆ")).toBe(true);
    expect(excelEquals("𐐀", "𐐨")).toBe(true); // Deseret, outside the BMP
  });

  it("sums by the folded text in the engine", () => {
    const r = review(
      plan({ targets: [goal({ Region: "ΟΣ" }), goal({ GoalID: "G-2", Region: "İ" })], actuals: [actual(d(2026, 7, 2), 1, { Region: "οσ" }), actual(d(2026, 7, 2), 2, { Region: "i\u0307" }), actual(d(2026, 7, 2), 4, { Region: "İ" })] }),
      Q3,
    );
    expect(goalOf(r, "G-001").actual).toBe(1);
    expect(goalOf(r, "G-2").actual).toBe(4);
  });

  it("groups the summary by Metric folded the same way", () => {
    const r = review(plan({ targets: [goal({ Metric: "ΟΣ" }), goal({ GoalID: "G-2", Metric: "οσ" })], actuals: [actual(d(2026, 7, 2), 5, { Metric: "Οσ" })] }), Q3);
    expect(r.summary).toEqual([expect.objectContaining({ metric: "ΟΣ", actual: 10, goals: 2 })]);
  });

  it("keeps the length in code units, lower-cases ASCII as toLowerCase, and is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 12 }), (s) => {
        const f = foldCase(s);
        expect(f.length).toBe(s.length);
        expect(foldCase(f)).toBe(f);
        expect(excelEqualityKey(s)).toBe(excelEqualityKey(f));
        expect(foldCase(s.replace(/[^\x00-\x7f]/g, ""))).toBe(s.replace(/[^\x00-\x7f]/g, "").toLowerCase());
      }),
      { numRuns: 1000, seed: 5 },
    );
  });
});
