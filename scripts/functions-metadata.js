// Build helpers for the custom functions' metadata (used by webpack.config.js and tests):
// the Chinese metadata file and the help page that every function's help URL points to.
"use strict";

/** Returns functions.json with descriptions replaced by the Chinese ones, and what is missing. */
function localizeMetadata(en, zh) {
  const missing = [];
  const metadata = JSON.parse(JSON.stringify(en));
  for (const f of metadata.functions) {
    const t = zh[f.id];
    if (!t || !t.description) {
      missing.push(f.id);
      continue;
    }
    f.description = t.description;
    if (f.result && t.result) f.result.description = t.result;
    for (const p of f.parameters || []) {
      const d = t.parameters && t.parameters[p.name];
      if (d) p.description = d;
      else missing.push(`${f.id}(${p.name})`);
    }
  }
  return { metadata, missing };
}

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A self-contained bilingual function reference; anchors are #plan-<id in lower case>. */
function buildHelpPage(en, zh) {
  const sections = en.functions.map((f) => {
    const t = zh[f.id] || { parameters: {} };
    const sig = f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
    const rows = f.parameters
      .map((p) => `<tr><td><code>${esc(p.name)}</code>${p.optional ? " (optional / 可选)" : ""}</td><td>${esc(p.description || "")}<br><span lang="zh-CN">${esc((t.parameters || {})[p.name] || "")}</span></td></tr>`)
      .join("");
    return `<section id="plan-${f.id.toLowerCase()}"><h2>PLAN.${esc(f.id)}(${esc(sig)})</h2><p>${esc(f.description)}</p><p lang="zh-CN">${esc(t.description || "")}</p><table>${rows}</table><p lang="zh-CN">返回：${esc(t.result || "")}</p></section>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>SalesPlan PLAN.* functions</title><style>body{font-family:Segoe UI,system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5}td{vertical-align:top;padding:.25rem .5rem;border-top:1px solid #ddd}code{background:#f3f3f3;padding:0 .2rem}</style></head><body><h1>SalesPlan: PLAN.* functions / 计划函数</h1><p>Errors are Excel's: #VALUE! (bad type or shape), #DIV/0! (zero divisor), #NUM! (number out of range), #N/A (not defined yet). Dates are Excel dates or text such as 2026-09-30.</p>${sections.join("\n")}</body></html>\n`;
}

module.exports = { localizeMetadata, buildHelpPage };
