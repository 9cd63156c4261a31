/**
 * `salesplan demo [--out DIR]` (and `npm run demo`): the README's first command. Writes the
 * bilingual sample plan (the template's sample, in English and in Chinese, dated around today),
 * validates each (the SMART scores are written into PlanTargets; an error finding stops the
 * demo with exit 1, since the sample is built to have none), generates this calendar quarter's
 * review as of today, and prints a short summary table. Needs nothing but the repository.
 *
 * Files, in DIR (default ./demo, created when missing; files of the same names are replaced):
 *   sample-plan.xlsx                 the English sample plan
 *   sample-plan (review).xlsx        the same plan with its review sheet ("Review 2026-Q3")
 *   sample-plan.zh-CN.xlsx           the Chinese sample plan
 *   sample-plan.zh-CN (review).xlsx  the same plan with its review sheet ("复盘 2026-Q3")
 * The review file is named as `salesplan review sample-plan.xlsx` would name its output.
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { isoFromSerial, serialFromJsDate, todaySerial, ymdFromSerial } from "../../core/dates";
import type { Review } from "../../core/review/types";
import { insertTemplate } from "../../actions/insert-template";
import { validatePlanAction } from "../../actions/validate-plan";
import { generateReview } from "../../actions/generate-review";
import { type Lang, render, t } from "../../i18n";
import { newXlsx } from "../../ports/xlsx";
import { CliError } from "../errors";
import { cliLang } from "../lang";
import { io, setExitCode } from "../main";
import { defaultOutputPath, unwrittenChartsLine, writeWorkbook } from "../io";

/** The demo's file names in DIR, per language. */
export function demoFiles(lang: Lang): { plan: string; review: string } {
  const plan = lang === "en" ? "sample-plan.xlsx" : "sample-plan.zh-CN.xlsx";
  return { plan, review: defaultOutputPath(plan, "review") };
}

/** The calendar quarter holding `day`, as its canonical label (`2026-Q3`). */
export function quarterLabel(day: number): string {
  const { y, m } = ymdFromSerial(day);
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** What the demo did for one language. */
interface DemoRun {
  lang: Lang;
  review: Review;
  sheet: string;
  errors: number;
  warnings: number;
  planPath: string;
  reviewPath: string;
}

/** Terminal columns a text takes (CJK and full-width characters take two). */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

const pad = (s: string, width: number) => s + " ".repeat(Math.max(0, width - displayWidth(s)));
const amount = (x: number | null) => (x === null ? "#NUM!" : x.toLocaleString("en-US", { maximumFractionDigits: 0 }));
const percent = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)}%`);

/** The summary table: one column per language. */
export function demoTable(runs: readonly DemoRun[], msg: Lang): string[] {
  const status = (k: string, s: keyof Review["statusCounts"]) => [t(msg, `review.status.${k}`), ...runs.map((r) => String(r.review.statusCounts[s]))];
  const kpi = (r: DemoRun) => r.review.kpi;
  const rows: string[][] = [
    ["", ...runs.map((r) => t(msg, r.lang === "en" ? "demoCli.col.en" : "demoCli.col.zh"))],
    [t(msg, "demoCli.row.goals"), ...runs.map((r) => String(r.review.goals.length))],
    status("onTrack", "On track"),
    status("atRisk", "At risk"),
    status("offTrack", "Off track"),
    status("notStarted", "Not started"),
    status("needsFix", "Needs fix"),
    [t(msg, "demoCli.row.metric"), ...runs.map((r) => (kpi(r) ? `${kpi(r)!.metric}${kpi(r)!.unit ? ` (${kpi(r)!.unit})` : ""}` : "–"))],
    [t(msg, "demoCli.row.actual"), ...runs.map((r) => (kpi(r) ? `${amount(kpi(r)!.actual)} / ${amount(kpi(r)!.targetPeriod)}` : "–"))],
    [t(msg, "demoCli.row.attainment"), ...runs.map((r) => percent(kpi(r)?.attainment ?? null))],
    [t(msg, "demoCli.row.validation"), ...runs.map((r) => t(msg, "demoCli.validation", { errors: r.errors, warnings: r.warnings }))],
  ];
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((row) => displayWidth(row[j] ?? ""))));
  return rows.map((row) => `  ${row.map((c, j) => pad(c, widths[j]!)).join("   ")}`.trimEnd());
}

export function register(program: Command): void {
  const msg = cliLang();
  program
    .command("demo")
    .description(t(msg, "demoCli.description"))
    .option("--out <dir>", t(msg, "demoCli.out"), "demo")
    .action(async (opts: { out: string }) => {
      const dir = resolve(opts.out);
      if (existsSync(dir) && !statSync(dir).isDirectory()) throw new CliError(t(msg, "demoCli.notDir", { dir: opts.out }));
      mkdirSync(dir, { recursive: true });
      const today = todaySerial();
      const label = quarterLabel(today);
      const show = (p: string) => {
        const r = relative(process.cwd(), p);
        return r === "" || r.startsWith("..") ? p : r;
      };
      const notes: string[] = [];
      const runs: DemoRun[] = [];
      for (const lang of ["en", "zh-CN"] as const) {
        const files = demoFiles(lang);
        const planPath = join(dir, files.plan);
        const reviewPath = join(dir, files.review);
        const port = newXlsx(files.plan);
        const inserted = await insertTemplate(port, { lang, sample: true, today });
        if (!inserted.ok) throw new CliError(render(msg, inserted.error));
        const v = await validatePlanAction(port, { lang });
        if (!v.ok) throw new CliError(render(msg, v.error));
        if (v.summary.errors > 0) {
          io().stderr(`${t(msg, "demoCli.invalid", { lang, errors: v.summary.errors })}\n`);
          for (const f of v.report.findings.filter((x) => x.severity === "error")) io().stderr(`  ${f.table} ${f.row} ${f.code}: ${f.message}\n`);
          setExitCode(1);
          return;
        }
        await writeWorkbook(port, planPath);
        const r = await generateReview(port, { period: label, asOf: today, lang, now: serialFromJsDate(new Date()) });
        if (!r.ok) throw new CliError(render(msg, r.error));
        await writeWorkbook(port, reviewPath);
        const charts = unwrittenChartsLine(port, msg);
        if (charts) notes.push(charts);
        runs.push({ lang, review: r.review, sheet: r.sheet, errors: v.summary.errors, warnings: v.summary.warnings, planPath, reviewPath });
      }
      const out: string[] = [
        t(msg, "demoCli.heading", { today: isoFromSerial(today), label, asOf: isoFromSerial(runs[0]!.review.asOf) }),
        "",
        ...demoTable(runs, msg),
        "",
        t(msg, "demoCli.files"),
      ];
      for (const r of runs) {
        const langName = t(msg, r.lang === "en" ? "demoCli.col.en" : "demoCli.col.zh");
        out.push(`  ${show(r.planPath)}  — ${t(msg, "demoCli.file.plan", { lang: langName })}`);
        out.push(`  ${show(r.reviewPath)}  — ${t(msg, "demoCli.file.review", { sheet: r.sheet, lang: langName })}`);
      }
      out.push("", t(msg, "demoCli.next", { file: show(runs[0]!.reviewPath), plan: show(runs[0]!.planPath), label }));
      if (notes.length > 0) io().stderr(`${notes.join("\n")}\n`);
      io().stdout(`${out.join("\n")}\n`);
    });
}
