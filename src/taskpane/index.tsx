/**
 * Task pane entry. Inside Excel the pane works on the open workbook through Office.js and
 * registers the ribbon commands (shared runtime); opened in a plain browser (Office.onReady
 * says host null, or office.js is absent) it works on an in-memory workbook: the preview.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { createExcelPort } from "../ports/excel";
import { registerCommands, showTaskpane } from "../commands/commands";
import { App } from "./App";
import { createModel, type PaneSession } from "./model";
import { detectHost, excelActiveSheet, initialLang, storeLang, watchOfficeTheme } from "./office-host";
import { type PreviewScenario, parseScenario, previewWorkbook } from "./preview";
import { createServices } from "./services";
import { Observable } from "./store";
import { normalizeLang, t } from "../i18n";

async function main(): Promise<void> {
  const host = await detectHost();
  const lang = new Observable(initialLang(host));
  const params = new URLSearchParams(location.search);
  const theme = new Observable(params.get("theme") === "dark" ? { dark: true } : params.get("theme") === "light" ? { dark: false } : host.theme);
  let session: PaneSession;
  if (host.inExcel) {
    const services = createServices(createExcelPort((batch) => Excel.run(batch)), { activeSheet: excelActiveSheet });
    session = { inExcel: true, model: new Observable(createModel(services, null)), lang, theme };
    try {
      registerCommands({ session, showPane: showTaskpane });
    } catch {
      // No shared runtime (an Excel without SharedRuntime 1.1): the ribbon buttons are not offered there; the pane works.
    }
    watchOfficeTheme((th) => theme.set(th));
  } else {
    const start = async (scenario: PreviewScenario) => {
      const workbook = await previewWorkbook(scenario, lang.get());
      const services = createServices(workbook, { activeSheet: async () => workbook.activeSheet });
      return createModel(services, { workbook, scenario });
    };
    const page = params.get("page");
    const first = await start(parseScenario(params.get("preview")) ?? "sample");
    if (page === "validate" || page === "review" || page === "settings") first.page.set(page);
    const model = new Observable(first);
    session = {
      inExcel: false, model, lang, theme,
      resetPreview: async (scenario) => model.set(await start(scenario)),
    };
  }
  const el = document.getElementById("root");
  if (el) createRoot(el).render(<App session={session} onLang={storeLang} />);
}

main().catch((e: unknown) => {
  // Nothing rendered: say so in plain text rather than leave an empty pane.
  const el = document.getElementById("root");
  if (el) el.textContent = t(normalizeLang(navigator.language), "pane.error.unexpected", { error: e instanceof Error ? e.message : String(e) });
});
