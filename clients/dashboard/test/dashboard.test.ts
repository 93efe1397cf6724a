// The dashboard in a real browser: Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium; nothing downloads a
// browser) driven by playwright-core, against the real service and EDC simulator (../typescript/test/services.ts).
// Screenshots of the main views go to SCREENSHOT_DIR (default dist/screenshots); `npm run screenshots` writes the
// committed ones under docs/images/dashboard.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page, type Request } from "playwright-core";
import { STACK_TIMEOUT_MS, startStack, type Stack } from "../../typescript/test/services.js";

const API_KEY = "dashboard-test-key";
const EDC_API_KEY = "password";
/** How long the service may take for what the simulator answers at once (a few pipeline steps). */
const PIPELINE_MS = 30_000;
const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const SCREENSHOT_DIR = path.resolve(process.env["SCREENSHOT_DIR"] ?? path.join(import.meta.dirname, "..", "..", "screenshots"));
const FAILING = "agreement-refused";
const SLOW = "agreement-slow";
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Console errors and uncaught exceptions of the page (a Content-Security-Policy violation is reported as one). */
const pageErrors: string[] = [];
/** Every API request the page made, "METHOD /path". */
const requests: string[] = [];

async function simulator(method: string, route: string, body?: unknown): Promise<void> {
    const response = await fetch(`${stack.simulatorUrl}/_sim/${route}`, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(response.ok, `simulator ${method} ${route}: ${response.status}`);
}

/** The service's API with the test's key (for seeding and for checking what the page shows). */
async function api<T>(method: string, route: string, body?: unknown): Promise<T> {
    const response = await fetch(`${stack.serviceUrl}${route}`, {
        method,
        headers: { "X-Api-Key": API_KEY, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(response.ok, `${method} ${route}: ${response.status} ${await response.clone().text()}`);
    return await response.json() as T;
}

function request(...contractIds: string[]): { data: object[]; connectorAddress: string } {
    return {
        data: contractIds.map((contractId) => ({
            type: "edc-asset",
            counterPartyAddress: "http://provider-qna-controlplane:8082/api/dsp",
            contractId,
            connectorId: "did:web:provider-identityhub:7083:provider",
        })),
        connectorAddress: `${stack.simulatorUrl}/consumer/cp`,
    };
}

async function screenshot(name: string): Promise<void> {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Waits until the orchestration page shows `status` as the process status. */
async function processStatus(status: string): Promise<void> {
    await page.locator("#process-status", { hasText: new RegExp(`^${status}$`) }).waitFor({ timeout: PIPELINE_MS });
}

/** Submits `body` through the submit form and answers the new orchestration's id (from the page it opens). */
async function submit(body: object): Promise<string> {
    await page.goto(`${stack.serviceUrl}/dashboard/#/submit`);
    await page.locator("#request").fill(JSON.stringify(body, null, 2));
    await page.getByRole("button", { name: "Submit", exact: true }).click();
    await page.waitForURL(/#\/orchestrations\/[0-9a-f-]{36}$/);
    return decodeURIComponent(new URL(page.url()).hash.split("/")[2] ?? "");
}

async function axeViolations(): Promise<string[]> {
    const source = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
    await page.evaluate(source);
    const results = await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown }[] }[] }> } }).axe;
        return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
    });
    return results.filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(", ")}`);
}

before(async () => {
    stack = await startStack("dashboard", { EDC_API_KEY, API_KEYS: API_KEY }, ["--api-key", EDC_API_KEY]);
    await simulator("PUT", `agreements/${FAILING}`, { rejectTransfer: {} });
    await simulator("PUT", `agreements/${SLOW}`, { startDelayMs: 600_000 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: "en-GB", timezoneId: "UTC" });
    page = await context.newPage();
    page.setDefaultTimeout(PIPELINE_MS);
    page.on("console", (message) => {
        if (message.type() === "error") pageErrors.push(`${message.text()} (${message.location().url})`);
    });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("request", (r: Request) => {
        const url = new URL(r.url());
        if (!url.pathname.startsWith("/dashboard")) requests.push(`${r.method()} ${url.pathname}`);
    });
}, { timeout: STACK_TIMEOUT_MS });

after(async () => {
    await browser?.close();
    await stack?.stop();
}, { timeout: 60_000 });

test("serves the page with a strict Content-Security-Policy, and /dashboard redirects to it", async () => {
    const response = await fetch(`${stack.serviceUrl}/dashboard`, { redirect: "manual" });
    assert.equal(response.status, 301);
    assert.equal(new URL(response.headers.get("location") ?? "", stack.serviceUrl).pathname, "/dashboard/");
    const pageResponse = await fetch(`${stack.serviceUrl}/dashboard/`);
    assert.equal(pageResponse.status, 200);
    const csp = pageResponse.headers.get("content-security-policy") ?? "";
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /connect-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = await pageResponse.text();
    assert.doesNotMatch(html, /<script>|<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+=|style=/i, "no inline script, handler or style");
});

test("asks for the API key, refuses a wrong one, and keeps the right one in session storage only", async () => {
    await page.goto(`${stack.serviceUrl}/dashboard/`);
    await screenshot("sign-in");
    await page.locator("#api-key").fill("not-a-key");
    await page.getByRole("button", { name: "Use key" }).click();
    await page.getByText("The service refused this key.").waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);

    await page.locator("#api-key").fill(API_KEY);
    await page.getByRole("button", { name: "Use key" }).click();
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    const storage = await page.evaluate(() => ({
        session: Object.values(sessionStorage), local: localStorage.length, cookie: document.cookie,
    }));
    assert.deepEqual(storage, { session: [API_KEY], local: 0, cookie: "" });
});

test("checks a request before sending it: invalid JSON or fields are listed and nothing is sent", async () => {
    await page.goto(`${stack.serviceUrl}/dashboard/#/submit`);
    const sent = requests.length;
    await page.locator("#request").fill("{\"data\": [");
    await page.locator("#request-problems", { hasText: "Not valid JSON" }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Submit", exact: true }).isDisabled(), true);
    await page.locator("#request").fill(JSON.stringify({ data: [{ counterPartyAddress: "ftp://x" }], connectorAddress: "" }));
    const problems = await page.locator("#request-problems li").allTextContents();
    assert.deepEqual(problems.sort(), [
        "connectorAddress: Field may not be blank.",
        "data[0].contractId: Missing data for required field.",
        "data[0].counterPartyAddress: Not a valid URL: an absolute http or https URL is required.",
    ]);
    assert.equal(await page.getByRole("button", { name: "Submit", exact: true }).isDisabled(), true);
    assert.deepEqual(requests.slice(sent).filter((r) => r.startsWith("POST")), [], "nothing was posted");
    await screenshot("submit");
});

