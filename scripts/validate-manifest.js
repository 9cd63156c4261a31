#!/usr/bin/env node
// `npm run validate`: checks manifest.xml offline against the Office add-in manifest XSDs in
// schemas/office-addin-manifest (xmllint), then runs Microsoft's online validation
// (office-addin-manifest validate), reported as skipped when the service cannot be reached.
// Usage: node scripts/validate-manifest.js [manifest.xml ...]   (default: manifest.xml, and dist/manifest.xml when built)
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const schema = path.join(root, "schemas", "office-addin-manifest", "OfficeAppManifestV1_1.xsd");
const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const offlineOnly = process.argv.includes("--offline");
const manifests = args.length ? args : ["manifest.xml", ...(fs.existsSync(path.join(root, "dist", "manifest.xml")) ? ["dist/manifest.xml"] : [])];

let failed = false;
for (const m of manifests) {
  const file = path.resolve(root, m);
  const x = spawnSync("xmllint", ["--noout", "--schema", schema, file], { encoding: "utf8" });
  if (x.error) {
    console.error(`xmllint is not installed: install libxml2-utils (Debian/Ubuntu) or libxml2 (macOS has it) and run again.`);
    process.exit(2);
  }
  if (x.status !== 0) {
    failed = true;
    console.error(`✗ ${m}: does not match the add-in manifest schema\n${x.stderr.trim()}`);
    continue;
  }
  const xml = fs.readFileSync(file, "utf8");
  const problems = [];
  if (!/<Permissions>ReadWriteDocument<\/Permissions>/.test(xml)) problems.push("Permissions must be ReadWriteDocument (no more is needed)");
  if (!/<bt:String id="Functions.Namespace" DefaultValue="PLAN"\/>/.test(xml)) problems.push("the custom functions namespace must be PLAN");
  if (!/<Runtime resid="Taskpane.Url" lifetime="long"\/>/.test(xml)) problems.push("the shared runtime (lifetime long) is missing");
  for (const [, url] of xml.matchAll(/"(https:\/\/localhost:3000\/assets\/[^"]+)"/g)) {
    const local = path.join(root, url.replace("https://localhost:3000/", ""));
    if (!fs.existsSync(local)) problems.push(`icon ${url} has no file ${path.relative(root, local)}`);
  }
  if (problems.length) {
    failed = true;
    for (const p of problems) console.error(`✗ ${m}: ${p}`);
  } else {
    console.log(`✓ ${m}: valid against the offline manifest schema (xmllint)`);
  }
}
if (failed) process.exit(1);

if (offlineOnly) {
  console.log("- online validation: skipped (--offline)");
  process.exit(0);
}
const bin = path.join(root, "node_modules", ".bin", "office-addin-manifest");
const online = spawnSync(bin, ["validate", path.join(root, "manifest.xml")], { encoding: "utf8", timeout: 60_000 });
const out = `${online.stdout ?? ""}${online.stderr ?? ""}`;
if (online.status === 0 && /The manifest is valid/i.test(out)) {
  console.log("✓ manifest.xml: valid (Microsoft's online validation)");
} else if (online.error || /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|fetch failed|network|Unable to contact|getaddrinfo|socket/i.test(out)) {
  console.log("- online validation: skipped (Microsoft's validation service cannot be reached from this machine)");
} else {
  console.error(`✗ manifest.xml: Microsoft's online validation failed\n${out.trim()}`);
  process.exit(1);
}
