import { describe, expect, it } from "vitest";
import { allMessages, normalizeLang, t } from "../../src/i18n";

describe("i18n catalogs", () => {
  const m = allMessages();
  it("every English message has a Chinese one and vice versa", () => {
    const en = Object.keys(m.en).sort();
    const zh = Object.keys(m["zh-CN"]).sort();
    expect(en.filter((k) => !(k in m["zh-CN"]))).toEqual([]);
    expect(zh.filter((k) => !(k in m.en))).toEqual([]);
  });
  it("translations keep every {slot} of the English text", () => {
    // A Chinese text may use a Chinese variant of a parameter: {monthsZh} for {months}, {zh} for {en}.
    const canon = (n: string) => (n === "zh" ? "en" : n.replace(/Zh$/, ""));
    const slots = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((x) => canon(x[1]!)))].sort();
    const bad = Object.keys(m.en).filter((k) => JSON.stringify(slots(m.en[k]!)) !== JSON.stringify(slots(m["zh-CN"][k] ?? "")));
    expect(bad).toEqual([]);
  });
  it("Chinese messages are Chinese", () => {
    const notChinese = Object.entries(m["zh-CN"]).filter(([, v]) => !/[\u4e00-\u9fff]/.test(v) && v.length > 12).map(([k]) => k);
    expect(notChinese).toEqual([]);
  });
  it("fills slots and falls back to English, then to the key", () => {
    expect(t("en", "fn.err.notSingleCell", { arg: "total" })).toBe("total must be a single cell, not a range.");
    expect(t("zh-CN", "fn.err.notSingleCell", { arg: "total" })).toBe("total 必须是单个单元格，而不是区域。");
    expect(t("en", "no.such.key")).toBe("no.such.key");
  });
  it("maps Office locales to a language", () => {
    expect(normalizeLang("zh-CN")).toBe("zh-CN");
    expect(normalizeLang("zh-Hans")).toBe("zh-CN");
    expect(normalizeLang("zh_CN.UTF-8")).toBe("zh-CN");
    expect(normalizeLang("en-US")).toBe("en");
    expect(normalizeLang("C.UTF-8")).toBe("en");
    expect(normalizeLang(undefined)).toBe("en");
  });
});