test("submits an orchestration, watches it reach COMPLETED, and downloads a file", async () => {
    const id = await submit(request("dashboard-contract-1", "dashboard-contract-2"));
    assert.ok(requests.includes("POST /orchestrate"), "the form posted through the generated client");
    await processStatus("COMPLETED");
    await page.locator("tr[data-status=SAVED]").nth(1).waitFor();
    await screenshot("orchestration");

    const orchestration = (await api<{ response: { orchestration_processes: Record<string, { items: { sha256: string; bytes: number }[] }> } }>(
        "GET", `/status/${id}`)).response.orchestration_processes[id];
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download the file of item 0" }).click();
    const download = await downloading;
    const file = await readFile(await download.path());
    assert.equal(file.length, orchestration?.items[0]?.bytes);
    assert.equal(createHash("sha256").update(file).digest("hex"), orchestration?.items[0]?.sha256);
});

test("a failed item is retried from the page and saved, keeping its first error", async () => {
    await submit(request(FAILING));
    await processStatus("FAILED");
    await page.locator("tr[data-index='0'] .error-code").waitFor();
    const code = await page.locator("tr[data-index='0'] .error-code").textContent();
    assert.equal(code, "EDC_REQUEST_REJECTED");
    await page.locator("tr[data-index='0'] details summary").first().click();
    await screenshot("failed-item");

    await simulator("DELETE", `agreements/${FAILING}`);
    await page.getByRole("button", { name: "Retry failed items" }).click();
    await processStatus("COMPLETED");
    const row = page.locator("tr[data-index='0']");
    assert.equal(await row.getAttribute("data-status"), "SAVED");
    assert.equal(await row.locator("td").nth(3).textContent(), "2", "two attempts");
    await row.getByText("Earlier errors (1)").click();
    assert.equal(await row.locator("details.previous .error-code").textContent(), code);
});

test("an unknown orchestration's page says so, and stops asking", async () => {
    await page.goto(`${stack.serviceUrl}/dashboard/#/orchestrations/${UNKNOWN}`);
    await page.getByRole("heading", { name: "No such orchestration" }).waitFor();
    const asked = requests.filter((r) => r === `GET /status/${UNKNOWN}`).length;
    assert.equal(asked, 1);
    await page.waitForTimeout(2500); // longer than the refresh interval: a live page would have asked again
    assert.equal(requests.filter((r) => r === `GET /status/${UNKNOWN}`).length, asked);
});

test("a running orchestration is cancelled from the page", async () => {
    await submit(request(SLOW));
    await page.locator("tr[data-index='0'][data-status=TRANSFER_REQUESTED]").waitFor();
    await page.getByRole("button", { name: "Cancel orchestration" }).click();
    await processStatus("CANCELLED");
    assert.equal(await page.getByRole("button", { name: "Cancel orchestration" }).isDisabled(), true);
    assert.equal(await page.getByRole("button", { name: "Retry item 0" }).isVisible(), true, "a cancelled item can be retried");
});

