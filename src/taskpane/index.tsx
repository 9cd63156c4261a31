/**
 * Task pane entry. Inside Excel the pane works on the open workbook through Office.js;
 * opened in a plain browser it works on an in-memory workbook (the preview).
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { detectHost } from "./office-host";

async function main(): Promise<void> {
  const host = await detectHost();
  const workbookName = async (): Promise<string> => {
    if (!host.inExcel) return "Preview.xlsx";
    return Excel.run(async (ctx) => {
      const wb = ctx.workbook;
      wb.load("name");
      await ctx.sync();
      return wb.name;
    });
  };
  const el = document.getElementById("root");
  if (el) createRoot(el).render(<App host={host} workbookName={workbookName} />);
}

void main();
