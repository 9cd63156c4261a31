/** A1 addresses, and moving a formula to another row as Excel's copy and paste does. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { a1, columnNumber, parseA1, parseRangeA1, rangeA1, rangesIntersect, shiftFormulaRows } from "../../../src/core/sheets/a1";
import { rangeOf } from "../../../src/core/sheets/spec";

describe("addresses", () => {
  it("converts columns, cells and ranges both ways", () => {
    expect([columnNumber("A"), columnNumber("z"), columnNumber("AA"), columnNumber("XFD"), columnNumber("XFE")]).toEqual([1, 26, 27, 16_384, null]);
    expect(a1(7, 28)).toBe("AB7");
    expect(parseA1("$C$9")).toEqual({ row: 9, col: 3 });
    expect(parseA1("A0")).toBeNull();
    expect(parseA1("A1048577")).toBeNull();
    expect(parseRangeA1("D9:B2")).toEqual(rangeOf(2, 2, 8, 3));
    expect(rangeA1(rangeOf(2, 2, 8, 3))).toBe("B2:D9");
    expect(rangeA1(rangeOf(5, 1))).toBe("A5");
    expect(rangesIntersect(rangeOf(1, 1, 2, 2), rangeOf(2, 2))).toBe(true);
    expect(rangesIntersect(rangeOf(1, 1, 2, 2), rangeOf(3, 1))).toBe(false);
  });
});

describe("shiftFormulaRows", () => {
  it("moves relative rows and keeps $ rows, as a copy one row up does", () => {
    expect(shiftFormulaRows("=B4*2", -1)).toBe("=B3*2");
    expect(shiftFormulaRows("=SUM(B4:C9)+$B$4+B$4+$B4", -2)).toBe("=SUM(B2:C7)+$B$4+B$4+$B2");
    expect(shiftFormulaRows("=SUM(4:6)", 3)).toBe("=SUM(7:9)");
    expect(shiftFormulaRows("=Data!A5+'My sheet'!B5", 1)).toBe("=Data!A6+'My sheet'!B6");
  });
  it("leaves strings, quoted sheet names, structured references, names and functions alone", () => {
    expect(shiftFormulaRows('="A1 and B2"&A1', 1)).toBe('="A1 and B2"&A2');
    expect(shiftFormulaRows("='Q1 2026'!A1", 1)).toBe("='Q1 2026'!A2");
    expect(shiftFormulaRows("=PlanRisks[[#This Row],[Likelihood]]*PlanRisks[[#This Row],[Impact]]", 5)).toBe(
      "=PlanRisks[[#This Row],[Likelihood]]*PlanRisks[[#This Row],[Impact]]",
    );
    expect(shiftFormulaRows("=LOG10(A1)+ATAN2(B1,C1)+Sales2024", 1)).toBe("=LOG10(A2)+ATAN2(B2,C2)+Sales2024");
    expect(shiftFormulaRows("=A1*1.5E3+2", 1)).toBe("=A2*1.5E3+2");
  });
  it("makes a reference pushed off the grid #REF!", () => {
    expect(shiftFormulaRows("=A1+A3", -2)).toBe("=#REF!+A1");
  });
  it("is undone by the opposite shift when nothing leaves the grid (property)", () => {
    const ref = fc.tuple(fc.constantFrom("", "$"), fc.constantFrom("A", "B", "AA", "XF"), fc.constantFrom("", "$"), fc.integer({ min: 1, max: 5000 }))
      .map(([c, col, r, row]) => `${c}${col}${r}${row}`);
    const formula = fc.array(fc.oneof(ref, fc.constantFrom("+", "*", "SUM(", ")", '"B7"', "Name1", "T[[#This Row],[A1]]")), { minLength: 1, maxLength: 8 })
      .map((parts) => `=${parts.join("")}`);
    fc.assert(
      fc.property(formula, fc.integer({ min: -100, max: 100 }), (f, d) => {
        const moved = shiftFormulaRows(f, d);
        fc.pre(!moved.includes("#REF!"));
        expect(shiftFormulaRows(moved, -d)).toBe(f);
      }),
    );
  });
});
