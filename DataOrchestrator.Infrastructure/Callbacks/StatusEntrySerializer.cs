using System.Text.Json;
using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Infrastructure.Json;

namespace DataOrchestrator.Infrastructure.Callbacks;

/// <summary>
/// Callback bodies in the options the controllers start from (<see cref="ServiceJson"/>), so a callback carries exactly
/// what GET /status/{id} shows. The API's MAX_JSON_DEPTH (at least 16) is left out: it bounds what clients send, and a
/// status entry nests far less deeply.
/// </summary>
internal sealed class StatusEntrySerializer : IStatusEntrySerializer
{
    private static readonly JsonSerializerOptions Options = ServiceJson.CreateWebOptions();

    public byte[] Serialize(OrchestrationStatusDto entry) => JsonSerializer.SerializeToUtf8Bytes(entry, Options);
}
