/**
 * `salesplan validate PLAN.xlsx [--json] [--lang en|zh-CN]`: the SMART and data findings of
 * smart.md (../shared/spec/cli.md). The file is never written.
 *
 * - `--json` prints exactly `{"file","goals","scores":[{goalId,row,score,unmet}],
 *   "findings":[{table,row,goalId,column,criterion,code,severity,message}]}`; `file` is the
 *   path as given on the command line (so a script validating a folder can tell the files apart).
 * - Without it: a table on stdout grouped by goal (Goal ID and score, then its findings:
 *   severity, code, cell, message), then the other findings, then a one-line summary.
 * - Messages are in the workbook's Language setting unless `--lang` says otherwise; lines about
 *   bad input are in `--lang`, else the CLI's language (SALESPLAN_LANG / the locale).
 * - Exit status: 1 when any finding is an error, else 0; 2 for bad input (missing file, not
 *   an xlsx, no PlanTargets table) with one line on stderr.
 */
import { statSync } from "node:fs";
import type { Command } from "commander";
import { type RenderedFinding, type ValidationReport } from "../../core/smart";
import type { RawTables } from "../../core/schema";
import {
  type ValidationSummary, findingAddress, groupFindings, qualifiedAddress, validatePlanAction,
} from "../../actions/validate-plan";
import { type Lang, t } from "../../i18n";
import { CliError } from "../errors";
import { cliLang } from "../lang";
import { io, setExitCode } from "../main";
import { openInputWorkbook } from "../io";
import { parseLangOption } from "./template";

/**
 * cli.md: reading more than 10,000 rows shows progress on a terminal. Reading the file is the
 * long part (validation itself takes milliseconds), and the row count is known only after it,
 * so a file of this size or more (about 10,000 short rows) gets a "Reading…" line first.
 */
const BIG_FILE_BYTES = 400_000;

/** The JSON document of cli.md's `validate --json`, keys in the spec's order. */
export function validateJson(file: string, report: ValidationReport): unknown {
  return {
    file,
    goals: report.goals,
    scores: report.scores.map((s) => ({ goalId: s.goalId, row: s.row, score: s.score, unmet: [...s.unmet] })),
    findings: report.findings.map((f) => ({
      table: f.table, row: f.row, goalId: f.goalId, column: f.column, criterion: f.criterion, code: f.code, severity: f.severity, message: f.message,
    })),
  };
}

/** The readable report: goals with their findings, the other findings, and a summary line. */
export function validateText(file: string, report: ValidationReport, summary: ValidationSummary, tables: RawTables, lang: Lang): string {
  const sev = (f: RenderedFinding) => t(lang, `validate.severity.${f.severity}`);
  const width = Math.max(...(["error", "warning", "info"] as const).map((s) => displayWidth(t(lang, `validate.severity.${s}`))));
  const line = (f: RenderedFinding) => {
    const at = findingAddress(tables, f);
    const cell = at ? qualifiedAddress(at) : f.table;
    return `  ${padDisplay(sev(f), width)}  ${f.code.padEnd(2)}  ${cell}  ${f.message}`;
  };
  const out: string[] = [t(lang, "validate.cli.heading", { file, goals: report.goals }), ""];
  const { goals, other } = groupFindings(report.scores, report.findings);
  for (const g of goals) {
    let head = t(lang, "validate.cli.goal", { goalId: g.goalId ?? t(lang, "validate.cli.noGoalId"), row: g.row, score: g.score });
    if (g.unmet.length > 0) head += `  ${t(lang, "validate.cli.unmet", { letters: g.unmet.join(", ") })}`;
    out.push(head, ...g.findings.map(line));
  }
  if (other.length > 0) {
    if (goals.length > 0) out.push("");
    out.push(t(lang, "validate.cli.other"), ...other.map(line));
  }
  if (report.findings.length === 0) out.push("", t(lang, "validate.cli.none"));
  const d = summary.scoreDistribution;
  out.push("", t(lang, "validate.cli.summary", {
    goals: summary.goals, s5: d[5] ?? 0, s4: d[4] ?? 0, s3: d[3] ?? 0, s2: d[2] ?? 0, s1: d[1] ?? 0, s0: d[0] ?? 0,
    errors: summary.errors, warnings: summary.warnings, infos: summary.infos,
  }));
  return `${out.join("\n")}\n`;
}

/** Terminal columns a text takes (CJK and full-width characters take two). */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function padDisplay(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - displayWidth(s)));
}

export function register(program: Command): void {
  const msg = cliLang();
  program
    .command("validate")
    .description(t(msg, "validate.cli.description"))
    .argument("<plan>", t(msg, "validate.cli.file"))
    .option("--json", t(msg, "validate.cli.json"))
    .option("--lang <lang>", t(msg, "validate.cli.lang"))
    .action(async (file: string, opts: { json?: boolean; lang?: string }) => {
      let lang: Lang | undefined;
      if (opts.lang !== undefined) {
        const l = parseLangOption(opts.lang);
        if (!l) throw new CliError(t(msg, "plan.cli.badLang", { value: opts.lang }));
        lang = l;
      }
      const errLang = lang ?? msg;
      if (io().isTTY && fileSize(file) > BIG_FILE_BYTES) io().stderr(`${t(errLang, "validate.cli.reading", { file })}\n`);
      const wb = await openInputWorkbook(file, errLang);
      const result = await validatePlanAction(wb.port, { lang, writeScores: false });
      if (!result.ok) throw new CliError(t(errLang, "validate.cli.noPlan", { file }));
      const { report, summary, tables, validation } = result;
      if (opts.json) io().stdout(`${JSON.stringify(validateJson(file, report))}\n`);
      else io().stdout(validateText(file, report, summary, tables, validation.lang));
      if (summary.errors > 0) setExitCode(1);
    });
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
