/**
 * Fuzzing the PLAN.* functions where test/functions/properties.test.ts leaves gaps: the
 * strings people paste (quotes, wildcards, leading `= + - @`, CJK, emoji, numeric-looking
 * text, very long), odd numbers (±0, huge, tiny, dates beyond 9999-12-31), tall and wide
 * ranges, and the same arguments typed on the command line (`salesplan fn`). No function
 * throws: it answers a value or an Excel error; the command exits 0 (or 2 for a wrong
 * number of arguments) with one JSON document, never a stack trace.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CellValue } from "../../src/core/cells";
import { excelError, isError } from "../../src/core/errors";
import { PLAN_FUNCTIONS } from "../../src/functions/catalog";
import type { Arg } from "../../src/functions/coerce";
import { run } from "../../src/cli/main";
import { anyNumber, grammarNoise, runs, userString } from "./arbitraries";

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: userString },
  { weight: 3, arbitrary: anyNumber },
  { weight: 1, arbitrary: grammarNoise },
  { weight: 1, arbitrary: fc.constantFrom<CellValue>(true, false, null, "", excelError("#N/A"), excelError("#VALUE!"), excelError("#DIV/0!"), "higher", "lower", "越低越好", "month", "day", "2026-Q3", "FY2026") },
);
const range = fc.oneof(
  fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
  // Tall and wide ranges of one shape: a column of 2,000 or a row of 500.
  fc.tuple(cell, fc.constantFrom<[number, number]>([2000, 1], [1, 500], [40, 40])).map(([c, [r, k]]) => Array.from({ length: r }, () => Array<CellValue>(k).fill(c))),
);
const arg: fc.Arbitrary<Arg> = fc.oneof({ weight: 4, arbitrary: cell }, { weight: 1, arbitrary: range }, { weight: 1, arbitrary: fc.constant(undefined) });

const okCell = (v: unknown) => v === null || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v)) || isError(v);

describe("PLAN.* functions (fuzz)", () => {
  it("never throw on pasted strings, odd numbers and big ranges: a finite value or an Excel error per cell", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLAN_FUNCTIONS), fc.array(arg, { maxLength: 7 }), (f, args) => {
        const r = f.impl(...args);
        if (Array.isArray(r)) {
          for (const row of r) for (const v of row) expect(okCell(v), `${f.name} gave ${String(v)}`).toBe(true);
        } else expect(okCell(r), `${f.name} gave ${String(r)}`).toBe(true);
      }),
      { numRuns: runs(1500) },
    );
  });

  it("salesplan fn: exit 0 with one JSON document (2 for a wrong number of arguments), one line on stderr at most", async () => {
    const cliArg = fc.oneof(
      userString.filter((s) => s.length < 300),
      anyNumber.map(String),
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
      fc.constantFrom("[[1,2],[3,4]]", "null", '{"error":"#N/A"}', "2026-12-31", "-1", "--", "-x", "--json", "--help"),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PLAN_FUNCTIONS), fc.array(cliArg, { maxLength: 7 }), async (f, args) => {
        let out = "";
        let err = "";
        const code = await run(["node", "salesplan", "fn", `PLAN.${f.name}`, "--json", ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false });
        expect([0, 2]).toContain(code);
        expect(err).not.toMatch(/\n\s+at /);
        if (code === 2) {
          expect(err.trim().split("\n").length).toBeLessThanOrEqual(2); // commander's line (and at most a suggestion)
          return;
        }
        if (args.includes("--help")) return;
        expect(err).toBe("");
        const doc = JSON.parse(out) as Record<string, unknown>;
        expect(out.trim().split("\n")).toHaveLength(1);
        expect("value" in doc || "error" in doc).toBe(true);
      }),
      { numRuns: runs(300) },
    );
  });
});
