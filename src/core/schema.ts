/**
 * The plan workbook schema v1 (../shared/spec/plan-workbook.md): six tables found by table
 * name, columns identified by canonical keys whose headers may be English or Chinese.
 */
import { type CellValue, isBlank, asNumber, asText } from "./cells";

export type TableName = "PlanTargets" | "PlanActuals" | "PlanActions" | "PlanRisks" | "PlanPhasing" | "PlanSettings";
export const TABLE_NAMES: readonly TableName[] = ["PlanTargets", "PlanActuals", "PlanActions", "PlanRisks", "PlanPhasing", "PlanSettings"];

export type ColumnType = "text" | "number" | "date" | "list" | "score" | "formula";

/** A bilingual list value: stored as typed, accepted in either language. */
export interface ListValue {
  en: string;
  zh: string;
}

export interface ColumnDef {
  key: string;
  en: string;
  zh: string;
  type: ColumnType;
  required: boolean;
  /** Extra names accepted when converting a user's own sheet. */
  aliases: readonly string[];
  list?: readonly ListValue[];
}

export interface TableDef {
  name: TableName;
  sheet: { en: string; zh: string };
  columns: readonly ColumnDef[];
  /** Prefix of generated IDs (`G-001`) and the key of the ID column, where the table has one. */
  id?: { key: string; prefix: string };
}

const col = (
  key: string, en: string, zh: string, type: ColumnType, required: boolean,
  aliases: readonly string[] = [], list?: readonly ListValue[],
): ColumnDef => (list ? { key, en, zh, type, required, aliases, list } : { key, en, zh, type, required, aliases });

const REGION_ALIASES = ["Territory", "Area", "地区", "大区"];
const PRODUCT_ALIASES = ["Product line", "Item group", "产品线"];
const SEGMENT_ALIASES = ["Customer type", "Channel", "客户群", "渠道"];
const REP_ALIASES = ["Salesperson", "Sales rep", "销售员", "业务员"];

export const METRICS: readonly ListValue[] = [
  { en: "Revenue", zh: "销售额" }, { en: "Units", zh: "销量" }, { en: "NewCustomers", zh: "新客户数" },
  { en: "Orders", zh: "订单数" }, { en: "GrossMargin", zh: "毛利" }, { en: "Cost", zh: "费用" },
];
export const DIRECTIONS: readonly ListValue[] = [{ en: "higher", zh: "越高越好" }, { en: "lower", zh: "越低越好" }];
export const ACTION_STATUSES: readonly ListValue[] = [
  { en: "Not started", zh: "未开始" }, { en: "In progress", zh: "进行中" }, { en: "Done", zh: "已完成" },
  { en: "Blocked", zh: "受阻" }, { en: "Cancelled", zh: "已取消" },
];
export const RISK_CATEGORIES: readonly ListValue[] = [
  { en: "Market", zh: "市场" }, { en: "Operational", zh: "运营" }, { en: "Financial", zh: "财务" },
  { en: "Compliance", zh: "合规" }, { en: "Other", zh: "其他" },
];
export const RISK_RESPONSES: readonly ListValue[] = [
  { en: "Avoid", zh: "规避" }, { en: "Transfer", zh: "转移" }, { en: "Mitigate", zh: "减轻" }, { en: "Accept", zh: "接受" },
];
export const RISK_STATUSES: readonly ListValue[] = [{ en: "Open", zh: "未关闭" }, { en: "Closed", zh: "已关闭" }];

export const MONTH_KEYS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

