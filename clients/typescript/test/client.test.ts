// End-to-end tests of the generated client against the real service and the bundled EDC simulator (./services.ts).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";

import {
    isErrorResponseException,
    OrchestrateClient,
    StatusClient,
    withApiKey,
    type ErrorResponseException,
    type OrchestrateRequest,
    type OrchestrationStatusDto,
} from "../src/index.js";
import { sleep, STACK_TIMEOUT_MS, startStack, type Stack } from "./services.js";

const API_KEY = "ts-client-key";
const CALLBACK_SECRET = "ts-client-callback-secret-0123456789";
const EDC_API_KEY = "password";
const COMPLETION_TIMEOUT_MS = 60_000;

/** The service's timestamp format: UTC with microseconds, e.g. 2025-05-22T08:37:13.433908+00:00. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const TERMINAL = new Set(["COMPLETED", "PARTIALLY_COMPLETED", "FAILED", "CANCELLED"]);

let stack: Stack;
let workDir = "";
let serviceUrl = "";
let simulatorUrl = "";

before(async () => {
    stack = await startStack("ts-client", { EDC_API_KEY, API_KEYS: API_KEY, CALLBACK_SECRET }, ["--api-key", EDC_API_KEY]);
    ({ workDir, serviceUrl, simulatorUrl } = stack);
}, { timeout: STACK_TIMEOUT_MS });

after(async () => {
    await stack?.stop();
}, { timeout: 60_000 });

const orchestrateClient = (apiKey = API_KEY): OrchestrateClient => new OrchestrateClient(serviceUrl, withApiKey(apiKey));
const statusClient = (apiKey = API_KEY): StatusClient => new StatusClient(serviceUrl, withApiKey(apiKey));

/** The original service's documented example, its consumer connector pointed at the simulator. */
function exampleRequest(connectorAddress = `${simulatorUrl}/consumer/cp`): OrchestrateRequest {
    return {
        data: [
            {
                type: "edc-asset",
                counterPartyAddress: "http://provider-qna-controlplane:8082/api/dsp",
                contractId: "2b9d3ab6-8325-4c0f-a1f9-56f0e103585e",
                connectorId: "did:web:provider-identityhub:7083:provider",
            },
            {
                type: "edc-asset",
                counterPartyAddress: "http://provider-qna-controlplane:8082/api/dsp",
                contractId: "2b9d3ab6-8325-4c0f-a1f9-56f0e103585e",
                connectorId: "did:web:provider-identityhub:7083:provider",
            },
        ],
        connectorAddress,
    };
}

/** Asserts that `error` is the generated client's ApiException carrying the service's error envelope. */
function assertErrorEnvelope(error: unknown, status: number, message: string): ErrorResponseException {
    assert.ok(isErrorResponseException(error), `expected an ApiException with an ErrorResponse, got ${String(error)}`);
    assert.equal(error.status, status);
    assert.equal(error.result.status_code, status);
    assert.equal(error.result.status, "ERROR");
    assert.equal(error.result.message, message);
    return error;
}

let orchestrationId = "";

