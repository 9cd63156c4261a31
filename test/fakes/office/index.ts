/**
 * A fake of the Office.js Excel API for tests: `createFakeExcel(seed)` gives an `Excel.run`
 * look-alike over an in-memory workbook model that tests seed and inspect directly.
 *
 *   const fake = createFakeExcel({ sheets: [{ name: "Targets", rows: [["Goal ID"], ["G-001"]] }],
 *                                  tables: [{ name: "PlanTargets", sheet: "Targets", address: "A1:A2" }] });
 *   await fake.run(async (ctx) => { const r = ctx.workbook.worksheets.getItem("Targets").getRange("A2");
 *                                   r.load("values"); await ctx.sync(); r.values; });
 *   fake.stats.syncs; fake.values("Targets", "A1:A2");
 *
 * It behaves like Excel where our code depends on it (each imitation cites the Office.js
 * documentation where it is implemented): proxies whose properties throw PropertyNotLoaded
 * before load() + sync(); commands queued and applied at sync; sync counting; request and
 * response payload accounting with Excel on the web's 5 MB limit; value parsing on write
 * ("00123" → 123, "2026-12-31" → a date serial, "TRUE" → true, "=…" → a formula, all kept as
 * text in a "@" cell); ItemAlreadyExists / InvalidArgument / AccessDenied / ApiNotFound errors;
 * tables that cannot overlap. It does not calculate formulas.
 */
import { type FakeConfig, type FakeHost, FakeRequestContext, type FakeStats, type InjectedFailure, apiMinor } from "./context";
import { FakeOfficeError, officeError } from "./errors";
import {
  type FakeCell, type FakeScalar, type FakeSeed, type FakeSheet, type FakeTable, type FakeWorkbookModel, findTable, getCell, getSheet,
  readFormulas, readNumberFormats, readValues, seedWorkbook, validationAt,
} from "./model";
import { parseAddress, sheetAddress } from "./address";
import { Workbook } from "./workbook";

export { FakeOfficeError } from "./errors";
export { FakeRequestContext, globalSyncCount, type FakeStats, type SyncRecord } from "./context";
export * from "./model";
export { parseInput, displayText, jsonBytes } from "./parse";
export { colLetters, formatRect, parseAddress, sheetAddress } from "./address";

/** The context a batch receives: the fake's RequestContext with a typed workbook. */
export type FakeContext = FakeRequestContext & { workbook: Workbook };

/** Office.js's Excel.run signature, for code written against @types/office-js. */
export type ExcelRunLike = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface FakeExcelOptions {
  /** Per request and per response (default 5 MB, Excel on the web's limit). */
  payloadLimitBytes?: number;
  /** Highest ExcelApi requirement set the host supports, e.g. "1.7" (default: all). */
  excelApi?: string;
}

export interface FakeExcel {
  /** Excel.run: runs a batch with a fresh context; commands still queued at its end are synced. */
  run<T>(batch: (ctx: FakeContext) => Promise<T>): Promise<T>;
  run<T>(options: object, batch: (ctx: FakeContext) => Promise<T>): Promise<T>;
  /** The same run, typed as Office.js's Excel.run for ports written against @types/office-js. */
  readonly excelRun: ExcelRunLike;
  /** The workbook behind the proxies (inspect freely; change it only between runs). */
  readonly model: FakeWorkbookModel;
  readonly stats: FakeStats;
  resetStats(): void;
  /** Office.context.requirements.isSetSupported of this host (true for everything by default). */
  isSetSupported(name: string, minVersion?: string): boolean;
  /** Sets the highest supported ExcelApi version ("1.7"), or null for everything. */
  setExcelApi(version: string | null): void;
  /** An `Office`-shaped object with context.requirements, for code that reads the global. */
  readonly office: { context: { requirements: { isSetSupported(name: string, minVersion?: string): boolean } } };
  /** Makes the n-th next sync fail with an Office error (to test error handling). */
  failSync(code: FakeOfficeError["code"], message?: string, atSync?: number): void;
  sheet(name: string): FakeSheet;
  sheetNames(): string[];
  cell(sheet: string, a1: string): FakeCell | undefined;
  values(sheet: string, address: string): FakeScalar[][];
  formulas(sheet: string, address: string): FakeScalar[][];
  numberFormats(sheet: string, address: string): string[][];
  table(name: string): FakeTable | undefined;
  /** Sheet-qualified address of a table ("Targets!A1:Q11"). */
  tableAddress(name: string): string | undefined;
  /** Header texts of a table. */
  tableHeaders(name: string): string[];
  /** The data validation on a cell, if any. */
  validation(sheet: string, a1: string): ReturnType<typeof validationAt>;
  activeSheet(): string | null;
}

