// The real service and the bundled EDC simulator for end-to-end tests, started as `dotnet <dll>` processes on free
// loopback ports in a fresh temporary directory (built with `dotnet build -c Release` first if their binaries are
// missing). Used by this client's tests and by the dashboard's browser tests (clients/dashboard).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import net, { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const STARTUP_TIMEOUT_MS = 60_000;
const BUILD_TIMEOUT_MS = 15 * 60_000;
/** Long enough for a build of the binaries and both start-ups: the timeout of a `before` hook that calls startStack. */
export const STACK_TIMEOUT_MS = BUILD_TIMEOUT_MS + 2 * STARTUP_TIMEOUT_MS;

/** The repository root, found upwards from this file (compiled into a dist/ folder of either package). */
function findRepoRoot(): string {
    let directory = path.dirname(fileURLToPath(import.meta.url));
    while (!existsSync(path.join(directory, "DataOrchestrator.sln"))) {
        const parent = path.dirname(directory);
        if (parent === directory) throw new Error("DataOrchestrator.sln not found above the tests");
        directory = parent;
    }
    return directory;
}

export const repoRoot = findRepoRoot();
const serviceDll = path.join(repoRoot, "DataOrchestrator.Api", "bin", "Release", "net10.0", "DataOrchestrator.Api.dll");
const simulatorDll = path.join(repoRoot, "tools", "DataOrchestrator.EdcSimulator", "bin", "Release", "net10.0",
    "DataOrchestrator.EdcSimulator.dll");

interface Managed {
    name: string;
    child: ChildProcess;
    output: () => string;
}

const processes: Managed[] = [];

// Backstop: never leave a dotnet process behind, even if the runner dies between before() and after().
process.on("exit", () => {
    for (const { child } of processes) {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
});

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.unref();
        server.on("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

function start(name: string, dll: string, url: string, cwd: string, env: Record<string, string>, extraArgs: string[]): Managed {
    const child = spawn("dotnet", [dll, "--urls", url, ...extraArgs], {
        cwd,
        env: { ...process.env, DOTNET_NOLOGO: "1", DOTNET_CLI_TELEMETRY_OPTOUT: "1", ...env },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    const keep = (chunk: Buffer): void => {
        log = (log + chunk.toString("utf8")).slice(-20_000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const managed: Managed = { name, child, output: () => log };
    processes.push(managed);
    return managed;
}

async function waitUntilHealthy(managed: Managed, healthUrl: string): Promise<void> {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    while (Date.now() < deadline) {
        if (managed.child.exitCode !== null || managed.child.signalCode !== null) {
            throw new Error(`${managed.name} exited (${managed.child.exitCode ?? managed.child.signalCode}) before it `
                + `answered ${healthUrl}:\n${managed.output()}`);
        }
        try {
            const response = await fetch(healthUrl, { signal: AbortSignal.timeout(2_000) });
            await response.arrayBuffer();
            if (response.status === 200) return;
        } catch {
            // not listening yet
        }
        await sleep(200);
    }
    throw new Error(`${managed.name} did not answer 200 on ${healthUrl} within ${STARTUP_TIMEOUT_MS} ms:\n${managed.output()}`);
}

async function stop(managed: Managed): Promise<void> {
    const { child } = managed;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
}

function buildIfMissing(): void {
    if (existsSync(serviceDll) && existsSync(simulatorDll)) return;
    const solution = path.join(repoRoot, "DataOrchestrator.sln");
    const result = spawnSync("dotnet", ["build", solution, "-c", "Release", "-nologo", "-v", "q"], {
        cwd: repoRoot,
        encoding: "utf8",
        timeout: BUILD_TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status !== 0 || !existsSync(serviceDll) || !existsSync(simulatorDll)) {
        throw new Error(`dotnet build ${solution} failed (${result.status ?? result.signal ?? result.error}):\n`
            + `${result.stdout ?? ""}${result.stderr ?? ""}`);
    }
}

export interface Stack {
    /** The temporary directory both run in: the service's data/ and logs/ are below it. */
    workDir: string;
    serviceUrl: string;
    simulatorUrl: string;
    /** The end of the service's console output, for failure messages. */
    serviceOutput(): string;
    /** Stops both processes and deletes the directory. */
    stop(): Promise<void>;
}

/**
 * Starts the simulator (with `simulatorArgs`) and the service (data and logs in the work directory, plus
 * `serviceEnv`) and waits until both answer their health checks.
 */
export async function startStack(name: string, serviceEnv: Record<string, string>, simulatorArgs: string[] = []): Promise<Stack> {
    buildIfMissing();
    const workDir = await mkdtemp(path.join(tmpdir(), `dataorchestrator-${name}-`));
    const [simulatorPort, servicePort] = [await freePort(), await freePort()];
    const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
    const serviceUrl = `http://127.0.0.1:${servicePort}`;
    const simulator = start("EDC simulator", simulatorDll, simulatorUrl, workDir, {}, simulatorArgs);
    const service = start("DataOrchestrator", serviceDll, serviceUrl, workDir, {
        DATA_STORAGE_PATH: path.join(workDir, "data"),
        LOG_DIR: path.join(workDir, "logs"),
        ...serviceEnv,
    }, []);
    const stopAll = async (): Promise<void> => {
        await Promise.all([stop(simulator), stop(service)]);
        await rm(workDir, { recursive: true, force: true });
    };
    try {
        await Promise.all([
            waitUntilHealthy(simulator, `${simulatorUrl}/_sim/health`),
            waitUntilHealthy(service, `${serviceUrl}/health/live`),
        ]);
    } catch (error) {
        await stopAll();
        throw error;
    }
    return { workDir, serviceUrl, simulatorUrl, serviceOutput: service.output, stop: stopAll };
}
