/**
 * The built bundles call no network service of ours: no fetch, XMLHttpRequest, WebSocket,
 * EventSource, sendBeacon, importScripts or WebRTC/WebTransport, and no http(s) URL except
 * the few that libraries embed as names or in messages (each listed below with why it is
 * harmless). Office.js itself is loaded from Microsoft's CDN by the page, not bundled.
 */
import { describe, expect, it } from "vitest";
import { distFile } from "./dist";

const BUNDLES = ["taskpane.js", "functions.js"] as const;

/** APIs that send or receive over the network, as they appear in code. */
const NETWORK_APIS: [string, RegExp][] = [
  ["fetch(", /(?<![\w$.])fetch\s*\(|\.fetch\s*\(|\[\s*["'`]fetch["'`]\s*\]/],
  ["XMLHttpRequest", /XMLHttpRequest/],
  ["WebSocket", /WebSocket/],
  ["EventSource", /EventSource/],
  ["sendBeacon", /sendBeacon/],
  ["importScripts", /importScripts/],
  ["RTCPeerConnection", /RTCPeerConnection/],
  ["WebTransport", /WebTransport/],
];

/**
 * URLs allowed in the bundles, and why none is a network call:
 * - the SVG, XLink, MathML and XML namespace URIs: React DOM passes them to
 *   createElementNS/setAttributeNS as names; nothing is fetched;
 * - https://react.dev/errors/: React's production build puts it in the text of an error
 *   message ("visit https://react.dev/errors/418 for the full message"); never fetched;
 * - Microsoft documentation and schema hosts (learn.microsoft.com, go.microsoft.com,
 *   aka.ms, schemas.microsoft.com, schemas.openxmlformats.org): links in messages and
 *   namespace names, never fetched by our code;
 * - https://appsforoffice.microsoft.com/: the Office.js CDN, which the page loads (CSP allows it);
 * - https://localhost:3000/: the add-in's own base URL of the development build (help links),
 *   which the production build replaces with the deployment's (the manifest's origin).
 */
const ALLOWED_URL = [
  /^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink|1998\/Math\/MathML|XML\/1998\/namespace|1999\/xhtml)$/,
  /^https:\/\/react\.dev\/errors\/$/,
  /^https:\/\/(learn|go|docs)\.microsoft\.com\//,
  /^https:\/\/aka\.ms\//,
  /^https?:\/\/schemas\.(microsoft\.com|openxmlformats\.org)\//,
  /^https:\/\/appsforoffice\.microsoft\.com\//,
];

/** The add-in's own origin, from the built manifest (the development build's is https://localhost:3000). */
function ownOrigin(): string {
  const m = /<SourceLocation DefaultValue="(https:\/\/[^/"]+)\//.exec(distFile("manifest.xml"));
  return m?.[1] ?? "https://localhost:3000";
}

describe.each(BUNDLES)("dist/%s", (name) => {
  const js = distFile(name);

  it("is a real bundle", () => {
    expect(js.length).toBeGreaterThan(10_000);
  });

  it.each(NETWORK_APIS)("does not use %s", (_api, pattern) => {
    const hit = pattern.exec(js);
    expect(hit ? js.slice(Math.max(0, hit.index - 80), hit.index + 80) : null).toBeNull();
  });

  it("holds no http(s) URL but the allowed ones", () => {
    const own = ownOrigin();
    const urls = [...new Set(js.match(/https?:\/\/[^\s"'`<>()\\,;]+/g) ?? [])];
    const unexpected = urls.filter((u) => !u.startsWith(`${own}/`) && u !== own && !ALLOWED_URL.some((re) => re.test(u)));
    expect(unexpected).toEqual([]);
  });

  it("evaluates no strings as code: no eval, and new Function only in webpack's global-object fallback", () => {
    expect(js).not.toMatch(/(?<![\w$.])eval\s*\(/);
    // webpack's runtime: `try { return this || new Function("return this")() } catch …`, reached only
    // where globalThis is missing (never in Office's browsers), and refused there by the CSP anyway.
    const uses = js.match(/new Function\([^)]*\)/g) ?? [];
    for (const u of uses) expect(u).toBe('new Function("return this")');
  });
});
