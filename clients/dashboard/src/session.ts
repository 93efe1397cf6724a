// The API key the operator entered, kept in sessionStorage only: it lasts as long as the tab, is never written to
// localStorage or a cookie, and goes to the service only in the X-Api-Key header of the generated clients' calls.
import { OrchestrateClient, StatusClient, withApiKey, isErrorResponseException } from "../../typescript/src/index.js";

const KEY = "dataorchestrator.apiKey";

export interface Clients {
    orchestrate: OrchestrateClient;
    status: StatusClient;
}

export function storedKey(): string | null {
    return sessionStorage.getItem(KEY);
}

export function storeKey(apiKey: string): void {
    sessionStorage.setItem(KEY, apiKey);
}

export function forgetKey(): void {
    sessionStorage.removeItem(KEY);
}

/**
 * The service's base URL: the dashboard is served by the service it shows, at `{base}/dashboard/`, so the API is one
 * level up, also behind a reverse proxy that serves the service under a path prefix.
 */
export function serviceBase(): string {
    return new URL("../", location.href).href.replace(/\/$/, "");
}

/** The generated clients, calling the service that served this page. */
export function clientsFor(apiKey: string): Clients {
    const http = withApiKey(apiKey, (input, init) => fetch(input, init));
    const base = serviceBase();
    return { orchestrate: new OrchestrateClient(base, http), status: new StatusClient(base, http) };
}

/** True when `error` says the key is not (or no longer) accepted: 403 "Invalid or missing API key", as the original service answers. */
export function isUnauthorized(error: unknown): boolean {
    const status = typeof error === "object" && error !== null ? (error as { status?: unknown }).status : undefined;
    return status === 401 || status === 403;
}

/** One line for an error of a call: the service's envelope message and details when it sent one. */
export function describeError(error: unknown): string {
    if (isErrorResponseException(error)) {
        const byField: Record<string, string[]> = error.result.details ?? {};
        const details = Object.entries(byField).map(([field, messages]) => `${field}: ${messages.join(" ")}`);
        return [`${error.result.message} (HTTP ${error.status})`, ...details].join(" — ");
    }
    if (typeof error === "object" && error !== null && typeof (error as { status?: unknown }).status === "number") {
        return `HTTP ${(error as { status: number }).status}`;
    }
    return error instanceof Error ? error.message : String(error);
}
