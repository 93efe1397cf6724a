// The public surface of @dataorchestrator/client: the NSwag-generated client (src/generated/client.ts, never edited
// by hand; `npm run generate` rewrites it from docs/openapi.json) plus two small helpers.
import { ApiException, type ErrorResponse } from "./generated/client.js";

export * from "./generated/client.js";

/** The `fetch` the generated clients call: the second constructor argument of `OrchestrateClient`/`StatusClient`. */
export interface FetchProvider {
    fetch(url: RequestInfo, init?: RequestInit): Promise<Response>;
}

/**
 * A fetch provider that sends `X-Api-Key: <apiKey>` with every request. Pass it as the second constructor argument of
 * the generated clients (they have no fetch of their own outside a browser).
 */
export function withApiKey(apiKey: string, fetchImpl: typeof fetch = globalThis.fetch): FetchProvider {
    return {
        fetch(url: RequestInfo, init?: RequestInit): Promise<Response> {
            const headers = new Headers(init?.headers);
            headers.set("X-Api-Key", apiKey);
            return fetchImpl(url, { ...init, headers });
        },
    };
}

/** An `ApiException` whose body was the service's error envelope (every documented 4xx/5xx answer carries one). */
export type ErrorResponseException = ApiException & { result: ErrorResponse };

/** True when `error` is an `ApiException` carrying a parsed `ErrorResponse` envelope in `result`. */
export function isErrorResponseException(error: unknown): error is ErrorResponseException {
    if (!(error instanceof ApiException)) return false;
    const result: unknown = error.result;
    return typeof result === "object" && result !== null
        && typeof (result as { message?: unknown }).message === "string"
        && typeof (result as { status_code?: unknown }).status_code === "number";
}
