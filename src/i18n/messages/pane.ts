import type { Catalog } from "../index";

/** The task pane's strings. */
export const paneMessages: Catalog = {
  en: {
    "pane.title": "SalesPlan",
    "pane.preview": "Preview — not connected to Excel. Actions run on a sample workbook in this browser.",
    "pane.loading": "Connecting to the workbook…",
    "pane.workbook": "Workbook: {name}",
    "pane.workbookError": "Could not read the workbook: {error}. Close and reopen the pane.",
    "pane.functionsHint": "Type =PLAN. in any cell for the planning functions (variance, prorate, phase, PVM…).",
  },
  "zh-CN": {
    "pane.title": "销售计划",
    "pane.preview": "预览 — 未连接 Excel。操作在本浏览器中的示例工作簿上运行。",
    "pane.loading": "正在连接工作簿…",
    "pane.workbook": "工作簿：{name}",
    "pane.workbookError": "无法读取工作簿：{error}。请关闭并重新打开任务窗格。",
    "pane.functionsHint": "在任意单元格输入 =PLAN. 即可使用计划函数（差异、分摊、分解、价量结构分析等）。",
  },
};
