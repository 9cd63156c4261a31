/**
 * `salesplan convert IN.xlsx -o OUT.xlsx [--sheet NAME] [--as targets|actuals|actions|risks]
 * [--metric NAME] [--json] [--force] [--keep-original | --no-original]`: turns a sheet of the
 * user's own into a plan table in a copy of the workbook (plan-workbook.md, "Converting a
 * sheet"). The input is never written; `--json` prints exactly
 * `{"sheet","table","headerRow","mapping":[{"header","key","confidence"}],"unmapped","added","rows"}`.
 */
import { basename } from "node:path";
import type { Command } from "commander";
import { parseConvertKind } from "../../core/detect";
import { convertJson } from "../../core/convert";
import { convertSheet } from "../../actions/convert-sheet";
import { render, t } from "../../i18n";
import { CliError } from "../errors";
import { cliLang } from "../lang";
import { io } from "../main";
import { openInputWorkbook, resolveOutputPath, writeWorkbook } from "../io";

interface ConvertCliOptions {
  output?: string;
  sheet?: string;
  as?: string;
  metric?: string;
  json?: boolean;
  force?: boolean;
  keepOriginal?: boolean;
  original?: boolean;
}

export function register(program: Command): void {
  const msg = cliLang();
  program
    .command("convert")
    .description(t(msg, "plan.cli.convert.description"))
    .argument("<in>", t(msg, "plan.cli.convert.in"))
    .option("-o, --output <file>", t(msg, "plan.cli.convert.out"))
    .option("--sheet <name>", t(msg, "plan.cli.convert.sheet"))
    .option("--as <kind>", t(msg, "plan.cli.convert.as"))
    .option("--metric <name>", t(msg, "plan.cli.convert.metric"))
    .option("--json", t(msg, "plan.cli.convert.json"))
    .option("--force", t(msg, "plan.cli.convert.force"))
    .option("--keep-original", t(msg, "plan.cli.convert.keep"))
    .option("--no-original", t(msg, "plan.cli.convert.noOriginal"))
    .action(async (input: string, opts: ConvertCliOptions) => {
      const kind = opts.as === undefined ? undefined : parseConvertKind(opts.as);
      if (kind === null) throw new CliError(t(msg, "plan.cli.badKind", { value: opts.as ?? "" }));
      const wb = await openInputWorkbook(input, msg, { force: Boolean(opts.force) });
      const out = resolveOutputPath(wb.path, opts.output, "plan", msg);
      const forced = wb.forced;
      const result = await convertSheet(wb.port, {
        sheet: opts.sheet,
        kind,
        metric: opts.metric,
        keepOriginal: opts.original !== false,
        lang: "en",
      });
      if (!result.ok) throw new CliError(render(msg, result.error));
      // cli.md: long work (more than 10,000 rows) shows progress on stderr when it is a terminal.
      if (result.plan.rows > 10_000 && io().isTTY) io().stderr(`${t(msg, "plan.cli.progress.writing", { file: basename(out), rows: result.plan.rows })}\n`);
      await writeWorkbook(wb.port, out);
      const { plan } = result;
      const lines: string[] = [];
      if (forced) lines.push(forced);
      lines.push(t(msg, "plan.convert.done", { sheet: plan.sheet, table: plan.table, rows: plan.rows, headerRow: plan.headerRow }));
      for (const m of plan.mapping) lines.push(t(msg, "plan.convert.mapped", { header: m.header, key: m.key, confidence: m.confidence }));
      if (plan.unmapped.length > 0) lines.push(t(msg, "plan.convert.unmappedList", { headers: plan.unmapped.join(", ") }));
      if (plan.added.length > 0) lines.push(t(msg, "plan.convert.addedList", { keys: plan.added.join(", ") }));
      if (plan.totalsRows.length > 0) lines.push(t(msg, "plan.convert.totals", { rows: plan.totalsRows.map((r) => r.to).join(", ") }));
      if (plan.textDates.length > 0) lines.push(t(msg, "plan.convert.textDates", { cells: plan.textDates.join(", ") }));
      if (result.original) lines.push(t(msg, "plan.convert.original", { sheet: result.original }));
      lines.push(t(msg, "plan.cli.wrote", { file: basename(out) }));
      if (opts.json) {
        io().stderr(`${lines.join("\n")}\n`);
        io().stdout(`${JSON.stringify(convertJson(plan))}\n`);
      } else io().stdout(`${lines.join("\n")}\n`);
    });
}