export const TABLES: Readonly<Record<TableName, TableDef>> = {
  PlanTargets: {
    name: "PlanTargets",
    sheet: { en: "Targets", zh: "目标" },
    id: { key: "GoalID", prefix: "G-" },
    columns: [
      col("GoalID", "Goal ID", "目标编号", "text", true, ["ID", "编号", "序号"]),
      col("Goal", "Goal", "目标", "text", true, ["Goal statement", "Objective text", "目标描述", "销售目标"]),
      col("Objective", "Objective", "战略目标", "text", false, ["Strategy", "Strategic objective", "战略", "关联战略"]),
      col("Metric", "Metric", "指标", "list", true, ["KPI", "Measure", "考核指标"], METRICS),
      col("Unit", "Unit", "单位", "text", false, ["Currency", "币种"]),
      col("Direction", "Direction", "方向", "list", false, ["指标方向"], DIRECTIONS),
      col("Baseline", "Baseline", "基线", "number", false, ["Last year", "Prior period", "上年实际", "基期"]),
      col("Target", "Target", "目标值", "number", true, ["Goal value", "Quota", "Budget", "目标金额", "指标值", "预算"]),
      col("Start", "Start", "开始日期", "date", true, ["Start date", "From", "起始日期"]),
      col("End", "End", "结束日期", "date", true, ["End date", "Due", "Deadline", "To", "截止日期"]),
      col("Owner", "Owner", "负责人", "text", false, ["Responsible", "Manager", "责任人"]),
      col("Region", "Region", "区域", "text", false, REGION_ALIASES),
      col("Product", "Product", "产品", "text", false, PRODUCT_ALIASES),
      col("Segment", "Segment", "客户类型", "text", false, SEGMENT_ALIASES),
      col("Rep", "Rep", "销售代表", "text", false, REP_ALIASES),
      col("Parent", "Parent", "上级目标", "text", false, ["Parent goal", "上级"]),
      col("Phasing", "Phasing", "分解方式", "text", false, ["Seasonality", "季节性"]),
    ],
  },
  PlanActuals: {
    name: "PlanActuals",
    sheet: { en: "Actuals", zh: "实际" },
    columns: [
      col("Date", "Date", "日期", "date", true, ["Order date", "Invoice date", "订单日期", "发票日期"]),
      col("Metric", "Metric", "指标", "list", true, ["KPI", "考核指标"], METRICS),
      col("Value", "Value", "数值", "number", true, ["Amount", "Sales", "金额", "销售额"]),
      col("Region", "Region", "区域", "text", false, REGION_ALIASES),
      col("Product", "Product", "产品", "text", false, PRODUCT_ALIASES),
      col("Segment", "Segment", "客户类型", "text", false, SEGMENT_ALIASES),
      col("Rep", "Rep", "销售代表", "text", false, REP_ALIASES),
      col("Customer", "Customer", "客户", "text", false, ["Client", "Account", "客户名称"]),
    ],
  },
  PlanActions: {
    name: "PlanActions",
    sheet: { en: "Actions", zh: "行动计划" },
    id: { key: "ActionID", prefix: "A-" },
    columns: [
      col("ActionID", "Action ID", "行动编号", "text", true),
      col("GoalID", "Goal ID", "目标编号", "text", false),
      col("Action", "Action", "行动", "text", true),
      col("Strategy", "Strategy", "策略", "text", false),
      col("Owner", "Owner", "负责人", "text", true),
      col("Start", "Start", "开始日期", "date", false),
      col("Due", "Due", "截止日期", "date", true),
      col("Status", "Status", "状态", "list", false, [], ACTION_STATUSES),
      col("Budget", "Budget", "预算", "number", false),
      col("Resources", "Resources", "资源", "text", false),
      col("Notes", "Notes", "备注", "text", false),
    ],
  },
  PlanRisks: {
    name: "PlanRisks",
    sheet: { en: "Risks", zh: "风险" },
    id: { key: "RiskID", prefix: "R-" },
    columns: [
      col("RiskID", "Risk ID", "风险编号", "text", true),
      col("GoalID", "Goal ID", "目标编号", "text", false),
      col("Risk", "Risk", "风险", "text", true),
      col("Category", "Category", "类别", "list", false, [], RISK_CATEGORIES),
      col("Likelihood", "Likelihood", "可能性", "score", true),
      col("Impact", "Impact", "影响", "score", true),
      col("Score", "Score", "评分", "formula", false),
      col("Response", "Response", "应对", "list", false, [], RISK_RESPONSES),
      col("Owner", "Owner", "负责人", "text", false),
      col("Status", "Status", "状态", "list", false, [], RISK_STATUSES),
      col("Due", "Due", "截止日期", "date", false),
    ],
  },
  PlanPhasing: {
    name: "PlanPhasing",
    sheet: { en: "Phasing", zh: "分解" },
    columns: [
      col("Profile", "Profile", "分解方式", "text", true),
      ...MONTH_KEYS.map((m, i) => col(m, m, `${i + 1}月`, "number", true)),
    ],
  },
  PlanSettings: {
    name: "PlanSettings",
    sheet: { en: "Settings", zh: "设置" },
    columns: [
      col("Key", "Key", "键", "text", true),
      col("Value", "Value", "值", "text", true),
      col("Description", "Description", "说明", "text", false),
    ],
  },
};

/**
 * Header comparison form: full-width → half-width (NFKC), lower case, without spaces
 * (including the ideographic space) and `_`. `Goal ID`, `GoalID`, `goal_id`, `ＧｏａｌＩＤ` agree.
 */
export function normalizeHeader(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[\s_\u3000]+/g, "");
}

/** The column of `table` whose English or Chinese header (or, with aliases, an alias) is `header`. */
export function columnForHeader(table: TableName, header: string, withAliases = false): ColumnDef | undefined {
  const h = normalizeHeader(header);
  if (h === "") return undefined;
  return TABLES[table].columns.find(
    (c) => normalizeHeader(c.en) === h || normalizeHeader(c.zh) === h || (withAliases && c.aliases.some((a) => normalizeHeader(a) === h)),
  );
}

/** A plan table as a port reads it: where it is and its cells, untouched. */
export interface RawTable {
  name: TableName;
  sheet: string;
  /** 1-based worksheet row of the header row; data row i sits at headerRow + 1 + i. */
  headerRow: number;
  /** 1-based worksheet column of the table's first column. */
  firstCol: number;
  headers: readonly string[];
  rows: readonly (readonly CellValue[])[];
  /** Columns whose cells are formulas (ignored when deciding whether a row is blank). */
  formulaColumns?: readonly boolean[];
}

