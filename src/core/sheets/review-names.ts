/**
 * Names of a period's review sheet and of its goal table. The sheet is `Review <label>`
 * (`复盘 <label>` in zh-CN), so however a period is typed (`2026年第三季度`, `2026-Q3`) its
 * canonical label finds the same sheet.
 */
import { type Lang, t } from "../../i18n";
import { cleanSheetName } from "./names";

/** The review sheet's name for a canonical period label: `Review 2026-Q3` / `复盘 2026-Q3` (≤ 31 characters, none of `[]:*?/\`). */
export function reviewSheetName(label: string, lang: Lang): string {
  return cleanSheetName(`${t(lang, "review.sheetPrefix")} ${label}`);
}

/**
 * The Excel table name of a review's goal table: `Review_2026_Q3` (en) or `ReviewZh_2026_Q3`
 * (zh-CN), so an English and a Chinese review of one period can live in one workbook
 * (table names are unique in a workbook; they hold letters, digits, `_` and `.`).
 */
export function reviewTableName(label: string, lang: Lang): string {
  return `${lang === "zh-CN" ? "ReviewZh" : "Review"}_${label.replace(/[^A-Za-z0-9_.]/g, "_")}`.slice(0, 255);
}
