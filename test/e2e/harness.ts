/**
 * End-to-end test bed for the task pane (also used by bench/pane.bench.ts): one production
 * build with the local office.js (`webpack --mode production --env officejs=local`), cached by
 * the content of its inputs so a run builds at most once; a static server on 127.0.0.1 (random
 * port, loopback only) serving it and axe-core; headless Chromium through playwright-core.
 */
import { createHash } from "node:crypto";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, relative, resolve, sep } from "node:path";
import type { AddressInfo } from "node:net";
import { type BrowserContext, type Page, chromium } from "playwright-core";

export const ROOT = resolve(__dirname, "../..");
export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
const CACHE = join(ROOT, "node_modules", ".cache", "salesplan-e2e");

/** Files whose content decides the build. */
function buildInputs(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  for (const d of ["src", "assets", "scripts"]) if (existsSync(join(ROOT, d))) walk(join(ROOT, d));
  for (const f of ["webpack.config.js", "manifest.xml", "package-lock.json", "tsconfig.json"]) if (existsSync(join(ROOT, f))) out.push(join(ROOT, f));
  return out.sort();
}

function inputsHash(): string {
  const h = createHash("sha256");
  for (const f of buildInputs()) {
    h.update(relative(ROOT, f));
    h.update(readFileSync(f));
  }
  return h.digest("hex").slice(0, 16);
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((res, rej) => {
    const p = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=2048" } });
    let err = "";
    p.stdout.on("data", (d: Buffer) => (err += d.toString()));
    p.stderr.on("data", (d: Buffer) => (err += d.toString()));
    p.on("error", rej);
    p.on("exit", (code) => (code === 0 ? res() : rej(new Error(`${cmd} ${args.join(" ")} exited ${code}:\n${err.slice(-4000)}`))));
  });
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(CACHE, { recursive: true });
  const lock = join(CACHE, "lock");
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than 10 minutes belongs to a run that died.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
      if (i > 1200) throw new Error(`e2e build lock ${lock} held too long`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The directory of a production build with the local office.js, built when its inputs changed. */
export async function previewBuild(): Promise<string> {
  return withLock(async () => {
    const hash = inputsHash();
    const dir = join(CACHE, `dist-${hash}`);
    if (existsSync(join(dir, "taskpane.html")) && existsSync(join(dir, ".complete"))) return dir;
    for (const old of existsSync(CACHE) ? readdirSync(CACHE) : []) if (old.startsWith("dist-")) rmSync(join(CACHE, old), { recursive: true, force: true });
    await run(process.execPath, [join(ROOT, "node_modules/webpack-cli/bin/cli.js"), "--mode", "production", "--env", "officejs=local", "--output-path", dir]);
    writeFileSync(join(dir, ".complete"), hash);
    return dir;
  });
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".png": "image/png",
  ".css": "text/css", ".xml": "application/xml", ".txt": "text/plain",
};

export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

/** Serves `dir` (and axe-core at /__axe/axe.min.js, same origin, so the page's CSP allows it) on 127.0.0.1, a random port. */
export async function serve(dir: string): Promise<StaticServer> {
  const axe = readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"));
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? "/").split("?")[0]!);
    if (path === "/__axe/axe.min.js") {
      res.writeHead(200, { "content-type": TYPES[".js"]! });
      return void res.end(axe);
    }
    const file = normalize(join(dir, path === "/" ? "taskpane.html" : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" });
      return void res.end("not found");
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

export interface Browser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/** Headless Chromium with a throw-away profile. */
export async function launch(viewport = { width: 320, height: 800 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "salesplan-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    deviceScaleFactor: 1,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/**
 * Runs axe-core on the page (WCAG 2.1 A/AA and best-practice rules); returns the serious and
 * critical violations. Fluent UI's focus manager (Tabster) inserts invisible "dummy" elements
 * (`<i data-tabster-dummy aria-hidden tabindex=0>`) that move focus in and out of groups; they
 * never keep focus and screen readers skip them, so they are left out of the check.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ url: "/__axe/axe.min.js" });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run({ exclude: [["[data-tabster-dummy]"]] }, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) }));
  });
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}
