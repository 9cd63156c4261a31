import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { countWords, isVague } from "../../../src/core/smart/words";

describe("countWords (SMART S2)", () => {
  it("counts Latin/number words between spaces", () => {
    expect(countWords("Grow sales")).toEqual({ words: 2, cjk: 0 });
    expect(countWords("Q4 2023 revenue 5,000,000, 30% from new customers")).toEqual({ words: 8, cjk: 0 });
    expect(countWords("Grow-sales   fast")).toEqual({ words: 2, cjk: 0 });
    expect(countWords(" - % ")).toEqual({ words: 0, cjk: 0 });
  });
  it("counts CJK characters one by one, not punctuation", () => {
    expect(countWords("提升华东区销量")).toEqual({ words: 0, cjk: 7 });
    expect(countWords("销量，增长")).toEqual({ words: 0, cjk: 4 });
  });
  it("splits Latin runs at CJK characters and counts both", () => {
    // "Q4" and "FY2026" are words; 销售额 are 3 CJK characters
    expect(countWords("Q4销售额 FY2026")).toEqual({ words: 2, cjk: 3 });
    // full-width letters count as the same word
    expect(countWords("ＫＰＩ")).toEqual({ words: 1, cjk: 0 });
  });
  it("is vague below 3 words and below 4 CJK characters; either script alone suffices", () => {
    expect(isVague("Grow sales")).toBe(true);
    expect(isVague("Grow East sales")).toBe(false);
    expect(isVague("提销量")).toBe(true);
    expect(isVague("提升销量")).toBe(false);
    expect(isVague("Q4 销售额")).toBe(true); // 1 word, 3 CJK: the two counts are not added
    expect(isVague("")).toBe(true);
  });
  it("adding a word never makes a statement vaguer", () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^[a-z]{1,8}$/), (s, w) => {
        const before = countWords(s);
        const after = countWords(`${s} ${w}`);
        return after.words === before.words + 1 && after.cjk === before.cjk && (!isVague(s) ? !isVague(`${s} ${w}`) : true);
      }),
    );
  });
});
