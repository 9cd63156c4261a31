#!/usr/bin/env node
// The `salesplan` command: runs the compiled CLI in lib/ (built by `npm run build`).
const path = require("path");
const fs = require("fs");

const main = path.join(__dirname, "..", "lib", "cli", "main.js");
if (!fs.existsSync(main)) {
  process.stderr.write("salesplan: the CLI is not built yet. Run `npm run build` (or `npm run build:cli`) in the repository first.\n");
  process.exit(2);
}
require(main).run(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`salesplan: unexpected failure: ${err && err.message ? err.message : err}\n`);
    process.exitCode = 2;
  },
);