test("submits the example orchestration and follows it until both items are saved", async () => {
    const accepted = await orchestrateClient().orchestrate(exampleRequest());

    assert.equal(accepted.status, "SUCCESS");
    assert.equal(accepted.status_code, 200);
    assert.match(accepted.orchestration_id, UUID);
    assert.equal(accepted.response.orchestration_id, accepted.orchestration_id);
    assert.equal(accepted.response.status, "QUEUED");
    assert.equal(accepted.response.message, "Transfer processing started");
    orchestrationId = accepted.orchestration_id;

    const status = statusClient();
    const deadline = Date.now() + COMPLETION_TIMEOUT_MS;
    let orchestration: OrchestrationStatusDto | undefined;
    for (;;) {
        const page = await status.get(orchestrationId, AbortSignal.timeout(10_000));
        assert.equal(page.status, "SUCCESS");
        assert.equal(page.response.next_cursor, null);
        orchestration = page.response.orchestration_processes[orchestrationId];
        assert.ok(orchestration, `GET /status/${orchestrationId} does not list the orchestration`);
        if (orchestration.process_status !== undefined && TERMINAL.has(orchestration.process_status)) break;
        assert.ok(Date.now() < deadline,
            `still ${orchestration.process_status} after ${COMPLETION_TIMEOUT_MS} ms: ${JSON.stringify(orchestration)}`);
        await sleep(100);
    }

    assert.equal(orchestration.process_status, "COMPLETED", JSON.stringify(orchestration));
    assert.equal(orchestration.orchestration_id, orchestrationId);
    assert.match(orchestration.created_at ?? "", TIMESTAMP);
    assert.match(orchestration.updated_at ?? "", TIMESTAMP);
    assert.deepEqual(orchestration.properties, { connector_address: `${simulatorUrl}/consumer/cp` });

    const storagePaths = orchestration.storage_paths ?? [];
    assert.equal(storagePaths.length, 2);
    for (const saved of storagePaths) assert.equal(saved.status, "SAVED");

    const items = orchestration.items ?? [];
    assert.equal(items.length, 2);
    for (const [index, item] of items.entries()) {
        assert.equal(item.index, index);
        assert.equal(item.status, "SAVED", JSON.stringify(item));
        assert.equal(item.type, "edc-asset");
        assert.equal(item.contract_id, "2b9d3ab6-8325-4c0f-a1f9-56f0e103585e");
        assert.equal(item.counter_party_address, "http://provider-qna-controlplane:8082/api/dsp");
        assert.equal(item.connector_id, "did:web:provider-identityhub:7083:provider");
        assert.equal(item.error, null);
        assert.match(item.sha256 ?? "", SHA256_HEX);
        assert.equal(item.bytes_downloaded, item.bytes, "a saved item's progress is its size");
        assert.equal(item.bytes_total, item.bytes, "the simulator announces Content-Length");
        assert.match(item.started_at ?? "", TIMESTAMP);
        assert.match(item.finished_at ?? "", TIMESTAMP);
        assert.ok(item.transfer_id, "a saved item has a transfer id");
        assert.ok(storagePaths.some((saved) => saved.transfer_id === item.transfer_id && saved.storage_path === item.storage_path),
            `storage_paths has no entry for item ${index}`);

        // The file is where the service says, with the size and hash it reported.
        assert.ok(item.storage_path);
        const content = await readFile(path.resolve(workDir, item.storage_path));
        assert.equal(content.length, item.bytes);
        assert.equal(createHash("sha256").update(content).digest("hex"), item.sha256);
    }
});

test("lists orchestrations and finds the submitted one on the only page", async () => {
    assert.ok(orchestrationId, "the submit test ran first");
    const page = await statusClient().getAll(10);

    assert.equal(page.status, "SUCCESS");
    assert.equal(page.status_code, 200);
    assert.equal(page.response.next_cursor, null);
    const listed = page.response.orchestration_processes[orchestrationId];
    assert.ok(listed, `GET /status?limit=10 does not list ${orchestrationId}`);
    assert.equal(listed.orchestration_id, orchestrationId);
    assert.equal(listed.process_status, "COMPLETED");
});

test("filters the listing by process status and creation time", async () => {
    assert.ok(orchestrationId, "the submit test ran first");
    const status = statusClient();
    const completed = await status.getAll(10, undefined, ["COMPLETED"]);
    const failed = await status.getAll(10, undefined, ["FAILED", "PARTIALLY_COMPLETED"]);
    const later = await status.getAll(10, undefined, undefined, new Date(Date.now() + 60_000).toISOString());

    assert.ok(completed.response.orchestration_processes[orchestrationId], "listed among the COMPLETED");
    assert.equal(failed.response.orchestration_processes[orchestrationId], undefined);
    assert.deepEqual(Object.keys(later.response.orchestration_processes), []);
});

test("summarizes all orchestrations by status and the items finished per minute; a bad minutes is a typed 400", async () => {
    assert.ok(orchestrationId, "the submit test ran first");
    const summary = await statusClient().getSummary(5);

    assert.equal(summary.status, "SUCCESS");
    const { process_counts, total, finished_per_minute, generated_at } = summary.response;
    assert.ok(process_counts.COMPLETED >= 1, JSON.stringify(process_counts));
    assert.equal(process_counts.WAITING_FOR_CONNECTOR, 0);
    assert.equal(Object.values(process_counts).reduce((sum, count) => sum + count, 0), total);
    assert.equal(finished_per_minute.length, 5);
    assert.ok(finished_per_minute.reduce((sum, minute) => sum + minute.saved, 0) >= 2, "the example's two items were saved just now");
    const current = finished_per_minute.at(-1);
    assert.ok(current && Date.parse(current.minute) <= Date.parse(generated_at), "the last bucket is the current minute");
    await assert.rejects(statusClient().getSummary(0), (error: unknown) => {
        const apiError = assertErrorEnvelope(error, 400, "Invalid request format");
        assert.ok(apiError.result.details?.["minutes"], JSON.stringify(apiError.result));
        return true;
    });
});

