// Builds the dashboard into DataOrchestrator.Api/Dashboard/wwwroot, which the service embeds and serves at /dashboard:
// one minified script (the app, Chart.js and the generated client, bundled by esbuild), the stylesheet and the page.
// The output is committed; `npm run check-built` (CI) fails when it differs from what this makes of the sources.
import { build } from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, "..", "..", "DataOrchestrator.Api", "Dashboard", "wwwroot");

await rm(out, { recursive: true, force: true });
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
await copyFile(path.join(here, "static", "index.html"), path.join(out, "index.html"));
await copyFile(path.join(here, "static", "dashboard.css"), path.join(out, "dashboard.css"));
console.log(`dashboard built into ${path.relative(process.cwd(), out)}`);