test("the overview counts by status, charts finished items, filters, and pages through the list", async () => {
    for (let i = 0; i < 4; i++) await api("POST", "/orchestrate", request(`dashboard-page-${i}`));
    type Page_ = { response: { orchestration_processes: Record<string, { process_status: string }>; next_cursor: string | null } };
    const everything = Object.keys((await api<Page_>("GET", "/status?limit=100")).response.orchestration_processes);
    assert.equal(everything.length, 7);

    await page.goto(`${stack.serviceUrl}/dashboard/#/`);
    await page.locator("#page-size").selectOption("5");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/#\/\?size=5$/);
    const ids = (): Promise<string[]> => page.locator("tbody tr[data-orchestration-id]").evaluateAll(
        (rows) => rows.map((row) => row.getAttribute("data-orchestration-id") ?? ""));
    await page.locator("tbody tr[data-orchestration-id]").nth(4).waitFor();
    const first = await ids();
    assert.deepEqual(first, everything.slice(0, 5), "newest first, five per page");

    await page.getByRole("button", { name: "Older →" }).click();
    await page.getByText("Page 2").waitFor();
    assert.deepEqual(await ids(), everything.slice(5), "the rest on the second page");
    assert.equal(await page.getByRole("button", { name: "Older →" }).isDisabled(), true);
    await page.getByRole("button", { name: "← Newer" }).click();
    await page.getByText("Page 1").waitFor();
    assert.deepEqual(await ids(), first);

    // Counts and chart agree with the service once everything has finished.
    await page.locator(".count a[data-status=COMPLETED] .count-value", { hasText: /^6$/ }).waitFor({ timeout: PIPELINE_MS });
    assert.equal(await page.locator(".count a[data-status=CANCELLED] .count-value").textContent(), "1");
    await page.locator("#finished-chart-caption", { hasText: /: 7 SAVED, 0 FAILED, 1 CANCELLED\.$/ }).waitFor();

    await page.locator(".count a[data-status=CANCELLED]").click();
    await page.waitForURL(/#\/\?status=CANCELLED$/);
    await page.locator("tbody tr[data-orchestration-id]").first().waitFor();
    assert.equal(await page.locator("tbody tr[data-orchestration-id]").count(), 1);
    assert.equal(await page.locator("tbody tr[data-orchestration-id] .status").textContent(), "CANCELLED");
    // The creation-time filters: nothing was created after tomorrow, everything before it.
    const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 16);
    await page.goto(`${stack.serviceUrl}/dashboard/#/`);
    await page.locator("#created-after").fill(tomorrow);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText("No orchestrations match.").waitFor();
    await page.getByRole("button", { name: "Clear" }).click();
    await page.locator("#created-before").fill(tomorrow);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/#\/\?before=/);
    await page.locator("tbody tr[data-orchestration-id]").nth(6).waitFor();
    assert.deepEqual(await ids(), everything);

    await page.goto(`${stack.serviceUrl}/dashboard/#/`);
    await page.locator("tbody tr[data-orchestration-id]").nth(6).waitFor();
    await screenshot("overview");
});

test("axe-core finds no serious or critical accessibility violations on any view", async () => {
    const views: [string, () => Promise<void>][] = [
        ["overview", async () => { await page.goto(`${stack.serviceUrl}/dashboard/#/`); await page.locator("tbody tr[data-orchestration-id]").first().waitFor(); }],
        ["orchestration", async () => { await page.locator("tbody tr[data-orchestration-id] a").first().click(); await page.locator("#process-status").waitFor(); }],
        ["submit", async () => { await page.goto(`${stack.serviceUrl}/dashboard/#/submit`); await page.locator("#request").waitFor(); }],
        ["sign-in", async () => { await page.getByRole("button", { name: "Forget key" }).click(); await page.locator("#api-key").waitFor(); }],
    ];
    const found: string[] = [];
    for (const [name, open] of views) {
        await open();
        found.push(...(await axeViolations()).map((v) => `${name}: ${v}`));
    }
    assert.deepEqual(found, []);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0, "Forget key removed the key");
});

test("the page logged no error: no Content-Security-Policy violation, no uncaught exception", () => {
    // Chromium logs every failed load; two were asked for: the wrong key's 403 and the unknown orchestration's 404.
    const expected = [/status of 403 \(Forbidden\) \(.*\/status\?limit=1\)$/, new RegExp(`status of 404 \\(Not Found\\) \\(.*/status/${UNKNOWN}\\)$`)];
    assert.deepEqual(pageErrors.filter((e) => !expected.some((pattern) => pattern.test(e))), []);
});
