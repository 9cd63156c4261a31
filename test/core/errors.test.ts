import { describe, expect, it } from "vitest";
import { geTol, leTol, gtTol, ltTol, excelError, isError } from "../../src/core/errors";

describe("threshold tolerance", () => {
  it("a value exactly at the threshold does not cross it through floating point", () => {
    // 0.9 computed as 0.3 * 3 is 0.8999999999999999 in binary floating point
    expect(0.3 * 3 < 0.9).toBe(true);
    expect(geTol(0.3 * 3, 0.9)).toBe(true);
    expect(ltTol(0.3 * 3, 0.9)).toBe(false);
    expect(leTol(0.1 + 0.2, 0.3)).toBe(true);
    expect(gtTol(0.1 + 0.2, 0.3)).toBe(false);
  });
  it("a real difference still counts", () => {
    expect(geTol(0.8999, 0.9)).toBe(false);
    expect(gtTol(1.0001, 1)).toBe(true);
  });
  it("error values are recognised", () => {
    expect(isError(excelError("#N/A"))).toBe(true);
    expect(isError({ code: "#N/A" })).toBe(false);
    expect(isError(null)).toBe(false);
  });
});
