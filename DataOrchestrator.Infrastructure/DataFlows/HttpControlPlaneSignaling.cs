using System.Net.Http.Json;
using System.Text.Json.Serialization;
using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Domain.DataFlows;
using DataOrchestrator.Domain.Orchestrations;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace DataOrchestrator.Infrastructure.DataFlows;

/// <summary>
/// The control plane's signaling API over HTTP: <c>POST {base}/transfers/{id}/dataflow/{callback}</c> with a
/// <c>DataFlowStatusMessage</c> as <c>application/json</c> (EDC's resource consumes nothing else).
/// </summary>
internal sealed class HttpControlPlaneSignaling(HttpClient httpClient) : IControlPlaneSignaling
{
    public const string HttpClientName = "ControlPlaneSignaling";

    public async Task NotifyAsync(Uri signalingBase, string transferId, string callback, DataFlowState state, string? failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signalingBase);
        var url = new Uri($"{signalingBase.AbsoluteUri.TrimEnd('/')}/transfers/{Uri.EscapeDataString(transferId)}/dataflow/{callback}", UriKind.Absolute);
        var message = new DataFlowStatusMessageDto(Guid.NewGuid().ToString(), transferId, StatusNames.WireName(state), failure);
        try
        {
            using var response = await httpClient.PostAsJsonAsync(url, message, SignalingJsonContext.Default.DataFlowStatusMessageDto, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new SignalingCallbackException($"{url.GetLeftPart(UriPartial.Authority)} answered HTTP {(int)response.StatusCode} to {callback}.");
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
                                          || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new SignalingCallbackException($"{url.GetLeftPart(UriPartial.Authority)} could not be reached: {exception.Message}", exception);
        }
    }
}

/// <summary>The spec's <c>DataFlowStatusMessage</c> (required: messageId, dataFlowId, state).</summary>
internal sealed record DataFlowStatusMessageDto(
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("dataFlowId")] string DataFlowId,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);

[JsonSerializable(typeof(DataFlowStatusMessageDto))]
internal sealed partial class SignalingJsonContext : JsonSerializerContext;
