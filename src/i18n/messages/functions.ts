import type { Catalog } from "../index";

/** Messages of the PLAN.* functions' coercion layer (argument problems). */
export const functionsMessages: Catalog = {
  en: {
    "fn.err.notSingleCell": "{arg} must be a single cell, not a range.",
    "fn.err.notFinite": "{arg} is not a finite number.",
    "fn.err.notNumber": "{arg} must be a number, but it is the text \"{value}\"; type the number without quotes or fix the cell.",
    "fn.err.notDate": "{arg} \"{value}\" is not a date; use a date cell, DATE(2026,9,30) or text like 2026-09-30.",
    "fn.err.dateRange": "{arg} must be a day from 1900-03-01 to 9999-12-31.",
    "fn.err.emptyRange": "A range argument is empty.",
    "fn.err.shapeMismatch": "Two ranges have different shapes ({a} and {b}); give ranges of the same size, or a single cell.",
    "fn.err.weightsShape": "weights must be 12 cells (Jan…Dec) in one row or column, not {shape}.",
    "fn.err.weightsText": "weights for month {month} is text; use numbers (blank counts as 0).",
    "fn.err.weightsNegative": "weights for month {month} is negative; weights must be 0 or more.",
    "fn.err.pvmShape": "actualPrice, actualVolume, targetPrice and targetVolume must be ranges of the same shape, one cell per product.",
    "fn.err.maxGrowthRange": "maxGrowth must be above 0 and at most 10 (0.5 means 50%); got {value}.",
  },
  "zh-CN": {
    "fn.err.notSingleCell": "{arg} 必须是单个单元格，而不是区域。",
    "fn.err.notFinite": "{arg} 不是有限的数字。",
    "fn.err.notNumber": "{arg} 必须是数字，但它是文本“{value}”；请输入不带引号的数字或修正该单元格。",
    "fn.err.notDate": "{arg}“{value}”不是日期；请使用日期单元格、DATE(2026,9,30) 或 2026-09-30 这样的文本。",
    "fn.err.dateRange": "{arg} 必须是 1900-03-01 至 9999-12-31 之间的日期。",
    "fn.err.emptyRange": "区域参数为空。",
    "fn.err.shapeMismatch": "两个区域的形状不同（{a} 与 {b}）；请使用相同大小的区域或单个单元格。",
    "fn.err.weightsShape": "weights 必须是一行或一列中的 12 个单元格（1 月…12 月），而不是 {shape}。",
    "fn.err.weightsText": "第 {month} 月的权重是文本；请使用数字（空白计为 0）。",
    "fn.err.weightsNegative": "第 {month} 月的权重为负数；权重必须大于或等于 0。",
    "fn.err.pvmShape": "actualPrice、actualVolume、targetPrice 和 targetVolume 必须是形状相同的区域，每个产品一个单元格。",
    "fn.err.maxGrowthRange": "maxGrowth 必须大于 0 且不超过 10（0.5 表示 50%）；当前为 {value}。",
  },
};