test("a repeated submit with the same Idempotency-Key returns the first orchestration; another body is a typed 409", async () => {
    const key = `ts-client-${randomUUID()}`;
    const first = await orchestrateClient().orchestrate(exampleRequest(), key);
    const again = await orchestrateClient().orchestrate(exampleRequest(), key);

    assert.equal(again.orchestration_id, first.orchestration_id);
    await assert.rejects(orchestrateClient().orchestrate(exampleRequest("http://other-connector/cp"), key), (error: unknown) => {
        assertErrorEnvelope(error, 409, "Idempotency key already used");
        return true;
    });
});

test("downloads a saved file through the files endpoint, with its hash as ETag", async () => {
    assert.ok(orchestrationId, "the submit test ran first");
    const page = await statusClient().get(orchestrationId);
    const item = (page.response.orchestration_processes[orchestrationId]?.items ?? [])[0];
    assert.ok(item?.transfer_id && item.sha256, "the submit test saved an item");

    const file = await statusClient().getFile(orchestrationId, item.transfer_id);
    const content = Buffer.from(await file.data.arrayBuffer());

    assert.equal(file.status, 200);
    assert.equal(content.length, item.bytes);
    assert.equal(createHash("sha256").update(content).digest("hex"), item.sha256);
    assert.equal(file.headers?.["etag"], `"${item.sha256}"`);
});

/** Polls GET /status/{id} until `done` holds for the orchestration, and returns it. */
async function waitFor(id: string, done: (o: OrchestrationStatusDto) => boolean): Promise<OrchestrationStatusDto> {
    const deadline = Date.now() + COMPLETION_TIMEOUT_MS;
    for (;;) {
        const orchestration = (await statusClient().get(id)).response.orchestration_processes[id];
        assert.ok(orchestration, `GET /status/${id} does not list the orchestration`);
        if (done(orchestration)) return orchestration;
        assert.ok(Date.now() < deadline, `never reached the expected state: ${JSON.stringify(orchestration)}`);
        await sleep(50);
    }
}

/** Submits one item whose transfer the simulator never starts, and answers its id once it is TRANSFER_REQUESTED. */
async function submitStuckInTransferRequested(contractId: string): Promise<string> {
    const configured = await fetch(`${simulatorUrl}/_sim/agreements/${contractId}`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ startDelayMs: 600_000 }),
    });
    assert.ok(configured.ok, `the simulator took the behaviour: ${configured.status}`);
    const request = exampleRequest();
    request.data = [{ ...request.data![0]!, contractId }];
    const id = (await orchestrateClient().orchestrate(request)).orchestration_id;
    await waitFor(id, (o) => o.items?.[0]?.status === "TRANSFER_REQUESTED");
    return id;
}

test("cancels a running orchestration: 202, then CANCELLED; cancelling it again is a typed 409", async () => {
    const id = await submitStuckInTransferRequested(`slow-${randomUUID()}`);

    const accepted = await orchestrateClient().cancel(id);
    const cancelled = await waitFor(id, (o) => o.process_status === "CANCELLED");

    assert.equal(accepted.status, "SUCCESS");
    assert.equal(accepted.status_code, 202);
    assert.ok(accepted.response.orchestration_processes[id], "the answer carries the orchestration");
    assert.equal(cancelled.items?.[0]?.status, "CANCELLED");
    assert.equal(cancelled.items?.[0]?.error?.code, "CANCELLED");
    await assert.rejects(orchestrateClient().cancel(id), (error: unknown) => {
        const apiError = assertErrorEnvelope(error, 409, "Orchestration already finished");
        assert.deepEqual(apiError.result.details?.["process_status"], ["CANCELLED"]);
        return true;
    });
});

