import { OrchestrateClient, StatusClient, withApiKey } from "@dataorchestrator/client";
const http = withApiKey("my-api-key"), baseUrl = "http://127.0.0.1:5000";
const { orchestration_id } = await new OrchestrateClient(baseUrl, http).orchestrate({ connectorAddress: "http://127.0.0.1:18181/consumer/cp", data: [{ type: "edc-asset", counterPartyAddress: "http://provider-qna-controlplane:8082/api/dsp", contractId: "2b9d3ab6-8325-4c0f-a1f9-56f0e103585e", connectorId: "did:web:provider-identityhub:7083:provider" }] });
const { response } = await new StatusClient(baseUrl, http).get(orchestration_id);
console.log(response.orchestration_processes[orchestration_id]?.process_status); // QUEUED ... COMPLETED
