/**
 * What the task pane knows about its host: inside Excel (Office.js ready, host Excel) or
 * outside it (the browser preview, where Office.onReady resolves with host null, or office.js
 * is absent), the display language and the Office theme.
 */
import { type Lang, normalizeLang } from "../i18n";

/** The Office theme's colours (Office.context.officeTheme), or the preview's choice. */
export interface PaneTheme {
  dark: boolean;
  /** Office's body background and foreground (#RRGGBB), when Office gives them. */
  background?: string;
  foreground?: string;
}

export interface HostInfo {
  inExcel: boolean;
  /** The Office display language (inside Excel) or the browser's. */
  lang: Lang;
  theme: PaneTheme;
}

const LANG_STORAGE_KEY = "salesplan.paneLang";

/** Waits for Office.js (when loaded) and describes the host. */
export async function detectHost(): Promise<HostInfo> {
  const browserLang = normalizeLang(typeof navigator !== "undefined" ? navigator.language : "en");
  const browserTheme: PaneTheme = { dark: prefersDark() };
  if (typeof Office === "undefined") return { inExcel: false, lang: browserLang, theme: browserTheme };
  // Office.onReady resolves with host null outside Office; guard against a page that never
  // becomes ready (office.js loaded but blocked) so the preview still starts.
  const info = await Promise.race([
    Office.onReady(),
    new Promise<{ host: null }>((resolve) => setTimeout(() => resolve({ host: null }), 5000)),
  ]);
  const inExcel = info.host === Office.HostType.Excel;
  if (!inExcel) return { inExcel, lang: browserLang, theme: browserTheme };
  return { inExcel, lang: normalizeLang(Office.context.displayLanguage), theme: officeTheme() ?? browserTheme };
}

/** The Office theme now (Office.context.officeTheme: ExcelApi-independent, Office 2016+), or null. */
export function officeTheme(): PaneTheme | null {
  try {
    const th = Office.context.officeTheme;
    if (!th?.bodyBackgroundColor) return null;
    return { dark: isDarkColor(th.bodyBackgroundColor), background: th.bodyBackgroundColor, foreground: th.bodyForegroundColor };
  } catch {
    return null;
  }
}

/**
 * Calls `onChange` when the Office theme changes (Office.EventType.OfficeThemeChanged, where the
 * host supports it; elsewhere the theme is read when the pane opens). Returns an unsubscribe.
 */
export function watchOfficeTheme(onChange: (theme: PaneTheme) => void): () => void {
  const handler = () => {
    const th = officeTheme();
    if (th) onChange(th);
  };
  try {
    Office.context.document.addHandlerAsync(Office.EventType.OfficeThemeChanged, handler);
    return () => {
      try {
        Office.context.document.removeHandlerAsync(Office.EventType.OfficeThemeChanged, { handler });
      } catch {
        /* not supported by this host */
      }
    };
  } catch {
    return () => undefined;
  }
}

function prefersDark(): boolean {
  try {
    return typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches;
  } catch {
    return false;
  }
}

/** The pane's language: `?lang=` in the URL, else the user's choice saved in Settings, else the host's. */
export function initialLang(host: HostInfo, search = typeof location !== "undefined" ? location.search : ""): Lang {
  const fromUrl = new URLSearchParams(search).get("lang");
  if (fromUrl) return normalizeLang(fromUrl);
  const saved = readStoredLang();
  return saved ?? host.lang;
}

/** The language chosen in Settings on this machine, or null. */
export function readStoredLang(): Lang | null {
  try {
    const v = localStorage.getItem(LANG_STORAGE_KEY);
    return v ? normalizeLang(v) : null;
  } catch {
    return null;
  }
}

/** Remembers the language chosen in Settings (storage may be unavailable: then it lasts this session). */
export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    /* storage blocked */
  }
}

/** True when a #RRGGBB colour is dark (relative luminance below one half). */
export function isDarkColor(hex: string): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x!, 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

/** The active worksheet's name in Excel (Worksheet collection getActiveWorksheet: ExcelApi 1.1). */
export async function excelActiveSheet(): Promise<string | null> {
  return Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getActiveWorksheet().load("name");
    await ctx.sync();
    return ws.name;
  });
}