function emptyStats(): FakeStats {
  return { runs: 0, syncs: 0, perSync: [], calcSuspensions: 0 };
}

/** A fake Excel over a workbook seeded from `seed` (or an existing model). */
export function createFakeExcel(seed?: FakeSeed | FakeWorkbookModel, options: FakeExcelOptions = {}): FakeExcel {
  const model = seed && "nextId" in seed ? seed : seedWorkbook(seed as FakeSeed | undefined);
  const config: FakeConfig = {
    payloadLimitBytes: options.payloadLimitBytes ?? 5 * 1024 * 1024,
    excelApiMinor: options.excelApi ? apiMinor(options.excelApi) : null,
  };
  const host: FakeHost = {
    model,
    stats: emptyStats(),
    config,
    failures: [] as InjectedFailure[],
    // https://learn.microsoft.com/office/dev/add-ins/develop/specify-office-hosts-and-api-requirements
    isSetSupported(name: string, minVersion?: string): boolean {
      if (name !== "ExcelApi") return config.excelApiMinor === null;
      return config.excelApiMinor === null || apiMinor(minVersion) <= config.excelApiMinor;
    },
  };

  async function run<T>(a: object | ((ctx: FakeContext) => Promise<T>), b?: (ctx: FakeContext) => Promise<T>): Promise<T> {
    const batch = typeof a === "function" ? (a as (ctx: FakeContext) => Promise<T>) : b;
    if (!batch) throw officeError("InvalidArgument", "Excel.run needs a batch function.");
    host.stats.runs += 1;
    const ctx = new FakeRequestContext(host) as FakeContext;
    ctx.workbook = new Workbook(ctx);
    try {
      const p = batch(ctx) as unknown;
      if (!p || typeof (p as Promise<T>).then !== "function") {
        // https://learn.microsoft.com/javascript/api/office/officeextension.errorcodes (runMustReturnPromise)
        throw officeError("RunMustReturnPromise", "The batch function passed to the \".run\" method didn't return a promise.");
      }
      const result = await (p as Promise<T>);
      if (ctx._hasPending()) await ctx.sync();
      return result;
    } finally {
      ctx._close();
    }
  }

  const byAddress = (sheet: string, a1: string) => {
    const s = getSheet(model, sheet);
    const { rect } = parseAddress(a1);
    return { s, rect };
  };

  const fake: FakeExcel = {
    run: run as FakeExcel["run"],
    excelRun: ((batch: (ctx: Excel.RequestContext) => Promise<unknown>) => run((ctx) => batch(ctx as unknown as Excel.RequestContext))) as ExcelRunLike,
    model,
    get stats() {
      return host.stats;
    },
    resetStats() {
      host.stats = emptyStats();
    },
    isSetSupported: (name, v) => host.isSetSupported(name, v),
    setExcelApi(version) {
      config.excelApiMinor = version === null ? null : apiMinor(version);
    },
    office: { context: { requirements: { isSetSupported: (name: string, v?: string) => host.isSetSupported(name, v) } } },
    failSync(code, message = `Injected ${code}`, atSync = 1) {
      host.failures.push({ code, message, atSync });
    },
    sheet: (name) => getSheet(model, name),
    sheetNames: () => model.sheets.map((s) => s.name),
    cell(sheet, a1) {
      const { s, rect } = byAddress(sheet, a1);
      return getCell(s, rect.row, rect.col);
    },
    values: (sheet, address) => readValues(getSheet(model, sheet), address),
    formulas: (sheet, address) => readFormulas(getSheet(model, sheet), address),
    numberFormats: (sheet, address) => readNumberFormats(getSheet(model, sheet), address),
    table: (name) => findTable(model, name),
    tableAddress(name) {
      const t = findTable(model, name);
      if (!t) return undefined;
      const s = model.sheets.find((x) => x.id === t.sheetId)!;
      return sheetAddress(s.name, t.rect);
    },
    tableHeaders(name) {
      const t = findTable(model, name);
      if (!t) return [];
      const s = model.sheets.find((x) => x.id === t.sheetId)!;
      return readValues(s, sheetAddress(s.name, { ...t.rect, rows: 1 })).flat().map((v) => String(v ?? ""));
    },
    validation(sheet, a1) {
      const { s, rect } = byAddress(sheet, a1);
      return validationAt(s, rect.row, rect.col);
    },
    activeSheet: () => model.sheets.find((s) => s.id === model.activeSheetId)?.name ?? null,
  };
  return fake;
}
