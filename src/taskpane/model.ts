/**
 * The pane's state outside React, shared by the pane and the ribbon commands: the services
 * over the workbook, one store per action, the page shown, and (in the browser preview) the
 * in-memory workbook. A session holds the current model (the preview can start over on a new
 * workbook), the language and the theme.
 */
import type { Lang } from "../i18n";
import type { MemoryWorkbook } from "../ports/memory";
import type { PaneTheme } from "./office-host";
import type { PreviewScenario } from "./preview";
import type { ConvertDone, GenerateReviewDone, InsertTemplateDone, PaneServices, SettingsSaved, ValidateDone } from "./services";
import { ActionStore, Observable } from "./store";

export type PageId = "plan" | "validate" | "review" | "settings";
export const PAGES: readonly PageId[] = ["plan", "validate", "review", "settings"];

export interface PreviewInfo {
  workbook: MemoryWorkbook;
  scenario: PreviewScenario;
}

export interface PaneModel {
  /** Distinguishes models (React keys): a new preview workbook is a new model. */
  readonly id: number;
  readonly services: PaneServices;
  /** The in-memory workbook, in the browser preview; null inside Excel. */
  readonly preview: PreviewInfo | null;
  readonly page: Observable<PageId>;
  readonly stores: {
    insert: ActionStore<InsertTemplateDone>;
    readSheet: ActionStore<ConvertDone>;
    convert: ActionStore<ConvertDone>;
    validate: ActionStore<ValidateDone>;
    review: ActionStore<GenerateReviewDone>;
    saveSettings: ActionStore<SettingsSaved>;
  };
}

let nextId = 1;

/** A model over `services` (and the preview's workbook), starting on `page`. */
export function createModel(services: PaneServices, preview: PreviewInfo | null, page: PageId = "plan"): PaneModel {
  return {
    id: nextId++,
    services,
    preview,
    page: new Observable<PageId>(page),
    stores: {
      insert: new ActionStore(),
      readSheet: new ActionStore(),
      convert: new ActionStore(),
      validate: new ActionStore(),
      review: new ActionStore(),
      saveSettings: new ActionStore(),
    },
  };
}

export interface PaneSession {
  readonly inExcel: boolean;
  readonly model: Observable<PaneModel>;
  readonly lang: Observable<Lang>;
  readonly theme: Observable<PaneTheme>;
  /** Starts the preview over on a new in-memory workbook (preview only). */
  resetPreview?: (scenario: PreviewScenario) => Promise<void>;
}
