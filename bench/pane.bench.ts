/**
 * The task pane's weight and speed:
 * bundle.taskpane.gzip.kb: gzip size of the pane's initial JavaScript (taskpane.js; aim ≤ 350).
 * bundle.functions.gzip.kb: gzip size of the custom functions bundle (functions.js; aim ≤ 60).
 * pane.firstpaint.ms: first contentful paint of taskpane.html in headless Chromium (the page
 *   is blank until the pane renders), median of 5 fresh loads of the browser preview.
 * pane.ready.ms: navigation start until the Plan page has read the workbook (median of 5).
 * Built with `webpack --mode production --env officejs=local` (cached like the e2e suite's build).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Benchmark, Figure } from "./harness";
import { hasChromium, launch, previewBuild, serve } from "../test/e2e/harness";

const kb = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const paneBenchmarks: Benchmark[] = [
  {
    name: "pane",
    run: async () => {
      const dir = await previewBuild();
      const figures: Figure[] = [
        { name: "bundle.taskpane.gzip.kb", value: kb(join(dir, "taskpane.js")), unit: "KB", note: "initial JS of the pane (aim ≤ 350)" },
        { name: "bundle.functions.gzip.kb", value: kb(join(dir, "functions.js")), unit: "KB", note: "custom functions bundle (aim ≤ 60)" },
      ];
      if (!hasChromium) {
        process.stderr.write("pane.firstpaint.ms skipped: /usr/bin/chromium is not installed\n");
        return figures;
      }
      const server = await serve(dir);
      const browser = await launch();
      try {
        const paints: number[] = [];
        const ready: number[] = [];
        for (let i = 0; i < 6; i++) {
          const page = await browser.context.newPage();
          await page.goto(`${server.url}taskpane.html?lang=en&preview=sample`);
          await page.getByTestId("plan-status").waitFor({ timeout: 30_000 });
          const t = await page.evaluate(() => ({
            fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
            now: performance.now(),
          }));
          await page.close();
          if (i === 0) continue; // warm-up: the first load of a new browser also starts its processes
          paints.push(t.fcp);
          ready.push(t.now);
        }
        figures.push({ name: "pane.firstpaint.ms", value: median(paints), unit: "ms", note: "first contentful paint, headless Chromium, local server" });
        figures.push({ name: "pane.ready.ms", value: median(ready), unit: "ms", note: "until the Plan page has read the preview workbook" });
      } finally {
        await browser.close();
        await server.close();
      }
      return figures;
    },
  },
];
