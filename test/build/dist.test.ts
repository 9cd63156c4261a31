/**
 * What the build hands Excel: functions.json from the JSDoc (all 14 functions, every
 * parameter described, optional ones marked, help URLs), its Chinese twin, the help page,
 * and a task pane page that loads Office.js from Microsoft's CDN under a strict CSP.
 * `npm test` builds first; run `npm run build` before running this file alone.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PLAN_FUNCTIONS } from "../../src/functions/catalog";

const dist = join(__dirname, "../../dist");
const read = (f: string) => {
  const p = join(dist, f);
  if (!existsSync(p)) throw new Error(`${p} is missing: run npm run build first`);
  return readFileSync(p, "utf8");
};

interface Meta {
  functions: { id: string; name: string; description: string; helpUrl: string; parameters: { name: string; description: string; optional?: boolean }[]; options?: { volatile?: boolean } }[];
}

describe("dist/functions.json", () => {
  const en = JSON.parse(read("functions.json")) as Meta;
  const zh = JSON.parse(read("functions.zh-CN.json")) as Meta;

  it("lists all 14 functions with the catalogue's parameters, optional ones marked", () => {
    expect(en.functions.map((f) => f.id).sort()).toEqual(PLAN_FUNCTIONS.map((f) => f.name).sort());
    for (const f of PLAN_FUNCTIONS) {
      const m = en.functions.find((x) => x.id === f.name)!;
      expect(m.name).toBe(f.name);
      expect(m.parameters.map((p) => [p.name, Boolean(p.optional)])).toEqual(f.params.map((p) => [p.name, p.optional]));
    }
  });
  it("describes every function and parameter, with a help URL into the reference", () => {
    for (const f of en.functions) {
      expect(f.description.length, f.id).toBeGreaterThan(20);
      expect(f.helpUrl).toBe(`https://localhost:3000/help.html#plan-${f.id.toLowerCase()}`);
      for (const p of f.parameters) expect(p.description?.length, `${f.id}(${p.name})`).toBeGreaterThan(5);
      expect(f.options?.volatile ?? false).toBe(false);
    }
  });
  it("has the same functions in Chinese, names in English, descriptions in Chinese", () => {
    expect(zh.functions.map((f) => f.id)).toEqual(en.functions.map((f) => f.id));
    for (const f of zh.functions) {
      expect(f.name).toMatch(/^[A-Z]+$/);
      expect(f.description).toMatch(/[\u4e00-\u9fff]/);
      for (const p of f.parameters) expect(p.description, `${f.id}(${p.name})`).toMatch(/[\u4e00-\u9fff]/);
    }
  });
  it("the help page has an anchor for every help URL", () => {
    const help = read("help.html");
    for (const f of en.functions) expect(help).toMatch(new RegExp(`id="?plan-${f.id.toLowerCase()}[" >]`));
  });
  it("the bundle registers every function with CustomFunctions.associate", () => {
    const js = read("functions.js");
    for (const f of en.functions) expect(js).toContain(`CustomFunctions.associate("${f.id}"`);
  });
});

describe("dist/taskpane.html", () => {
  const html = read("taskpane.html");
  it("loads Office.js from Microsoft's CDN", () => {
    expect(html).toMatch(/src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js[" >]/);
  });
  it("has a strict Content-Security-Policy: no eval, scripts only from us and the Office CDN", () => {
    const csp = /http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("default-src 'self'");
  });
  it("runs the functions and the pane in one page (shared runtime)", () => {
    expect(html).toMatch(/src="?functions\.js[" >]/);
    expect(html).toMatch(/src="?taskpane\.js[" >]/);
  });
});

describe("dist/manifest.xml", () => {
  it("is the manifest with the build's base URL", () => {
    const m = read("manifest.xml");
    expect(m).toContain('<bt:String id="Functions.Namespace" DefaultValue="PLAN"/>');
    expect(m).toContain('<Runtime resid="Taskpane.Url" lifetime="long"/>');
    expect(m).toContain("functions.zh-CN.json");
  });
});
