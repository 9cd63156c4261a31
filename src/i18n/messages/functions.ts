import type { Catalog } from "../index";

/** Messages of the PLAN.* functions and their coercion layer. */
export const functionsMessages: Catalog = {
  en: {},
  "zh-CN": {},
};
