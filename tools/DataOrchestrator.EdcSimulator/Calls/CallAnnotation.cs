namespace DataOrchestrator.EdcSimulator.Calls;

/// <summary>
/// Per-request slot where handlers note which agreement, transfer, offer, negotiation and asset a call concerned, and which fault broke it, so the
/// recording middleware can log them without parsing bodies a second time.
/// </summary>
internal sealed class CallAnnotation
{
    public string? ContractId { get; set; }

    public string? TransferId { get; set; }

    public string? OfferId { get; set; }

    public string? NegotiationId { get; set; }

    public string? Fault { get; set; }

    public string? AssetId { get; set; }
}
