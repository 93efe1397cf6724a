// Builds the dashboard's script into DataOrchestrator.Api/Dashboard/wwwroot/dashboard.js: the app, Chart.js and the
// generated client, bundled and minified by esbuild. Next to it are the page (index.html) and its stylesheet
// (dashboard.css), written by hand; the service embeds the three and serves them at /dashboard. The script is
// committed; `npm run check-built` (CI) fails when it differs from what this makes of the sources.
import { build } from "esbuild";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, "..", "..", "DataOrchestrator.Api", "Dashboard", "wwwroot");

await mkdir(out, { recursive: true });
await build({
    entryPoints: [path.join(here, "src", "main.ts")],
    outfile: path.join(out, "dashboard.js"),
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2022"],
    platform: "browser",
    legalComments: "eof",
    logLevel: "warning",
});
console.log(`dashboard script built into ${path.relative(process.cwd(), path.join(out, "dashboard.js"))}`);
