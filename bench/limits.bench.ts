/**
 * Excel's payload limit: one applySheetSpec of 200,000 rows × 20 columns (5 text columns,
 * 5 date columns, 10 number columns; 4,000,000 cells) through the Office.js port against the
 * fake, which refuses any request over 5 MB.
 * excel.write.200000x20.syncs: syncs of the write (1 for the sheet and table names, then the
 *   data in batches under 4,000,000 bytes, one sync each).
 * excel.write.200000x20.bytes.per.sync: request bytes per data sync (their total ÷ their number);
 * excel.write.200000x20.bytes.max: the largest single request (Excel on the web refuses more than 5 MB).
 */
import type { SheetSpec, SpecCell } from "../src/core/sheets/spec";
import { createExcelPort } from "../src/ports/excel";
import { createFakeExcel } from "../test/fakes/office";
import type { Benchmark, Figure } from "./harness";

export const limitsBenchmarks: Benchmark[] = [
  {
    name: "limits",
    run: async (): Promise<Figure[]> => {
      const ROWS = 200_000;
      const COLS = 20;
      const cells: SpecCell[][] = Array.from({ length: ROWS }, (_, i) =>
        Array.from({ length: COLS }, (_, j): SpecCell =>
          j % 4 === 0 ? { t: "s", v: `Customer ${i % 997}-${j}` } : j % 4 === 1 ? { t: "d", v: 46_023 + (i % 365) } : { t: "n", v: i * COLS + j + 0.25 },
        ),
      );
      const spec: SheetSpec = { name: "Actuals", blocks: [{ row: 1, col: 1, cells }] };
      const fake = createFakeExcel();
      const port = createExcelPort(fake.excelRun, { isSetSupported: fake.isSetSupported });
      const t0 = process.hrtime.bigint();
      await port.applySheetSpec(spec);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const per = fake.stats.perSync;
      const sent = per.reduce((b, x) => b + x.requestBytes, 0);
      const dataSyncs = per.slice(1);
      return [
        { name: "excel.write.200000x20.syncs", value: fake.stats.syncs, unit: "syncs", note: `1 for names + ${dataSyncs.length} data syncs for ${(sent / 1e6).toFixed(1)} MB (⌈MB ÷ 4⌉ = ${Math.ceil(sent / 4e6)})` },
        { name: "excel.write.200000x20.bytes.per.sync", value: Math.round(dataSyncs.reduce((b, x) => b + x.requestBytes, 0) / dataSyncs.length), unit: "bytes", note: "mean request of the data syncs (limit 5 MB, budget 4,000,000 bytes)" },
        { name: "excel.write.200000x20.bytes.max", value: Math.max(...per.map((x) => x.requestBytes)), unit: "bytes", note: "largest single request" },
        { name: "excel.write.200000x20.ms", value: ms, unit: "ms", note: "wall time against the fake (JavaScript only, no Excel round trips)" },
      ];
    },
  },
];
