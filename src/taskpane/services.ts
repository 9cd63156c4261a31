/**
 * What the pane (and the ribbon commands) can do to a workbook, over one WorkbookPort: the
 * Office.js port inside Excel, the in-memory workbook in the browser preview. Each call wraps
 * one action of src/actions, turns a refusal ({ ok: false, error }) into a PaneError whose
 * message says what to do, and bumps the workbook version so views read the workbook again.
 */
import { asText } from "../core/cells";
import { serialFromJsDate } from "../core/dates";
import {
  type PlanSettings, type RawTable, bindTable, cellOf, columnLetter, normalizeHeader, readSettings,
} from "../core/schema";
import type { SheetSpec, SpecCell } from "../core/sheets/spec";
import { SETTING_KEYS } from "../core/sheets/template";
import { type ConvertSheetOptions, convertSheet, previewConversion } from "../actions/convert-sheet";
import { generateReview } from "../actions/generate-review";
import { type InsertTemplateOptions, insertTemplate } from "../actions/insert-template";
import { type ValidatePlanResult, findingAddress, validatePlanAction } from "../actions/validate-plan";
import type { Lang } from "../i18n";
import type { SheetInfo, WorkbookPort } from "../ports/types";
import { Observable, PaneError, type Progress } from "./store";

/** What the Plan page shows about the workbook. */
export interface PlanStatus {
  sheets: SheetInfo[];
  /** Sheet of PlanTargets, or null when the workbook has no plan. */
  targetsSheet: string | null;
  /** Goals (non-blank PlanTargets rows). */
  goals: number;
  settings: PlanSettings;
  /** Sheet of PlanSettings, or null. */
  settingsSheet: string | null;
  /** Sheets known to hold a plan table (PlanActuals, which can be large, is not read here). */
  planSheets: string[];
}

export type InsertTemplateDone = Extract<Awaited<ReturnType<typeof insertTemplate>>, { ok: true }>;
export type ConvertDone = Extract<Awaited<ReturnType<typeof convertSheet>>, { ok: true }>;
export type ValidateDone = Extract<ValidatePlanResult, { ok: true }>;

export interface GenerateReviewOptions {
  /** A period in the grammar of review.md (a canonical label works). */
  period: string;
  /** As-of date (serial); default today. */
  asOf?: number;
  lang: Lang;
  onProgress?: Progress;
}

/** The review the pane generated: the action's result (sheet, label, counts, whether regenerated). */
export type GenerateReviewDone = Omit<Extract<Awaited<ReturnType<typeof generateReview>>, { ok: true }>, "ok" | "review">;

/** The setting keys the Settings page edits. */
export type SettingKey = (typeof SETTING_KEYS)[number];

/** PlanSettings as the Settings page edits it. */
export interface SettingsSnapshot {
  sheet: string;
  settings: PlanSettings;
  /** Setting keys the table has no row for (cannot be changed from the pane). */
  missing: SettingKey[];
}

export interface SettingsSaved {
  sheet: string;
  /** Addresses written, e.g. `B2`, by key. */
  written: { key: SettingKey; address: string }[];
  missing: SettingKey[];
}

export interface PaneServices {
  readonly port: WorkbookPort;
  /** Bumped after every change the pane makes to the workbook. */
  readonly version: Observable<number>;
  planStatus(): Promise<PlanStatus>;
  /** The sheet the user is on (Excel's active sheet; the preview's selected tab). */
  activeSheet(): Promise<string | null>;
  insertTemplate(opts: InsertTemplateOptions): Promise<InsertTemplateDone>;
  previewConversion(opts: ConvertSheetOptions): Promise<ConvertDone>;
  convertSheet(opts: ConvertSheetOptions): Promise<ConvertDone>;
  validate(lang: Lang): Promise<ValidateDone>;
  /** Selects a cell (activating its sheet). */
  selectCell(sheet: string, address: string): Promise<void>;
  /** Selects the cell a finding points at; returns where, or null when its table is gone. */
  selectFinding(result: ValidateDone, finding: Parameters<typeof findingAddress>[1]): Promise<{ sheet: string; address: string } | null>;
  generateReview(opts: GenerateReviewOptions): Promise<GenerateReviewDone>;
  readSettings(): Promise<SettingsSnapshot | null>;
  writeSettings(values: Partial<Record<SettingKey, SpecCell>>): Promise<SettingsSaved>;
}

export interface ServiceOptions {
  /** How to find the active sheet (Excel: the active worksheet; default: none). */
  activeSheet?: () => Promise<string | null>;
  /** "Now" as a serial with time of day (tests pin it). */
  now?: () => number;
}

