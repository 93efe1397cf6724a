using System.Text.Json;

namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>A data plane's answer to a DPS message: status and body, both null when no answer came.</summary>
internal sealed record DataPlaneAnswer(int? Status, string? Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The <c>state</c> of a DataFlowStatusMessage answer; null for a failure or an unreadable body.</summary>
    public string? FlowState()
    {
        if (!IsSuccess || string.IsNullOrWhiteSpace(Body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("state", out var flowState)
                && flowState.ValueKind == JsonValueKind.String
                    ? flowState.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
