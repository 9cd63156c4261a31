import type { Catalog } from "../index";

const FORMS_EN =
  "2026, FY2026, FY26, 2026-H1, FY2026-H1, 2026-Q3, Q3 2026, FY2026-Q3, 2026-09, 2026年, 2026财年, 2026年上半年, 2026年第三季度, 2026年9月, 2026-07-01..2026-09-30, or MTD, QTD, YTD, FQTD, FYTD";
const FORMS_ZH =
  "2026、2026年、2026年度、FY2026、FY26、2026财年、2026-H1、2026年上半年、2026财年上半年、2026-Q3、Q3 2026、2026年第三季度、FY2026-Q3、2026财年第三季度、2026-09、2026年9月、2026-07-01..2026-09-30，或 MTD、QTD、YTD、FQTD、FYTD";

/** Messages of the period grammar (review.md) and PLAN.PERIODSTART / PLAN.PERIODEND. */
export const periodsMessages: Catalog = {
  en: {
    "periods.invalid": `“{input}” is not a period. Use ${FORMS_EN}.`,
    "periods.rangeReversed": `The range “{input}” ends before it starts. Use ${FORMS_EN}.`,
    "periods.toDateNotAllowed": `{input} has no fixed start or end; give a fixed period: ${FORMS_EN.replace(/, or MTD.*$/, "")}.`,
    "periods.asOfRequired": "{input} needs an as-of date.",
    "periods.badFiscalStartMonth": "The fiscal year start month must be a whole number from 1 to 12, not {value}.",
    "periods.dateOutOfRange": "The date must be a day from 1900-03-01 to 9999-12-31, not {value}.",
    "periods.outOfRange": "The period {label} has days outside 1900-03-01 … 9999-12-31.",
    "periods.badOffset": "The period offset must be a whole number, not {value}.",
  },
  "zh-CN": {
    "periods.invalid": `“{input}”不是有效的期间。可用：${FORMS_ZH}。`,
    "periods.rangeReversed": `日期范围“{input}”的结束早于开始。可用：${FORMS_ZH}。`,
    "periods.toDateNotAllowed": `{input} 没有固定的起止日期，请给出固定期间：${FORMS_ZH.replace(/，或 MTD.*$/, "")}。`,
    "periods.asOfRequired": "{input} 需要截至日期。",
    "periods.badFiscalStartMonth": "财年起始月必须是 1 到 12 的整数，而不是 {value}。",
    "periods.dateOutOfRange": "日期必须在 1900-03-01 到 9999-12-31 之间，而不是 {value}。",
    "periods.outOfRange": "期间 {label} 有日期超出 1900-03-01 … 9999-12-31。",
    "periods.badOffset": "期间偏移必须是整数，而不是 {value}。",
  },
};
