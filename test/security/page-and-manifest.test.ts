/**
 * The task pane page and the manifest ask for no more than they need:
 * - the page's Content-Security-Policy: scripts only from our origin and Microsoft's Office.js
 *   CDN, no 'unsafe-eval' (nor 'unsafe-inline' scripts), connections only to our origin and
 *   the Office.js CDN, no plugins, no <base> elsewhere, no form posts;
 * - every script the page loads comes from those two places, none inline;
 * - the manifest asks for ReadWriteDocument and nothing more, and trusts only its own origin.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { distFile } from "./dist";

const OFFICE_CDN = "https://appsforoffice.microsoft.com";

/** The directives of a CSP: name → sources. */
function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

describe("dist/taskpane.html", () => {
  const html = distFile("taskpane.html");
  const metas = [...html.matchAll(/<meta[^>]+http-equiv="?Content-Security-Policy"?[^>]*>/gi)].map((m) => m[0]);
  const csp = directives(/content="([^"]+)"/.exec(metas[0] ?? "")?.[1] ?? "");

  it("has exactly one Content-Security-Policy", () => {
    expect(metas).toHaveLength(1);
    expect(csp.size).toBeGreaterThan(0);
  });

  it("runs scripts only from our origin and the Office.js CDN, and never evaluates strings", () => {
    expect(csp.get("script-src")?.sort()).toEqual(["'self'", OFFICE_CDN].sort());
    for (const [name, sources] of csp) {
      expect(sources, name).not.toContain("'unsafe-eval'");
      expect(sources, name).not.toContain("'wasm-unsafe-eval'");
      expect(sources, name).not.toContain("*");
    }
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("default-src")).toEqual(["'self'"]);
  });

  it("connects to nothing beyond our origin and what Office.js needs", () => {
    const connect = csp.get("connect-src") ?? csp.get("default-src") ?? [];
    for (const s of connect) expect(["'self'", OFFICE_CDN]).toContain(s);
  });

  it("allows no plugins, no other <base>, no form posts; images and fonts only from us (or data:)", () => {
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(["'self'", "'none'"]).toContain(csp.get("base-uri")?.[0]);
    expect(csp.get("form-action")).toEqual(["'none'"]);
    for (const d of ["img-src", "font-src"]) for (const s of csp.get(d) ?? []) expect(["'self'", "data:"], d).toContain(s);
  });

  it("loads every script from our origin or the Office.js CDN, none inline", () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      const src = /\bsrc="?([^"\s>]+)/.exec(attrs ?? "")?.[1];
      expect(src, `inline script: ${body?.slice(0, 60)}`).toBeDefined();
      expect(src!.startsWith(`${OFFICE_CDN}/`) || !/^[a-z]+:|^\/\//i.test(src!), src).toBe(true);
      expect((body ?? "").trim()).toBe("");
    }
  });
});

describe("the manifest", () => {
  for (const [label, xml] of [["manifest.xml", readFileSync(join(__dirname, "../../manifest.xml"), "utf8")], ["dist/manifest.xml", distFile("manifest.xml")]] as const) {
    it(`${label} asks for ReadWriteDocument and nothing more`, () => {
      const permissions = [...xml.matchAll(/<Permissions>\s*([^<]*?)\s*<\/Permissions>/g)].map((m) => m[1]);
      expect(permissions).toEqual(["ReadWriteDocument"]);
    });

    it(`${label} trusts only its own origin`, () => {
      const origin = /<SourceLocation DefaultValue="(https:\/\/[^/"]+)\//.exec(xml)?.[1];
      expect(origin).toMatch(/^https:\/\//);
      const domains = [...xml.matchAll(/<AppDomain>\s*([^<]*?)\s*<\/AppDomain>/g)].map((m) => m[1]);
      for (const d of domains) expect(d).toBe(origin);
    });
  }
});