/** The pane's services over a port. */
export function createServices(port: WorkbookPort, options: ServiceOptions = {}): PaneServices {
  const version = new Observable(0);
  const changed = () => version.set(version.get() + 1);
  const now = options.now ?? (() => serialFromJsDate(new Date()));
  const refuse = (r: { ok: false; error: { key: string; params?: Record<string, string | number> } }): never => {
    throw new PaneError(r.error);
  };

  return {
    port,
    version,

    async planStatus() {
      // One read (one Excel.run on Office.js) for the plan tables and the sheet list.
      const { sheets, tables } = await port.readPlanTablesAndSheets(["PlanTargets", "PlanActions", "PlanRisks", "PlanPhasing", "PlanSettings"]);
      const targets = tables.PlanTargets;
      return {
        planSheets: Object.values(tables).map((t) => t!.sheet),
        sheets,
        targetsSheet: targets?.sheet ?? null,
        goals: targets ? bindTable(targets).rows.length : 0,
        settings: readSettings(tables.PlanSettings).settings,
        settingsSheet: tables.PlanSettings?.sheet ?? null,
      };
    },

    activeSheet: options.activeSheet ?? (async () => null),

    async insertTemplate(opts) {
      try {
        const r = await insertTemplate(port, opts);
        return r.ok ? r : refuse(r);
      } finally {
        changed();
      }
    },

    async previewConversion(opts) {
      const r = await previewConversion(port, opts);
      return r.ok ? r : refuse(r);
    },

    async convertSheet(opts) {
      try {
        const r = await convertSheet(port, opts);
        return r.ok ? r : refuse(r);
      } finally {
        changed();
      }
    },

    async validate(lang) {
      try {
        const r = await validatePlanAction(port, { lang });
        return r.ok ? r : refuse(r);
      } finally {
        changed();
      }
    },

    async selectCell(sheet, address) {
      await port.selectCell(sheet, address);
      changed();
    },

    async selectFinding(result, finding) {
      const where = findingAddress(result.tables, finding);
      if (!where) return null;
      await port.selectCell(where.sheet, where.address);
      changed();
      return where;
    },

    async generateReview(opts) {
      try {
        const r = await generateReview(port, { ...opts, now: now() });
        if (!r.ok) return refuse(r);
        return { sheet: r.sheet, label: r.label, goals: r.goals, offTrack: r.offTrack, atRisk: r.atRisk, regenerated: r.regenerated, carried: r.carried };
      } finally {
        changed();
      }
    },

    async readSettings() {
      const raw = (await port.readPlanTables(["PlanSettings"])).PlanSettings;
      if (!raw) return null;
      return { sheet: raw.sheet, settings: readSettings(raw).settings, missing: SETTING_KEYS.filter((k) => settingRow(raw, k) === null) };
    },

    async writeSettings(values) {
      const raw = (await port.readPlanTables(["PlanSettings"])).PlanSettings;
      if (!raw) throw new PaneError({ key: "pane.settings.noTable" });
      const bound = bindTable(raw);
      const valueIndex = bound.index.Value;
      if (valueIndex === undefined) throw new PaneError({ key: "pane.settings.noValueColumn", params: { sheet: raw.sheet } });
      const col = raw.firstCol + valueIndex;
      const blocks: SheetSpec["blocks"] = [];
      const numberFormats: NonNullable<SheetSpec["numberFormats"]> = [];
      const written: SettingsSaved["written"] = [];
      const missing: SettingKey[] = [];
      for (const key of SETTING_KEYS) {
        if (!(key in values)) continue;
        const row = settingRow(raw, key);
        if (row === null) {
          missing.push(key);
          continue;
        }
        const cell = values[key] ?? null;
        blocks.push({ row, col, cells: [[cell]] });
        // A number shows as typed (0.85, not "1" under an amount format the column may carry).
        if (cell?.t === "n") numberFormats.push({ range: { row, col, rows: 1, cols: 1 }, format: "General" });
        written.push({ key, address: `${columnLetter(col)}${row}` });
      }
      // A patch touches only the Value cells that change: nothing else in the table or the sheet.
      try {
        if (blocks.length > 0) await port.applySheetSpec({ name: raw.sheet, mode: "patch", blocks, numberFormats });
      } finally {
        changed();
      }
      return { sheet: raw.sheet, written, missing };
    },
  };
}

/** The worksheet row of a setting in PlanSettings (keys compared as headers are), or null. */
function settingRow(raw: RawTable, key: SettingKey): number | null {
  const bound = bindTable(raw);
  const want = normalizeHeader(key);
  for (const r of bound.rows) if (normalizeHeader(asText(cellOf(bound, r, "Key")) ?? "") === want) return r.row;
  return null;
}

