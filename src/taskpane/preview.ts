/**
 * The browser preview's workbooks (outside Office the pane runs on an in-memory workbook):
 * - `sample`: the sample plan, as "Insert template › with sample" makes it (the default);
 * - `own`: one hand-kept target sheet (title rows, a merged title, a header the mapping does
 *   not know, a text date, a totals row): what "Convert this sheet" is for;
 * - `empty`: a new workbook with one empty sheet.
 * Text is in the pane's language, dates around today, so every page has something to show.
 */
import { serialFromYmd, todaySerial, ymdFromSerial } from "../core/dates";
import { type MemoryWorkbook, type SeedCell, memoryWorkbook } from "../ports/memory";
import { insertTemplate } from "../actions/insert-template";
import { type Lang, t } from "../i18n";

export type PreviewScenario = "sample" | "own" | "empty";
export const PREVIEW_SCENARIOS: readonly PreviewScenario[] = ["sample", "own", "empty"];

/** Parses a scenario name (URL `?preview=`), or null. */
export function parseScenario(s: string | null | undefined): PreviewScenario | null {
  return PREVIEW_SCENARIOS.find((x) => x === s) ?? null;
}

/** The sheet `own` holds: its name and cells (row 1 = the title). */
export function ownSheetSeed(lang: Lang, today: number): { name: string; cells: SeedCell[][] } {
  const { y } = ymdFromSerial(today);
  const d = (m: number, day: number): SeedCell => ({ date: serialFromYmd(y, m, day) });
  const zh = lang === "zh-CN";
  const row = (goal: string, owner: string, target: number, from: SeedCell, to: SeedCell, note: string): SeedCell[] => [goal, owner || null, target, from, to, note || null];
  const rows = zh
    ? [
        row(`华东区域 ${y} 财年销售额达到 6,000,000，来自重点客户`, "王伟", 6_000_000, d(1, 1), d(12, 31), "董事会已批准"),
        row("上半年在华北区域新增 40 家客户", "李娜", 40, d(1, 1), d(6, 30), ""),
        row("提高销售", "", 1_000_000, d(1, 1), d(12, 31), "待细化"),
        row("专业版产品折扣率降至 8%", "张强", 0.08, d(4, 1), `${y}-09-30`, "日期是文本"),
      ]
    : [
        row(`East region revenue 6,000,000 in FY${y} from key accounts`, "Alex Chen", 6_000_000, d(1, 1), d(12, 31), "Board approved"),
        row("Win 40 new customers in the North region by June", "Maria Lopez", 40, d(1, 1), d(6, 30), ""),
        row("Grow sales", "", 1_000_000, d(1, 1), d(12, 31), "to refine"),
        row("Cut the discount rate on Pro products to 8%", "Sam Patel", 0.08, d(4, 1), `${y}-09-30`, "date typed as text"),
      ];
  const headers = zh
    ? ["销售目标", "责任人", "目标金额", "起始日期", "完成时间", "备注"]
    : ["Goal", "Owner", "Target", "From", "Finish by", "Comments"];
  const first = 5;
  const last = first + rows.length - 1;
  return {
    name: zh ? "我的目标" : "My targets",
    cells: [
      [zh ? `华东团队 — ${y} 年销售目标` : `East team — sales targets ${y}`, null, null, null, null, null],
      [zh ? "由王伟维护，每月更新" : "Kept by Alex Chen, updated monthly", null, null, null, null, null],
      [],
      headers,
      ...rows,
      [zh ? "合计" : "Total", null, { f: `SUM(C${first}:C${last})`, v: rows.reduce((s, r) => s + (r[2] as number), 0) }, null, null, null],
    ],
  };
}

/** A new preview workbook for a scenario, in `lang`. */
export async function previewWorkbook(scenario: PreviewScenario, lang: Lang, today = todaySerial()): Promise<MemoryWorkbook> {
  const name = t(lang, "pane.preview.fileName");
  if (scenario === "own") {
    const own = ownSheetSeed(lang, today);
    return memoryWorkbook({ name, sheets: [{ name: own.name, cells: own.cells, merges: ["A1:F1"], numberFormats: { "C5:C7": "#,##0", C8: "0%", C9: "#,##0" } }] });
  }
  if (scenario === "empty") return memoryWorkbook({ name, sheets: [{ name: "Sheet1" }] });
  const wb = memoryWorkbook({ name, sheets: [] });
  const r = await insertTemplate(wb, { lang, sample: true, today });
  if (!r.ok) throw new Error(`sample plan: ${r.error.key}`);
  return wb;
}
