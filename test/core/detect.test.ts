/** Reading a user's sheet: header row, header → key mapping with confidence, table kind, language. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CONFIDENCE, detectHeader, guessKind, headerLanguage, isTotalsLabel, isTotalsRow, mapHeaderRow, matchHeader, parseConvertKind,
} from "../../src/core/detect";
import { TABLES } from "../../src/core/schema";

describe("matchHeader", () => {
  it("gives 1 for a key's own header as the template writes it, in English or Chinese", () => {
    expect(matchHeader("PlanTargets", "Goal ID")).toEqual({ key: "GoalID", confidence: 1 });
    expect(matchHeader("PlanTargets", "目标值")).toEqual({ key: "Target", confidence: 1 });
    expect(matchHeader("PlanActuals", " 日期 ")).toEqual({ key: "Date", confidence: 1 });
  });
  it("gives 0.9 for the header written another way (case, spaces, _, full width)", () => {
    for (const h of ["GoalID", "goal_id", "ＧｏａｌＩＤ", "GOAL  ID", "goal\u3000id"]) {
      expect(matchHeader("PlanTargets", h), h).toEqual({ key: "GoalID", confidence: CONFIDENCE.normalized });
    }
  });
  it("gives 0.8 for an alias", () => {
    expect(matchHeader("PlanTargets", "Quota")).toEqual({ key: "Target", confidence: 0.8 });
    expect(matchHeader("PlanTargets", "序号")).toEqual({ key: "GoalID", confidence: 0.8 });
    expect(matchHeader("PlanActuals", "Order date")).toEqual({ key: "Date", confidence: 0.8 });
    expect(matchHeader("PlanActuals", "业务员")).toEqual({ key: "Rep", confidence: 0.8 });
    expect(matchHeader("PlanActuals", "客户名称")).toEqual({ key: "Customer", confidence: 0.8 });
  });
  it("maps nothing else: no fuzzy matching", () => {
    expect(matchHeader("PlanTargets", "Target (USD)")).toBeNull();
    expect(matchHeader("PlanTargets", "备注")).toBeNull();
    expect(matchHeader("PlanTargets", "")).toBeNull();
    expect(matchHeader("PlanTargets", "   ")).toBeNull();
  });
  it("lets a key's own header win over another key's alias in the same table", () => {
    // "Due" is End's alias in PlanTargets, but the Due key's own header in PlanActions.
    expect(matchHeader("PlanTargets", "Due")).toEqual({ key: "End", confidence: 0.8 });
    expect(matchHeader("PlanActions", "Due")).toEqual({ key: "Due", confidence: 1 });
  });
  it("maps every header of every table written in any case, spacing or width to its key (property)", () => {
    const variants = fc.constantFrom(...Object.values(TABLES).flatMap((t) => t.columns.flatMap((c) => [c.en, c.zh].map((h) => ({ table: t.name, key: c.key, h })))));
    fc.assert(
      fc.property(variants, fc.boolean(), fc.boolean(), fc.boolean(), ({ table, key, h }, upper, wide, spaced) => {
        let v = upper ? h.toUpperCase() : h.toLowerCase();
        if (wide) v = v.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        if (spaced) v = ` ${v.split("").join("_")} `;
        const m = matchHeader(table, v);
        expect(m?.key).toBe(key);
        expect(m!.confidence).toBeGreaterThanOrEqual(0.9);
      }),
    );
  });
});

describe("mapHeaderRow", () => {
  it("uses each key once: the first column naming it wins, a later one stays unmapped", () => {
    const m = mapHeaderRow("PlanTargets", ["Target", "Quota", "目标值", null, 2026, "Notes"]);
    expect(m.map((x) => [x.header, x.key, x.confidence])).toEqual([
      ["Target", "Target", 1],
      ["Quota", null, 0],
      ["目标值", null, 0],
      ["", null, 0],
      ["2026", null, 0],
      ["Notes", null, 0],
    ]);
  });
});

describe("detectHeader", () => {
  it("skips title rows and merged titles: the header row has the most mapped cells", () => {
    const found = detectHeader({
      origin: { row: 1, col: 1 },
      values: [
        ["Sales targets 2026", null, null],
        ["Prepared by finance", null, null],
        [null, null, null],
        ["Goal", "Target", "Owner"],
        ["Grow revenue", 100, "Ann"],
      ],
    });
    expect(found).toMatchObject({ row: 4, kind: "targets", table: "PlanTargets" });
    expect(found!.mapping.map((m) => m.key)).toEqual(["Goal", "Target", "Owner"]);
  });
  it("counts rows from the sheet's own row numbers when the used range starts lower", () => {
    expect(detectHeader({ origin: { row: 5, col: 2 }, values: [["Date", "Amount"], [46_000, 5]] })!.row).toBe(5);
  });
  it("gives a tie to the earliest row", () => {
    const found = detectHeader({ origin: { row: 1, col: 1 }, values: [["Goal", "Owner"], ["Target", "Region"]] });
    expect(found!.row).toBe(1);
  });
  it("looks only at the first 20 rows of the worksheet", () => {
    // Row 21 would map two cells, but only rows 1–20 are looked at.
    const values: (string | null)[][] = Array.from({ length: 20 }, (_, i) => [i === 0 ? "Goal" : "note", null]);
    values.push(["Goal", "Target"]);
    expect(detectHeader({ origin: { row: 1, col: 1 }, values })!.row).toBe(1);
    values[0] = ["note", null];
    expect(detectHeader({ origin: { row: 1, col: 1 }, values })).toBeNull();
  });
  it("is null when no cell names a plan column", () => {
    expect(detectHeader({ origin: { row: 1, col: 1 }, values: [["foo", "bar"], [1, 2]] })).toBeNull();
    expect(detectHeader({ origin: { row: 1, col: 1 }, values: [] })).toBeNull();
  });
  it("counts only the asked kind's columns when the kind is given", () => {
    const values = [["Date", "Amount", "Region"], ["Goal", "Owner", "Due"]];
    expect(detectHeader({ origin: { row: 1, col: 1 }, values })!.row).toBe(1);
    expect(detectHeader({ origin: { row: 1, col: 1 }, values }, "actions")).toMatchObject({ row: 2, kind: "actions" });
  });
});

describe("guessKind", () => {
  it("picks the table with the most required keys mapped", () => {
    // A CRM export: Date and Value (required in PlanActuals) against no required key of PlanTargets.
    expect(guessKind(["Order date", "Customer", "Product", "Amount", "Sales rep", "Region"])).toBe("actuals");
    expect(guessKind(["序号", "销售目标", "考核指标", "目标金额", "起始日期", "截止日期", "负责人", "大区", "备注"])).toBe("targets");
    expect(guessKind(["Action", "Owner", "Due", "Status"])).toBe("actions");
    expect(guessKind(["Risk", "Likelihood", "Impact", "Owner"])).toBe("risks");
  });
  it("breaks a tie in required keys by columns mapped, then targets, actuals, actions, risks", () => {
    // PlanTargets maps 1 required key (End, by its alias Due); PlanActions maps 2 (Owner, Due).
    expect(guessKind(["Owner", "Due"])).toBe("actions");
    // "Region" alone: no required key anywhere; targets and actuals map one column each → targets first.
    expect(guessKind(["Region"])).toBe("targets");
  });
});

describe("language, totals rows and --as", () => {
  it("reads the headers' language from CJK characters against Latin letters", () => {
    expect(headerLanguage(["序号", "目标", "Owner"])).toBe("zh-CN");
    expect(headerLanguage(["ID", "Goal", "目标"])).toBe("en");
    expect(headerLanguage(["ID", "目标"])).toBe("en");
    expect(headerLanguage([])).toBe("en");
  });
  it("knows totals labels in English and Chinese", () => {
    for (const s of ["Total", "TOTAL", "Subtotal", "Sub-total", "Grand total", "Grand Total:", "合计", "总计", "小计", "合计："]) expect(isTotalsLabel(s), s).toBe(true);
    for (const s of ["Total revenue", "Totally", "计", "Region"]) expect(isTotalsLabel(s), s).toBe(false);
    expect(isTotalsRow([null, "  ", "Total", 500])).toBe(true);
    expect(isTotalsRow([46_000, "Total", 500])).toBe(false);
  });
  it("parses --as words and table names", () => {
    expect(parseConvertKind("Targets")).toBe("targets");
    expect(parseConvertKind("PlanActuals")).toBe("actuals");
    expect(parseConvertKind("phasing")).toBeNull();
  });
});
