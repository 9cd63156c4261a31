/**
 * The Excel side of the wrappers: errors become CustomFunctions.Error (thrown for one cell,
 * inside the array for many), with a message only where Excel shows one (#VALUE!, #N/A).
 * Outside Excel CustomFunctions does not exist, so this installs a stand-in with the same shape.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { excelError } from "../../src/core/errors";

class FakeCustomFunctionsError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

beforeAll(() => {
  (globalThis as Record<string, unknown>).CustomFunctions = { Error: FakeCustomFunctionsError };
});
afterAll(() => {
  delete (globalThis as Record<string, unknown>).CustomFunctions;
});

describe("excel-result", async () => {
  const { toExcelMatrix, toExcelScalar, setFunctionsLang } = await import("../../src/functions/excel-result");
  const fns = await import("../../src/functions/functions");

  it("a single-cell error is thrown, with its message for #VALUE!", () => {
    setFunctionsLang("en");
    let thrown: unknown;
    try {
      toExcelScalar(excelError("#VALUE!", "fn.err.notSingleCell", { arg: "total" }));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(FakeCustomFunctionsError);
    expect(thrown).toMatchObject({ code: "#VALUE!", message: "total must be a single cell, not a range." });
  });
  it("messages follow the Office display language", () => {
    setFunctionsLang("zh-CN");
    expect(() => toExcelScalar(excelError("#VALUE!", "fn.err.notSingleCell", { arg: "total" }))).toThrow();
    try {
      toExcelScalar(excelError("#VALUE!", "fn.err.notSingleCell", { arg: "total" }));
    } catch (e) {
      expect((e as FakeCustomFunctionsError).message).toBe("total 必须是单个单元格，而不是区域。");
    }
    setFunctionsLang("en");
  });
  it("#DIV/0! carries no message (Excel shows none)", () => {
    try {
      toExcelScalar(excelError("#DIV/0!", "finance.targetZero"));
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: "#DIV/0!", message: undefined });
    }
  });
  it("errors inside a spilled array stay in their cells", () => {
    const r = toExcelMatrix([[1, excelError("#NUM!")], [null, "x"]]);
    expect(r[0]![0]).toBe(1);
    expect(r[0]![1]).toBeInstanceOf(FakeCustomFunctionsError);
    expect(r[1]).toEqual(["", "x"]);
  });
  it("the registered wrappers answer as the catalogue does", () => {
    expect(fns.prorate(1200, 46023, 46387, 46204, 46295)).toBe(302.4657534246575);
    expect(fns.variance([[80]], [[100]], [["lower"]])).toEqual([[20]]);
    expect(fns.status([[95], [100]], [[100]], null as never)).toEqual([["At risk"], ["On track"]]);
    expect(fns.smartgaps("East region revenue up 20%", "Revenue", 120, 100, 46023, 46387, null)).toBe("R");
    expect(() => fns.attainment([[1]], [[0]])).toThrow(FakeCustomFunctionsError as never);
  });
});
