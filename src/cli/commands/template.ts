/**
 * `salesplan template OUT.xlsx [--lang en|zh-CN] [--sample] [--fiscal-start M]`: a new plan
 * workbook holding the six plan tables, empty or with the sample plan (../shared/spec/cli.md).
 */
import { basename, resolve } from "node:path";
import { existsSync, statSync } from "node:fs";
import type { Command } from "commander";
import { todaySerial } from "../../core/dates";
import { insertTemplate } from "../../actions/insert-template";
import { type Lang, render, t } from "../../i18n";
import { newXlsx } from "../../ports/xlsx";
import { CliError } from "../errors";
import { cliLang } from "../lang";
import { io } from "../main";
import { writeWorkbook } from "../io";

/** `--lang` as a workbook language: `en` or `zh-CN` (any case), else null. */
export function parseLangOption(value: string): Lang | null {
  const v = value.trim().toLowerCase();
  return v === "en" ? "en" : v === "zh-cn" ? "zh-CN" : null;
}

/** `--fiscal-start` as a month 1–12, else null. */
export function parseMonthOption(value: string): number | null {
  return /^\s*(?:[1-9]|1[0-2])\s*$/.test(value) ? Number(value) : null;
}

export function register(program: Command): void {
  const msg = cliLang();
  program
    .command("template")
    .description(t(msg, "plan.cli.template.description"))
    .argument("<out>", t(msg, "plan.cli.template.out"))
    .option("--lang <lang>", t(msg, "plan.cli.template.lang"), "en")
    .option("--sample", t(msg, "plan.cli.template.sample"))
    .option("--fiscal-start <month>", t(msg, "plan.cli.template.fiscal"), "1")
    .action(async (out: string, opts: { lang: string; sample?: boolean; fiscalStart: string }) => {
      const lang = parseLangOption(opts.lang);
      if (!lang) throw new CliError(t(msg, "plan.cli.badLang", { value: opts.lang }));
      const fiscalStartMonth = parseMonthOption(opts.fiscalStart);
      if (fiscalStartMonth === null) throw new CliError(t(msg, "plan.cli.badFiscal", { value: opts.fiscalStart }));
      const path = resolve(out);
      if (existsSync(path) && !statSync(path).isFile()) throw new CliError(t(msg, "plan.cli.notFile", { file: out }));
      const port = newXlsx(basename(path));
      const result = await insertTemplate(port, { lang, sample: Boolean(opts.sample), fiscalStartMonth, today: todaySerial() });
      if (!result.ok) throw new CliError(render(msg, result.error));
      await writeWorkbook(port, path);
      io().stdout(`${t(msg, "plan.cli.wrote", { file: out })}\n`);
    });
}
