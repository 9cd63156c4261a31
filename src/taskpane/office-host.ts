/**
 * What the task pane knows about its host: inside Excel (Office.js ready, host Excel) or
 * outside it (the browser preview, where Office.onReady resolves with host null).
 */
import { type Lang, normalizeLang } from "../i18n";

export interface HostInfo {
  inExcel: boolean;
  lang: Lang;
  /** Office theme: dark when the Office body background is dark. */
  dark: boolean;
}

/** Waits for Office.js (when loaded) and describes the host. */
export async function detectHost(): Promise<HostInfo> {
  const fallbackLang = normalizeLang(typeof navigator !== "undefined" ? navigator.language : "en");
  if (typeof Office === "undefined") return { inExcel: false, lang: fallbackLang, dark: false };
  const info = await Office.onReady();
  const inExcel = info.host === Office.HostType.Excel;
  const lang = inExcel ? normalizeLang(Office.context.displayLanguage) : fallbackLang;
  const bg = inExcel ? Office.context.officeTheme?.bodyBackgroundColor : undefined;
  return { inExcel, lang, dark: bg ? isDarkColor(bg) : false };
}

/** True when a #RRGGBB colour is dark (relative luminance below one half). */
export function isDarkColor(hex: string): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x!, 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}
