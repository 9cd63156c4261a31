/** Sheet names: Excel's rules, and never taking a name that exists. */
import { describe, expect, it } from "vitest";
import { cleanSheetName, copySheetName, isReservedSheetName, isValidSheetName, uniqueSheetName } from "../../../src/core/sheets/names";

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
  it("counts length as Excel does, in UTF-16 code units, and never cuts an emoji in half", () => {
    // "📈" is one code point but two UTF-16 code units: 15 of them are 30 units, 16 are 32.
    expect(isValidSheetName("📈".repeat(15))).toBe(true);
    expect(isValidSheetName("📈".repeat(16))).toBe(false);
    // 31 units would end inside the 16th emoji: the cut keeps 15 (30 units).
    expect(cleanSheetName("📈".repeat(20))).toBe("📈".repeat(15));
    // "Plan" (4) + 13 emoji (26) = 30 units; with " (2)" (4) the base gets 27 units: "Plan" + 11 emoji = 26 (a 12th would need 28).
    const clash = "Plan" + "📈".repeat(13);
    expect(uniqueSheetName(clash, [clash])).toBe("Plan" + "📈".repeat(11) + " (2)");
    // A lone surrogate cannot be saved in a file: it becomes "_".
    expect(cleanSheetName("a\ud800b")).toBe("a_b");
    expect(isValidSheetName("a\ud800b")).toBe(false);
  });
  it("never gives Excel's reserved name History, nor a blank name", () => {
    expect(isReservedSheetName("history")).toBe(true);
    expect(isValidSheetName("History")).toBe(false);
    expect(isValidSheetName("HISTORY")).toBe(false);
    expect(isValidSheetName("History 2026")).toBe(true);
    expect(uniqueSheetName("History", [])).toBe("History (2)");
    expect(isValidSheetName("   ")).toBe(false);
    expect(cleanSheetName("   ")).toBe("Sheet");
    expect(cleanSheetName("'''")).toBe("Sheet");
    expect(cleanSheetName("[]")).toBe("__");
  });
  it("keeps quotes and apostrophes inside a name, and drops them only at its ends", () => {
    expect(isValidSheetName(`Bob's "plan"`)).toBe(true);
    expect(cleanSheetName("'Bob's plan'")).toBe("Bob's plan");
    // Cut at 31 characters, a name must not end with the apostrophe the cut exposed.
    expect(cleanSheetName(`${"a".repeat(30)}'b`)).toBe("a".repeat(30));
    expect(uniqueSheetName("'Targets'", ["Targets"])).toBe("Targets (2)");
  });
});
