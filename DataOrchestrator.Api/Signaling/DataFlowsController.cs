using System.Text.Json;
using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.AspNetCore.Mvc;

namespace DataOrchestrator.Api.Signaling;

/// <summary>
/// The data plane endpoints of Data Plane Signaling (<c>signaling-data-plane-openapi.yaml</c>) under
/// <c>/signaling/dataflows</c>, the base registered with the control plane. Every message is checked against its
/// schema first (400 with the reasons); then <see cref="DataFlowSignals"/> applies it (404 unknown flow, 409 not
/// allowed in its state). Not part of the client API: no API key, no client rate limit, not in the OpenAPI document.
/// </summary>
[Route("signaling/dataflows")]
public sealed class DataFlowsController(DataFlowSignals signals, SignalingSchemas schemas) : SignalingController
{
    /// <summary>Answers PREPARED, with the process id as the data flow id and no data address (pull).</summary>
    [HttpPost("prepare")]
    public async Task<IActionResult> Prepare(CancellationToken cancellationToken)
    {
        var (message, refusal) = await ReadAsync(SignalingMessage.Prepare, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var processId = message.GetProperty("processId").GetString()!;
        var callbackAddress = Text(message, "callbackAddress");
        if (callbackAddress is not null && !IsHttpUrl(callbackAddress))
        {
            return SignalingResults.Invalid(["/callbackAddress: must be an absolute http(s) URL."]);
        }

        return SignalingResults.CheckId(processId) ?? SignalingResults.Of(await signals.PrepareAsync(processId, callbackAddress, cancellationToken));
    }

    /// <summary>The provider's data address for the pull: stored (never logged), and the waiting worker downloads with it.</summary>
    [HttpPost("{id}/started")]
    public async Task<IActionResult> Started(string? id, CancellationToken cancellationToken)
    {
        if (SignalingResults.CheckId(id) is { } badId)
        {
            return badId;
        }

        var (message, refusal) = await ReadAsync(SignalingMessage.Started, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return message.TryGetProperty("dataAddress", out var dataAddress)
            ? SignalingResults.Of(await signals.StartedAsync(id!, dataAddress.GetRawText(), cancellationToken))
            : SignalingResults.Invalid(["/dataAddress: a consumer pull's started notification must carry the data address."]);
    }

    [HttpPost("{id}/suspend")]
    public async Task<IActionResult> Suspend(string? id, CancellationToken cancellationToken)
    {
        if (SignalingResults.CheckId(id) is { } badId)
        {
            return badId;
        }

        var (message, refusal) = await ReadAsync(SignalingMessage.Suspend, cancellationToken);
        return refusal ?? SignalingResults.Of(await signals.SuspendAsync(id!, Text(message, "reason"), cancellationToken));
    }

    /// <summary>Answers the flow's status message (STARTED); a data address in the message replaces the old one.</summary>
    [HttpPost("{id}/resume")]
    public async Task<IActionResult> Resume(string? id, CancellationToken cancellationToken)
    {
        if (SignalingResults.CheckId(id) is { } badId)
        {
            return badId;
        }

        var (message, refusal) = await ReadAsync(SignalingMessage.Resume, cancellationToken);
        var dataAddress = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("dataAddress", out var address) ? address.GetRawText() : null;
        return refusal ?? SignalingResults.Of(await signals.ResumeAsync(id!, dataAddress, cancellationToken));
    }

    [HttpPost("{id}/terminate")]
    public async Task<IActionResult> Terminate(string? id, CancellationToken cancellationToken)
    {
        if (SignalingResults.CheckId(id) is { } badId)
        {
            return badId;
        }

        var (message, refusal) = await ReadAsync(SignalingMessage.Terminate, cancellationToken);
        return refusal ?? SignalingResults.Of(await signals.TerminateAsync(id!, Text(message, "reason"), cancellationToken));
    }

    /// <summary>Push transfers only, in the spec; accepted from STARTED. The body is empty (anything sent is ignored).</summary>
    [HttpPost("{id}/completed")]
    public async Task<IActionResult> Completed(string? id, CancellationToken cancellationToken) =>
        SignalingResults.CheckId(id) ?? SignalingResults.Of(await signals.CompletedAsync(id!, cancellationToken));

    [HttpGet("{id}/status")]
    public async Task<IActionResult> Status(string? id, CancellationToken cancellationToken)
    {
        if (SignalingResults.CheckId(id) is { } invalid)
        {
            return invalid;
        }

        return await signals.FindAsync(id!, cancellationToken) is { } flow
            ? Ok(new DataFlowStatusResponseMessage { DataFlowId = flow.ProcessId, State = StatusNames.WireName(flow.State) })
            : SignalingResults.Of(SignalResult.NotFound(id!));
    }

    internal static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    /// <summary>The body, checked against its schema: the message, or the 4xx that answers it.</summary>
    private async Task<(JsonElement Message, ObjectResult? Refusal)> ReadAsync(SignalingMessage kind, CancellationToken cancellationToken)
    {
        var (message, refusal) = await SignalingBody.ReadAsync(Request, cancellationToken);
        if (refusal is not null)
        {
            return (default, refusal);
        }

        return schemas.Check(kind, message) is { Count: > 0 } reasons ? (default, SignalingResults.Invalid(reasons)) : (message, null);
    }

    private static string? Text(JsonElement message, string property) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
