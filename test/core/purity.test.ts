import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

// src/core must stay pure TypeScript (ARCHITECTURE.md): no Office.js, React, DOM, Node or xlsx library.
const FORBIDDEN = [
  /from\s+["'](react|react-dom|exceljs|jszip|commander|@microsoft\/office-js|@fluentui\/[^"']*|office-[^"']*)["']/,
  /from\s+["'](node:)?(fs|path|os|child_process|zlib|stream|util|crypto)["']/,
  /\bExcel\.run\b/,
  /\bOffice\.[a-zA-Z]/,
  /\bCustomFunctions\./,
  /\b(document|window)\.[a-zA-Z]/,
  /\brequire\(/,
  /from\s+["']\.\.\/(ports|functions|taskpane|cli|actions|commands)\b/,
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("src/core is pure", () => {
  const files = filesUnder(join(__dirname, "../../src/core"));
  it("has modules to check", () => {
    expect(files.length).toBeGreaterThan(5);
  });
  for (const f of files) {
    it(`${f.replace(/.*src\//, "src/")} imports nothing impure`, () => {
      // Comments may name Office.js; only code counts.
      const text = readFileSync(f, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
      for (const re of FORBIDDEN) expect(text, `${f} matches ${re}`).not.toMatch(re);
    });
  }
  it("the check catches an impure import", () => {
    expect('import ExcelJS from "exceljs";').toMatch(FORBIDDEN[0]!);
    expect('import { readFileSync } from "node:fs";').toMatch(FORBIDDEN[1]!);
    expect("await Excel.run(async (ctx) => {})").toMatch(FORBIDDEN[2]!);
  });
});
