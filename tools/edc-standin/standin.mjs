// An independent stand-in for a consumer EDC connector and a provider data plane, for the benchmark: plain Node, no
// dependencies, nothing shared with the project's .NET simulator. It answers the EDR-cache PULL flow the way EDC
// 0.17/0.18 does on the wire (JSON-LD bodies with their @context, a JWT-sized EDR token), each Management API call
// after a fixed latency, over keep-alive HTTP/1.1.
//
//   node tools/edc-standin/standin.mjs --urls http://127.0.0.1:PORT [--latency-ms 20] [--api-key password]
//
// Management API under /api/management: POST /v3/transferprocesses, GET /v3/transferprocesses/{id}/state and
// /v3/transferprocesses/{id}, POST /v3/transferprocesses/{id}/terminate, GET /v3/edrs/{id}/dataaddress.
// Data plane: GET /public/{transferId} with the EDR token in Authorization. GET /health answers 200.
import http from "node:http";
import { randomUUID, randomBytes } from "node:crypto";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 && index + 1 < args.length ? args[index + 1] : fallback;
};
const url = new URL(option("--urls", "http://127.0.0.1:0"));
const latencyMs = Number(option("--latency-ms", "20"));
const apiKey = option("--api-key", "password");

const edc = "https://w3id.org/edc/v0.0.1/ns/";
const context = { "@vocab": edc, edc, odrl: "http://www.w3.org/ns/odrl/2/" };
const transfers = new Map(); // transfer id -> { contractId, token, state }
let origin = "";

const base64Url = (value) => Buffer.from(value).toString("base64url");
const tokenFor = (id, contractId) =>
  [
    base64Url(JSON.stringify({ kid: "provider-key", alg: "EdDSA", typ: "JWT" })),
    base64Url(JSON.stringify({
      iss: "did:web:provider", aud: "did:web:consumer", sub: "did:web:provider", jti: randomUUID(),
      iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 300, agreement_id: contractId, process_id: id,
    })),
    randomBytes(64).toString("base64url"),
  ].join(".");
const payloadFor = (id, contractId) =>
  JSON.stringify({ transferProcessId: id, contractId, generatedAt: new Date().toISOString(), rows: Array.from({ length: 8 }, (_, i) => ({ index: i, value: i * 42, unit: "kg", status: "measured" })) });

function send(response, status, body, delayMs = latencyMs) {
  const text = body === undefined ? "" : JSON.stringify(body);
  const finish = () => {
    const headers = { "Content-Length": Buffer.byteLength(text) };
    if (text) headers["Content-Type"] = "application/json";
    response.writeHead(status, headers);
    response.end(text);
  };
  if (delayMs > 0) setTimeout(finish, delayMs); else finish();
}

const error = (message, type) => [{ message, type, path: null, invalidValue: null }];

function management(request, response, path, body) {
  if (request.headers["x-api-key"] !== apiKey) return send(response, 401, error("Request could not be authenticated", "AuthenticationFailed"));
  if (request.method === "POST" && path === "/v3/transferprocesses") {
    let json;
    try { json = JSON.parse(body); } catch { return send(response, 400, error("Invalid JSON", "InvalidRequest")); }
    const contractId = json.contractId ?? json[edc + "contractId"];
    if (!contractId || !json.counterPartyAddress) return send(response, 400, error("mandatory value missing", "ValidationFailure"));
    const id = json["@id"] ?? randomUUID();
    if (!transfers.has(id)) transfers.set(id, { contractId, token: tokenFor(id, contractId), state: "STARTED" });
    return send(response, 200, { "@type": "IdResponse", "@id": id, createdAt: Date.now(), "@context": context });
  }
  // The calls on one transfer (or its EDR): EDC's 404 when the id is unknown, else the handler's answer.
  const onTransfer = (pattern, type, answer) => {
    const match = path.match(pattern);
    if (!match) return false;
    const id = decodeURIComponent(match[1]);
    const transfer = transfers.get(id);
    if (!transfer) send(response, 404, error(`Object of type ${type} with ID=${id} was not found`, "ObjectNotFound"));
    else answer(id, transfer);
    return true;
  };
  if (request.method === "GET" && onTransfer(/^\/v3\/transferprocesses\/([^/]+)\/state$/, "TransferProcess", (id, transfer) =>
    send(response, 200, { "@type": "TransferState", state: transfer.state, "@context": context }))) return;
  if (request.method === "GET" && onTransfer(/^\/v3\/transferprocesses\/([^/]+)$/, "TransferProcess", (id, transfer) =>
    send(response, 200, {
      "@id": id, "@type": "TransferProcess", state: transfer.state, stateTimestamp: Date.now(), type: "CONSUMER",
      assetId: "asset-1", contractId: transfer.contractId, correlationId: randomUUID(), transferType: "HttpData-PULL",
      callbackAddresses: [], "@context": context,
    }))) return;
  if (request.method === "POST" && onTransfer(/^\/v3\/transferprocesses\/([^/]+)\/terminate$/, "TransferProcess", (id, transfer) => {
    transfer.state = "TERMINATED";
    send(response, 204);
  })) return;
  if (request.method === "GET" && onTransfer(/^\/v3\/edrs\/([^/]+)\/dataaddress$/, "EndpointDataReferenceEntry", (id, transfer) =>
    send(response, 200, {
      "@type": "DataAddress", type: "https://w3id.org/idsa/v4.1/HTTP", endpoint: `${origin}/public/${encodeURIComponent(id)}`,
      authType: "bearer", endpointType: "https://w3id.org/idsa/v4.1/HTTP", authorization: transfer.token, "@context": context,
    }))) return;
  return send(response, 404, error(`No route for ${request.method} ${path}`, "NotFound"), 0);
}

function dataPlane(request, response, id) {
  const transfer = transfers.get(decodeURIComponent(id));
  if (!transfer || request.headers.authorization !== transfer.token) return send(response, 403, { errors: ["Forbidden"] }, 0);
  const text = payloadFor(id, transfer.contractId);
  response.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  response.end(text);
}

const server = http.createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const path = request.url.split("?")[0];
    const managementIndex = path.indexOf("/api/management/");
    if (managementIndex >= 0) return management(request, response, path.slice(managementIndex + "/api/management".length), Buffer.concat(chunks).toString("utf8"));
    if (request.method === "GET" && path.startsWith("/public/")) return dataPlane(request, response, path.slice("/public/".length));
    if (request.method === "GET" && path === "/health") return send(response, 200, { status: "UP" }, 0);
    return send(response, 404, error(`No route for ${request.method} ${path}`, "NotFound"), 0);
  });
});
server.listen(Number(url.port), url.hostname, () => {
  origin = `http://${url.hostname}:${server.address().port}`;
  console.log(`EDC stand-in listening on ${origin}, ${latencyMs} ms per Management API call`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
