/* eslint-disable no-undef */
// Builds the add-in into dist/: the task pane page (taskpane.html + taskpane.js), the custom
// functions bundle (functions.js) with functions.json generated from JSDoc by
// custom-functions-metadata-plugin, its Chinese twin functions.zh-CN.json, a help page that
// the functions' help URLs point to, the icons and the manifest.
//
// Settings (`webpack --env name=value`, e.g. `npm run build -- --env url=https://contoso.example/salesplan/`):
//   url       HTTPS base URL the add-in is served from in production (default https://localhost:3000/).
//             Every https://localhost:3000/ in manifest.xml and in the help URLs becomes this.
//   helpBase  Base URL of the function reference (default <url>help.html); anchors are #plan-<name>.
//   officejs  "cdn" (default: Microsoft's CDN, as Microsoft recommends) or "local" (the copy in
//             @microsoft/office-js, for the browser preview and tests on machines without internet).
// Dev server certificates: on Windows and macOS office-addin-dev-certs installs a trusted localhost
// certificate. On Linux it cannot (it needs sudo): set SALESPLAN_DEV_CERTS=files to use the files in
// ~/.office-addin-dev-certs/ directly, or the dev server makes its own self-signed one.
const path = require("path");
const fs = require("fs");
const os = require("os");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { sources, Compilation } = require("webpack");
const { buildHelpPage, localizeMetadata } = require("./scripts/functions-metadata");

const DEV_URL = "https://localhost:3000/";
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

async function httpsOptions() {
  const certDir = path.join(os.homedir(), ".office-addin-dev-certs");
  if (process.env.SALESPLAN_DEV_CERTS === "files") {
    return {
      ca: fs.readFileSync(path.join(certDir, "ca.crt")),
      key: fs.readFileSync(path.join(certDir, "localhost.key")),
      cert: fs.readFileSync(path.join(certDir, "localhost.crt")),
    };
  }
  if (process.platform === "win32" || process.platform === "darwin") {
    const devCerts = require("office-addin-dev-certs");
    return devCerts.getHttpsServerOptions();
  }
  return undefined; // webpack-dev-server generates a self-signed certificate
}

/** Emits functions.zh-CN.json and help.html from the generated functions.json, with help URLs on the configured base. */
class FunctionsMetadataExtrasPlugin {
  constructor(opts) {
    this.opts = opts;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("FunctionsMetadataExtras", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "FunctionsMetadataExtras", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          const asset = compilation.getAsset("functions.json");
          if (!asset) return;
          const zh = JSON.parse(fs.readFileSync(path.join(__dirname, "src/functions/functions.zh-CN.json"), "utf8"));
          const en = JSON.parse(asset.source.source().toString());
          for (const f of en.functions) f.helpUrl = `${this.opts.helpBase}#plan-${f.id.toLowerCase()}`;
          compilation.updateAsset("functions.json", new sources.RawSource(JSON.stringify(en, null, 2)));
          const { metadata, missing } = localizeMetadata(en, zh);
          if (missing.length) compilation.errors.push(new Error(`functions.zh-CN.json lacks: ${missing.join(", ")}`));
          compilation.emitAsset("functions.zh-CN.json", new sources.RawSource(JSON.stringify(metadata, null, 2)));
          compilation.emitAsset("help.html", new sources.RawSource(buildHelpPage(en, zh)));
        },
      );
    });
  }
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const baseUrl = (env.url || DEV_URL).replace(/\/?$/, "/");
  if (!/^https:\/\//.test(baseUrl)) throw new Error(`--env url must be an https:// URL (Office loads add-ins only over HTTPS), got ${baseUrl}`);
  const helpBase = env.helpBase || `${baseUrl}help.html`;
  const officeJs = env.officejs === "local" ? "office-js/office.js" : OFFICE_CDN;
  const officeOrigin = env.officejs === "local" ? "" : " https://appsforoffice.microsoft.com";
  // Strict CSP: scripts only from our origin and Microsoft's Office.js CDN; no eval; Fluent UI's
  // styling engine (Griffel) inserts <style> elements, hence 'unsafe-inline' for styles only.
  const csp = [
    "default-src 'self'",
    `script-src 'self'${officeOrigin}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${officeOrigin}${dev ? " wss://localhost:3000 ws://localhost:3000" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");

  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: "./src/functions/functions.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { configFile: "tsconfig.json", onlyCompileBundledFiles: true, transpileOnly: true } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new FunctionsMetadataExtrasPlugin({ helpBase }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // The shared runtime runs the functions in the task pane's page.
        chunks: ["functions", "taskpane"],
        templateParameters: { officeJs, csp },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => content.toString().split(DEV_URL).join(baseUrl).replace("https://localhost:3000<", `${baseUrl.replace(/\/$/, "")}<`),
          },
          ...(env.officejs === "local"
            ? // Outside Office, office.js loads only its file-mapping table and its own strings.
              ["office.js", "office.debug.js", "o15apptofilemappingtable.js", "en-us/**", "zh-cn/**"].map((f) => ({
                from: f,
                context: "node_modules/@microsoft/office-js/dist",
                to: "office-js",
                noErrorOnMissing: true,
              }))
            : []),
        ],
      }),
    ],
    devServer: {
      port: 3000,
      headers: { "Access-Control-Allow-Origin": "*", "Content-Security-Policy": csp },
      server: { type: "https", options: await httpsOptions() },
      static: env.officejs === "local" ? [{ directory: path.join(__dirname, "node_modules/@microsoft/office-js/dist"), publicPath: "/office-js" }] : [],
      client: { overlay: false },
    },
  };
};
