/**
 * Every user-visible string, in English and Simplified Chinese. Each area keeps its own
 * catalog under messages/ (functions, smart, review, …) and registers it here, so nothing
 * is hard-coded in components, sheet specs or CLI output. Templates use `{name}` slots.
 */
import type { Msg } from "../core/errors";
import { functionsMessages } from "./messages/functions";
import { paneMessages } from "./messages/pane";
import { periodsMessages } from "./messages/periods";
import { financeMessages } from "./messages/finance";
import { smartMessages } from "./messages/smart";
import { planMessages } from "./messages/plan";
import { reviewMessages } from "./messages/review";
import { excelMessages } from "./messages/excel";
import { validateMessages } from "./messages/validate";
import { cliReviewMessages } from "./messages/cli-review";

export type Lang = "en" | "zh-CN";
export const LANGS: readonly Lang[] = ["en", "zh-CN"];

/** One area's strings: the same keys in both languages. */
export type Catalog = Record<Lang, Record<string, string>>;

const catalogs: Catalog[] = [functionsMessages, paneMessages, financeMessages, periodsMessages, smartMessages, planMessages, excelMessages, validateMessages, reviewMessages, cliReviewMessages];

const merged: Record<Lang, Record<string, string>> = { en: {}, "zh-CN": {} };
for (const c of catalogs) {
  Object.assign(merged.en, c.en);
  Object.assign(merged["zh-CN"], c["zh-CN"]);
}

/** The catalogs merged, for the completeness test. */
export function allMessages(): Readonly<Record<Lang, Readonly<Record<string, string>>>> {
  return merged;
}

/** Maps an Office or OS locale (`zh-CN`, `zh-Hans`, `zh`, `en-US`, `中文`) to a supported language. */
export function normalizeLang(locale: string | null | undefined): Lang {
  const s = (locale ?? "").trim().toLowerCase();
  return s.startsWith("zh") || s === "中文" || s === "chinese" ? "zh-CN" : "en";
}

/** The string for `key` in `lang` with `{name}` slots filled; the key itself when unknown. */
export function t(lang: Lang, key: string, params?: Record<string, string | number>): string {
  const template = merged[lang][key] ?? merged.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** Renders a core message in `lang`. */
export function render(lang: Lang, msg: Msg): string {
  return t(lang, msg.key, msg.params);
}
