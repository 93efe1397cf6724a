using System.Net.Mime;
using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator.DataPlane;

/// <summary>What one download serves: inline bytes or a generated stream, its headers and any stall.</summary>
internal sealed record PayloadPlan(
    long Length, string? ContentType, byte[]? Inline, long? StallAfterBytes, bool OmitContentLength = false, string? ContentDisposition = null)
{
    public static PayloadPlan For(SimulatedTransfer transfer)
    {
        var behaviour = transfer.Behaviour;
        var inline = transfer.Agreement.InlinePayload;
        var length = inline?.LongLength ?? behaviour.PayloadBytes ?? 0;
        var defaultType = inline is null ? MediaTypeNames.Application.Octet : MediaTypeNames.Application.Json;
        var contentType = behaviour.OmitContentType ? null : behaviour.ContentType ?? defaultType;
        return new PayloadPlan(length, contentType, inline, behaviour.StallAfterBytes, behaviour.OmitContentLength, behaviour.ContentDisposition);
    }

    /// <summary>Bytes to send before stalling; the whole payload when there is no stall.</summary>
    public long BytesToSend => Math.Min(Length, StallAfterBytes ?? long.MaxValue);

    public bool Stalls => BytesToSend < Length;
}
