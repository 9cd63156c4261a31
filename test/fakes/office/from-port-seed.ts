/**
 * The fake built from a port seed (src/ports/memory/seed.ts), so the WorkbookPort contract
 * suite (test/ports/contract.ts) runs the same workbook on the Office.js port.
 */
import { isError } from "../../../src/core/errors";
import { type SeedCell as PortSeedCell, type WorkbookSeed, isSeedDate, isSeedFormula } from "../../../src/ports/memory/seed";
import { type FakeExcel, type FakeExcelOptions, createFakeExcel } from "./index";
import type { FakeSeed, SeedCell } from "./model";

/** Date cells of a port seed get this format, as in the memory port. */
const SEED_DATE_FORMAT = "yyyy-mm-dd";

function cellOf(c: PortSeedCell): SeedCell {
  if (c === null || typeof c !== "object") return c;
  if (isSeedFormula(c)) {
    const v = c.v === undefined || c.v === null ? null : isError(c.v) ? { error: c.v.code } : (c.v as number | string | boolean);
    return { f: c.f, v };
  }
  if (isSeedDate(c)) return { v: c.date, nf: SEED_DATE_FORMAT };
  if (isError(c)) return { error: c.code };
  return null;
}

/** A fake Excel holding exactly the seed (no sheets at all when the seed has none). */
export function fakeFromPortSeed(seed?: WorkbookSeed, options?: FakeExcelOptions): FakeExcel {
  const fake: FakeSeed = {
    name: seed?.name ?? "Book1.xlsx",
    sheets: (seed?.sheets ?? []).map((s) => ({
      name: s.name,
      at: s.at,
      rows: (s.cells ?? []).map((row) => row.map(cellOf)),
      visibility: s.hidden ? ("Hidden" as const) : ("Visible" as const),
      merges: [...(s.merges ?? [])],
      numberFormats: { ...(s.numberFormats ?? {}) },
    })),
    tables: (seed?.sheets ?? []).flatMap((s) => (s.tables ?? []).map((t) => ({ name: t.name, sheet: s.name, address: t.ref }))),
  };
  const visible = seed?.sheets.find((s) => !s.hidden);
  if (visible) fake.active = visible.name;
  return createFakeExcel(fake, options);
}