test("retries a cancelled orchestration: 202, then COMPLETED with the first error in previous_errors; nothing left to retry is a typed 409", async () => {
    const contractId = `retry-${randomUUID()}`;
    const id = await submitStuckInTransferRequested(contractId);
    await orchestrateClient().cancel(id);
    await waitFor(id, (o) => o.process_status === "CANCELLED");
    const removed = await fetch(`${simulatorUrl}/_sim/agreements/${contractId}`, { method: "DELETE" });
    assert.ok(removed.ok, `the simulator dropped the behaviour: ${removed.status}`);

    const accepted = await orchestrateClient().retry(id);
    const completed = await waitFor(id, (o) => o.process_status === "COMPLETED");

    assert.equal(accepted.status_code, 202);
    assert.equal(accepted.response.orchestration_processes[id]?.items?.[0]?.status, "QUEUED");
    assert.equal(completed.items?.[0]?.status, "SAVED");
    assert.equal(completed.items?.[0]?.attempts, 2);
    assert.equal(completed.items?.[0]?.previous_errors?.[0]?.code, "CANCELLED");
    await assert.rejects(orchestrateClient().retry(id), (error: unknown) => {
        assertErrorEnvelope(error, 409, "Nothing to retry");
        return true;
    });
});

interface ReceivedCallback {
    headers: http.IncomingHttpHeaders;
    body: Buffer;
}

test("calls back once the orchestration finishes, signed over timestamp.body, and status shows DELIVERED", async () => {
    const received: ReceivedCallback[] = [];
    const receiver = http.createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("end", () => {
            received.push({ headers: request.headers, body: Buffer.concat(chunks) });
            response.writeHead(204).end();
        });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
        const { port } = receiver.address() as AddressInfo;
        const request = exampleRequest();
        request.callbackUrl = `http://127.0.0.1:${port}/hooks/orchestrations`;
        const id = (await orchestrateClient().orchestrate(request)).orchestration_id;
        const delivered = await waitFor(id, (o) => o.callback?.state === "DELIVERED");

        assert.equal(received.length, 1, "delivered once");
        const [callback] = received;
        const timestamp = String(callback!.headers["x-callback-timestamp"]);
        const expected = "sha256=" + createHmac("sha256", CALLBACK_SECRET)
            .update(Buffer.concat([Buffer.from(`${timestamp}.`), callback!.body])).digest("hex");
        const signature = String(callback!.headers["x-signature"]);
        assert.equal(signature.length, expected.length);
        assert.ok(timingSafeEqual(Buffer.from(signature), Buffer.from(expected)), "the signature verifies with the shared secret");
        assert.equal(callback!.headers["x-callback-id"], id);
        const body = JSON.parse(callback!.body.toString("utf8")) as OrchestrationStatusDto;
        assert.equal(body.orchestration_id, id);
        assert.equal(body.process_status, "COMPLETED");
        assert.equal(delivered.callback?.url, request.callbackUrl);
        assert.equal(delivered.callback?.attempts, 1);
        assert.match(delivered.callback?.delivered_at ?? "", TIMESTAMP);
    } finally {
        await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
});

test("an unknown orchestration id is a typed 404 error", async () => {
    const unknownId = randomUUID();
    await assert.rejects(statusClient().get(unknownId), (error: unknown) => {
        const apiError = assertErrorEnvelope(error, 404, "Orchestration not found");
        assert.ok(apiError.result.details?.["orchestration_id"], JSON.stringify(apiError.result));
        return true;
    });
});

test("an invalid connectorAddress is a typed 400 error naming the field", async () => {
    await assert.rejects(orchestrateClient().orchestrate(exampleRequest("ftp://x")), (error: unknown) => {
        const apiError = assertErrorEnvelope(error, 400, "Invalid request format");
        const messages = apiError.result.details?.["connectorAddress"];
        assert.ok(messages && messages.length > 0, `details does not name connectorAddress: ${JSON.stringify(apiError.result)}`);
        return true;
    });
});

test("a wrong API key is a typed 403 error", async () => {
    const before = Object.keys((await statusClient().getAll(10)).response.orchestration_processes);
    await assert.rejects(orchestrateClient("not-the-key").orchestrate(exampleRequest()), (error: unknown) => {
        assertErrorEnvelope(error, 403, "Invalid or missing API key");
        return true;
    });
    await assert.rejects(statusClient("not-the-key").getAll(), (error: unknown) => {
        assertErrorEnvelope(error, 403, "Invalid or missing API key");
        return true;
    });

    // Neither the refused nor the invalid request created an orchestration.
    const page = await statusClient().getAll(10);
    assert.deepEqual(Object.keys(page.response.orchestration_processes), before);
    assert.ok(before.includes(orchestrationId));
});
