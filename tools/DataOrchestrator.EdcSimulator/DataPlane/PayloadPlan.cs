using System.Net.Mime;
using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator.DataPlane;

/// <summary>What one download serves: inline bytes or a generated stream, its headers, the range asked for and any stall.</summary>
internal sealed record PayloadPlan(
    long Length, string? ContentType, byte[]? Inline, long? StallAfterBytes, bool OmitContentLength = false, string? ContentDisposition = null)
{
    /// <summary>Whether the answer advertises <c>Accept-Ranges: bytes</c> (range support is on).</summary>
    public bool AcceptsRanges { get; init; }

    /// <summary>The one range served (206), or null for the whole payload (200).</summary>
    public ByteRange? Range { get; init; }

    /// <summary>Position of the first byte served.</summary>
    public long Start => Range?.Start ?? 0;

    /// <summary>Position after the last byte served.</summary>
    public long End => Range?.End ?? Length;

    /// <summary>
    /// Position where sending stops: <see cref="End"/>, or the stall position when that comes first. The stall is a
    /// position in the payload, so a range that starts past it stalls at once.
    /// </summary>
    public long SendEnd => Math.Clamp(StallAfterBytes ?? long.MaxValue, Start, End);

    public bool Stalls => SendEnd < End;

    /// <summary>The plan of one download; it counts against <c>stalledDownloads</c> when it stalls.</summary>
    public static PayloadPlan For(SimulatedTransfer transfer)
    {
        var behaviour = transfer.Behaviour;
        var inline = transfer.Agreement.InlinePayload;
        var length = inline?.LongLength ?? behaviour.PayloadBytes ?? 0;
        var defaultType = inline is null ? MediaTypeNames.Application.Octet : MediaTypeNames.Application.Json;
        var contentType = behaviour.OmitContentType ? null : behaviour.ContentType ?? defaultType;
        return new PayloadPlan(length, contentType, inline, transfer.Agreement.TryConsumeStall() ? behaviour.StallAfterBytes : null, behaviour.OmitContentLength, behaviour.ContentDisposition);
    }
}