/** The plan tables a workbook holds; a missing table is absent. */
export type RawTables = Partial<Record<TableName, RawTable>>;

/** One non-blank data row of a bound table. */
export interface BoundRow {
  /** 1-based worksheet row. */
  row: number;
  cells: readonly CellValue[];
}

/** A raw table with its columns resolved to canonical keys. */
export interface BoundTable {
  raw: RawTable;
  def: TableDef;
  /** Key → 0-based index into a row's cells; absent when the column is missing. */
  index: Readonly<Record<string, number>>;
  /** Required keys with no column. */
  missing: readonly string[];
  /** Data rows that are not blank (blank rows are ignored everywhere). */
  rows: readonly BoundRow[];
}

/** Resolves a raw table's headers to keys (first matching column wins) and drops blank rows. */
export function bindTable(raw: RawTable): BoundTable {
  const def = TABLES[raw.name];
  const index: Record<string, number> = {};
  raw.headers.forEach((h, i) => {
    const c = columnForHeader(raw.name, h);
    if (c && index[c.key] === undefined) index[c.key] = i;
  });
  const smartCol = raw.headers.findIndex((h) => normalizeHeader(h) === "smart");
  const ignored = new Set<number>();
  raw.formulaColumns?.forEach((f, i) => f && ignored.add(i));
  if (smartCol >= 0) ignored.add(smartCol);
  if (index.Score !== undefined && raw.name === "PlanRisks") ignored.add(index.Score);
  const rows: BoundRow[] = [];
  raw.rows.forEach((cells, i) => {
    if (cells.some((v, c) => !ignored.has(c) && !isBlank(v))) rows.push({ row: raw.headerRow + 1 + i, cells });
  });
  const missing = def.columns.filter((c) => c.required && index[c.key] === undefined).map((c) => c.key);
  return { raw, def, index, missing, rows };
}

/** The cell of `key` in a bound row, or null when the table has no such column. */
export function cellOf(t: BoundTable, r: BoundRow, key: string): CellValue {
  const i = t.index[key];
  return i === undefined ? null : (r.cells[i] ?? null);
}

/** A1 address of a bound row's `key` cell (for findings and selection); the header when the column is missing. */
export function addressOf(t: BoundTable, row: number, key: string): string {
  const i = t.index[key];
  return columnLetter(t.raw.firstCol + (i ?? 0)) + String(i === undefined ? t.raw.headerRow : row);
}

/** Column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Whether `value` is a list entry in English or Chinese, compared ignoring case; returns the entry. */
export function listEntry(list: readonly ListValue[], value: CellValue): ListValue | undefined {
  const s = asText(value);
  if (s === null) return undefined;
  const n = s.toLowerCase();
  return list.find((e) => e.en.toLowerCase() === n || e.zh === s);
}

/** Plan settings with the spec's defaults. */
export interface PlanSettings {
  fiscalYearStartMonth: number;
  atRiskThreshold: number;
  maxGrowth: number;
  language: "en" | "zh-CN";
  currency: string | null;
}

export const DEFAULT_SETTINGS: Readonly<PlanSettings> = {
  fiscalYearStartMonth: 1, atRiskThreshold: 0.9, maxGrowth: 0.5, language: "en", currency: null,
};

/** A setting that could not be used, and the default taken instead. */
export interface SettingProblem {
  key: string;
  row: number;
  value: string;
}

/** Reads PlanSettings (keys compared as headers are); a missing or bad setting takes its default. */
export function readSettings(raw: RawTable | undefined): { settings: PlanSettings; problems: SettingProblem[] } {
  const settings: PlanSettings = { ...DEFAULT_SETTINGS };
  const problems: SettingProblem[] = [];
  if (!raw) return { settings, problems };
  const t = bindTable(raw);
  for (const r of t.rows) {
    const key = normalizeHeader(asText(cellOf(t, r, "Key")) ?? "");
    const v = cellOf(t, r, "Value");
    const num = asNumber(v) ?? (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null);
    const bad = () => problems.push({ key, row: r.row, value: asText(v) ?? "" });
    switch (key) {
      case "fiscalyearstartmonth":
        if (num !== null && Number.isInteger(num) && num >= 1 && num <= 12) settings.fiscalYearStartMonth = num;
        else if (!isBlank(v)) bad();
        break;
      case "atriskthreshold":
        if (num !== null && num > 0 && num <= 1) settings.atRiskThreshold = num;
        else if (!isBlank(v)) bad();
        break;
      case "maxgrowth":
        if (num !== null && num > 0 && num <= 10) settings.maxGrowth = num;
        else if (!isBlank(v)) bad();
        break;
      case "language": {
        const s = (asText(v) ?? "").toLowerCase();
        if (s.startsWith("zh") || s === "中文") settings.language = "zh-CN";
        else if (s === "en" || s.startsWith("en-") || s === "english" || s === "") settings.language = "en";
        else bad();
        break;
      }
      case "currency":
        settings.currency = asText(v);
        break;
      default:
        break;
    }
  }
  return { settings, problems };
}
