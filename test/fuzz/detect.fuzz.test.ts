/**
 * Fuzzing the header mapper (core/detect): with any header row it never throws, uses each
 * plan column once, and maps a header the same way however its case, spacing, `_` or
 * full-width form is written; a header row hidden among title and number rows is found.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CellValue } from "../../src/core/cells";
import { excelError } from "../../src/core/errors";
import { CONFIDENCE, CONVERT_KINDS, HEADER_SEARCH_ROWS, TABLE_OF_KIND, detectHeader, guessKind, headerText, mapHeaderRow } from "../../src/core/detect";
import { TABLES, TABLE_NAMES, type TableName } from "../../src/core/schema";
import { anyNumber, runs, userString } from "./arbitraries";

/** Every header and alias of every table: the words a header row is made of. */
const HEADER_WORDS = [...new Set(Object.values(TABLES).flatMap((t) => t.columns.flatMap((c) => [c.en, c.zh, ...c.aliases])))];

const headerCell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HEADER_WORDS) },
  { weight: 3, arbitrary: userString },
  { weight: 1, arbitrary: anyNumber.filter((n) => Number.isFinite(n)) },
  { weight: 1, arbitrary: fc.constantFrom<CellValue>(null, true, false, excelError("#N/A"), excelError("#REF!"), "", "  ") },
);
const headerRow = fc.array(headerCell, { minLength: 0, maxLength: 24 });
const table = fc.constantFrom<TableName>(...TABLE_NAMES);

/** The same header written another way: ASCII case flipped, spaces or `_` between characters, full-width forms, ideographic spaces. */
function respelled(h: string, how: readonly ("case" | "space" | "underscore" | "wide" | "ideographic")[], seed: number): string {
  let chars = Array.from(h); // code points: never split a surrogate pair
  for (const w of how) {
    if (w === "case") chars = chars.map((c, i) => (/[A-Za-z]/.test(c) && (seed >> (i % 30)) & 1 ? (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) : c));
    if (w === "wide") chars = chars.map((c) => (/[!-~]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c));
    if (w === "space" || w === "underscore" || w === "ideographic") {
      const sep = w === "space" ? " " : w === "underscore" ? "_" : "\u3000";
      chars = chars.flatMap((c, i) => ((seed >> (i % 29)) & 1 ? [c, sep] : [c]));
    }
  }
  return chars.join("");
}

describe("mapHeaderRow (fuzz)", () => {
  it("never throws, keeps one entry per cell, uses each key of the table at most once", () => {
    fc.assert(
      fc.property(table, headerRow, (t, cells) => {
        const m = mapHeaderRow(t, cells);
        expect(m).toHaveLength(cells.length);
        const keys = m.filter((x) => x.key !== null).map((x) => x.key!);
        expect(new Set(keys).size).toBe(keys.length);
        const known = new Set(TABLES[t].columns.map((c) => c.key));
        m.forEach((x, i) => {
          expect(x.index).toBe(i);
          expect(x.header).toBe(headerText(cells[i]));
          if (x.key === null) expect(x.confidence).toBe(0);
          else {
            expect(known.has(x.key)).toBe(true);
            expect([CONFIDENCE.exact, CONFIDENCE.normalized, CONFIDENCE.alias]).toContain(x.confidence);
          }
        });
      }),
      { numRuns: runs(600) },
    );
  });

  it("maps a row the same way however its headers' case, spaces, `_` and widths are written", () => {
    const how = fc.subarray(["case", "space", "underscore", "wide", "ideographic"] as const, { minLength: 1 });
    fc.assert(
      fc.property(table, headerRow, how, fc.integer({ min: 0, max: 2 ** 30 }), (t, cells, h, seed) => {
        const variant = cells.map((c) => (typeof c === "string" ? respelled(c, h, seed) : c));
        const keys = (row: readonly CellValue[]) => mapHeaderRow(t, row).map((x) => x.key);
        expect(keys(variant)).toEqual(keys(cells));
      }),
      { numRuns: runs(600) },
    );
  });

  it("guessKind and detectHeader never throw on any grid", () => {
    const grid = fc.record({
      origin: fc.record({ row: fc.integer({ min: 1, max: 30 }), col: fc.integer({ min: 1, max: 5 }) }),
      values: fc.array(headerRow, { maxLength: 30 }),
    });
    fc.assert(
      fc.property(grid, fc.option(fc.constantFrom(...CONVERT_KINDS), { nil: undefined }), (g, kind) => {
        for (const row of g.values) expect(CONVERT_KINDS).toContain(guessKind(row));
        const d = detectHeader(g, kind);
        if (d === null) return;
        expect(d.row).toBeGreaterThanOrEqual(g.origin.row);
        expect(d.row).toBeLessThanOrEqual(Math.min(HEADER_SEARCH_ROWS, g.origin.row + g.values.length - 1));
        if (kind) expect(d.kind).toBe(kind);
        expect(d.table).toBe(TABLE_OF_KIND[d.kind]);
        expect(d.mapping.some((m) => m.key !== null)).toBe(true);
      }),
      { numRuns: runs(500) },
    );
  });

  it("finds a header row among title rows and rows of numbers and dates, in any spelling", () => {
    const kindAndHeaders = fc.constantFrom(...CONVERT_KINDS).chain((kind) => {
      const cols = TABLES[TABLE_OF_KIND[kind]].columns;
      return fc.tuple(
        fc.constant(kind),
        fc.shuffledSubarray([...cols], { minLength: 3 }).chain((picked) => fc.tuple(...picked.map((c) => fc.constantFrom(c.en, c.zh, ...c.aliases).map((h) => ({ key: c.key, h }))))),
      );
    });
    const filler = fc.array(fc.oneof(fc.integer({ min: -1e6, max: 1e7 }), fc.constant(null), fc.constantFrom("2026-09-30", "12,345", "#N/A", "—", "…")), { maxLength: 10 });
    fc.assert(
      fc.property(kindAndHeaders, fc.integer({ min: 0, max: HEADER_SEARCH_ROWS - 1 }), fc.array(filler, { maxLength: 25 }), fc.integer({ min: 0, max: 2 ** 30 }), ([kind, headers], above, rows, seed) => {
        const header = headers.map(({ h }, i) => respelled(h, i % 2 ? ["case"] : ["space"], seed));
        const values = [...rows.slice(0, above), header, ...rows.slice(above)];
        const at = Math.min(above, rows.length) + 1;
        const d = detectHeader({ origin: { row: 1, col: 1 }, values }, kind);
        expect(d?.row).toBe(at);
        expect(d!.mapping.slice(0, headers.length).map((m) => m.key)).toEqual(headers.map((x) => x.key));
      }),
      { numRuns: runs(800) },
    );
  });
});
