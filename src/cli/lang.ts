import { type Lang, normalizeLang } from "../i18n";

/** The CLI's message language: SALESPLAN_LANG, else the locale (LC_ALL, LANG); zh… → zh-CN, otherwise English. */
export function cliLang(env: NodeJS.ProcessEnv = process.env): Lang {
  return normalizeLang(env.SALESPLAN_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG);
}
