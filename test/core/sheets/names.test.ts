/** Sheet names: Excel's rules, and never taking a name that exists. */
import { describe, expect, it } from "vitest";
import { cleanSheetName, copySheetName, isValidSheetName, uniqueSheetName } from "../../../src/core/sheets/names";

describe("sheet names", () => {
  it("knows Excel's rules", () => {
    expect(isValidSheetName("Targets")).toBe(true);
    expect(isValidSheetName("a".repeat(31))).toBe(true);
    expect(isValidSheetName("a".repeat(32))).toBe(false);
    for (const bad of ["", "a/b", "a[1]", "x:y", "*", "?", "a\\b", "'quoted'"]) expect(isValidSheetName(bad), bad).toBe(false);
    expect(cleanSheetName("Q3/Q4: plan?")).toBe("Q3_Q4_ plan_");
  });
  it("resolves clashes as Targets (2), Targets (3) …, ignoring case", () => {
    expect(uniqueSheetName("Targets", ["Actuals"])).toBe("Targets");
    expect(uniqueSheetName("Targets", ["targets"])).toBe("Targets (2)");
    expect(uniqueSheetName("Targets", ["Targets", "Targets (2)"])).toBe("Targets (3)");
    expect(uniqueSheetName("目标", ["目标"])).toBe("目标 (2)");
  });
  it("stays within 31 characters, shortening the base", () => {
    const long = "A very long sheet name of thirty";
    const name = uniqueSheetName(long, [cleanSheetName(long)]);
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name.endsWith(" (2)")).toBe(true);
    expect(copySheetName("Sales by region and month 2026", " (original)", [])).toBe("Sales by region and (original)");
    expect(copySheetName("Sheet1", " (original)", ["Sheet1 (original)"])).toBe("Sheet1 (original) (2)");
  });
});
