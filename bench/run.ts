/**
 * `npm run bench [-- --json] [-- --only NAME]`: runs every benchmark and prints its figures
 * (a table, or one JSON array of {name, value, unit} with --json). Figures, never pass/fail.
 */
import os from "node:os";
import type { Benchmark, Figure } from "./harness";
import { functionsBenchmarks } from "./functions.bench";
import { validateBenchmarks } from "./validate.bench";
import { templateBenchmarks } from "./template.bench";
import { limitsBenchmarks } from "./limits.bench";
import { streamBenchmarks } from "./stream.bench";
import { reviewBenchmarks } from "./review.bench";
import { paneBenchmarks } from "./pane.bench";

const all: Benchmark[] = [...functionsBenchmarks, ...validateBenchmarks, ...templateBenchmarks, ...limitsBenchmarks, ...streamBenchmarks, ...paneBenchmarks, ...reviewBenchmarks];

async function main(): Promise<void> {
  const json = process.argv.includes("--json");
  const onlyAt = process.argv.indexOf("--only");
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
  const figures: Figure[] = [];
  for (const b of all) {
    if (only && !b.name.startsWith(only)) continue;
    if (!json) process.stderr.write(`running ${b.name}…\n`);
    figures.push(...(await b.run()));
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(figures.map(({ name, value, unit }) => ({ name, value: Number(value.toPrecision(6)), unit })))}\n`);
    return;
  }
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  process.stdout.write(`Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n\n`);
  const w = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures) process.stdout.write(`${f.name.padEnd(w)}  ${f.value.toPrecision(4).padStart(10)} ${f.unit.padEnd(8)} ${f.note ?? ""}\n`);
}

void main();
