using System.Text.Json;
using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Application.Orchestrations.Queries;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Api.Json;

/// <summary>Callback bodies in the controllers' own JSON options, so a callback carries exactly what GET /status/{id} shows.</summary>
internal sealed class StatusEntrySerializer(IOptions<Microsoft.AspNetCore.Mvc.JsonOptions> options) : IStatusEntrySerializer
{
    public byte[] Serialize(OrchestrationStatusDto entry) => JsonSerializer.SerializeToUtf8Bytes(entry, options.Value.JsonSerializerOptions);
}
