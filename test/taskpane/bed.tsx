/**
 * Test bed for the pane's components (jsdom): a model over a real in-memory workbook (the
 * preview's, pinned to a date) or over services whose calls a test controls, rendered in the
 * Fluent provider and language context the App gives them.
 */
import * as React from "react";
import { cleanup, render, type RenderResult } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { afterEach } from "vitest";
import { serialFromYmd } from "../../src/core/dates";
import type { Lang } from "../../src/i18n";
import type { MemoryWorkbook } from "../../src/ports/memory";
import { createModel, type PaneModel } from "../../src/taskpane/model";
import { type PreviewScenario, previewWorkbook } from "../../src/taskpane/preview";
import { type PaneServices, createServices } from "../../src/taskpane/services";
import { LangContext } from "../../src/taskpane/ui";

// jsdom lacks what Fluent UI asks the browser for.
if (typeof window !== "undefined") {
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

afterEach(() => cleanup());

/** The day the tests live on: 2026-08-15 (a Saturday in calendar Q3). */
export const TODAY = serialFromYmd(2026, 8, 15);
/** "Now" for generated sheets: 2026-08-15 09:30. */
export const NOW = TODAY + 9.5 / 24;

/** A preview workbook of a scenario, dated TODAY, and a model over it. */
export async function previewModel(scenario: PreviewScenario, lang: Lang = "en"): Promise<{ model: PaneModel; workbook: MemoryWorkbook; services: PaneServices }> {
  const workbook = await previewWorkbook(scenario, lang, TODAY);
  const services = createServices(workbook, { activeSheet: async () => workbook.activeSheet, now: () => NOW });
  return { model: createModel(services, { workbook, scenario }), workbook, services };
}

/** Services whose calls the test overrides; the rest delegate to `base`. */
export function withServices(base: PaneServices, overrides: Partial<PaneServices>): PaneServices {
  return { ...base, ...overrides };
}

/** A promise and its resolve/reject, to hold a call "running". */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Renders a page the way the App does. */
export function renderInPane(ui: React.ReactElement, lang: Lang = "en"): RenderResult {
  return render(
    <FluentProvider theme={webLightTheme} lang={lang}>
      <LangContext.Provider value={lang}>{ui}</LangContext.Provider>
    </FluentProvider>,
  );
}

/** All cells of a memory workbook as `Sheet!r,c → value|formula|format`, to prove what changed. */
export function snapshot(wb: MemoryWorkbook): Map<string, string> {
  const out = new Map<string, string>();
  for (const sh of wb.sheets) for (const [k, c] of sh.cells) out.set(`${sh.name}!${k}`, JSON.stringify([c.value, c.formula, c.numberFormat]));
  return out;
}

/** The keys whose entries differ between two snapshots. */
export function changedKeys(a: Map<string, string>, b: Map<string, string>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}
