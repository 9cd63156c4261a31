import type { Catalog } from "../index";

/**
 * Messages of the validate action (task pane "Validate" page) and `salesplan validate`.
 * The findings' own sentences are in messages/smart.ts.
 */
export const validateMessages: Catalog = {
  en: {
    "validate.noPlan": "No plan in this workbook yet: insert a template or convert this sheet.",
    "validate.writeFailed": "The findings are below, but the SMART scores could not be written into PlanTargets ({reason}).",
    "validate.severity.error": "error",
    "validate.severity.warning": "warning",
    "validate.severity.info": "info",
    "validate.cli.description": "SMART and data findings of a plan workbook (the file is never written)",
    "validate.cli.file": "the plan workbook (.xlsx)",
    "validate.cli.json": "print one JSON document {file, goals, scores, findings} on stdout",
    "validate.cli.lang": "language of the messages, en or zh-CN (default: the workbook's Language setting)",
    "validate.cli.noPlan": "{file}: no PlanTargets table, so there is no plan to validate. Create one with `salesplan template` or `salesplan convert`.",
    "validate.cli.reading": "Reading {file}…",
    "validate.cli.heading": "{file}: goals checked: {goals}",
    "validate.cli.goal": "{goalId} (row {row}): SMART {score}/5",
    "validate.cli.unmet": "(unmet: {letters})",
    "validate.cli.noGoalId": "(no Goal ID)",
    "validate.cli.other": "Other findings",
    "validate.cli.none": "No findings.",
    "validate.cli.summary": "Goals: {goals} · SMART score 5: {s5}, 4: {s4}, 3: {s3}, 2: {s2}, 1: {s1}, 0: {s0} · errors: {errors}, warnings: {warnings}, info: {infos}",
  },
  "zh-CN": {
    "validate.noPlan": "此工作簿中还没有计划：请插入模板，或转换此工作表。",
    "validate.writeFailed": "检查结果如下，但 SMART 得分未能写入目标表（PlanTargets）（{reason}）。",
    "validate.severity.error": "错误",
    "validate.severity.warning": "警告",
    "validate.severity.info": "提示",
    "validate.cli.description": "检查计划工作簿的 SMART 与数据问题（从不改写文件）",
    "validate.cli.file": "计划工作簿（.xlsx）",
    "validate.cli.json": "在标准输出打印一个 JSON 文档 {file, goals, scores, findings}",
    "validate.cli.lang": "消息语言，en 或 zh-CN（默认：工作簿的 Language 设置）",
    "validate.cli.noPlan": "{file}：没有目标表（PlanTargets），无计划可检查。请用 `salesplan template` 或 `salesplan convert` 创建。",
    "validate.cli.reading": "正在读取 {file}…",
    "validate.cli.heading": "{file}：已检查 {goals} 个目标",
    "validate.cli.goal": "{goalId}（第 {row} 行）：SMART {score}/5",
    "validate.cli.unmet": "（未满足：{letters}）",
    "validate.cli.noGoalId": "（无目标编号）",
    "validate.cli.other": "其他问题",
    "validate.cli.none": "没有发现问题。",
    "validate.cli.summary": "{goals} 个目标 · SMART 得分 5：{s5}，4：{s4}，3：{s3}，2：{s2}，1：{s1}，0：{s0} · {errors} 个错误，{warnings} 个警告，{infos} 个提示",
  },
};
