namespace DataOrchestrator.EdcSimulator.Scenarios;

/// <summary>
/// The EDC error a refused transfer (or negotiation) request answers with. The defaults reproduce what EDC says
/// for an unknown agreement: 400 InvalidRequest "Contract agreement with id X not found"; a refused negotiation
/// says "Contract offer with id X not found" unless a message is set.
/// </summary>
public sealed record TransferRejection
{
    public int Status { get; init; } = StatusCodes.Status400BadRequest;

    /// <summary>EDC error type, e.g. InvalidRequest, ObjectConflict, NotAuthorized.</summary>
    public string Type { get; init; } = "InvalidRequest";

    /// <summary>Error message; null means the "agreement not found" message for the requested contract.</summary>
    public string? Message { get; init; }

    internal string MessageFor(string contractId) =>
        Message ?? $"Contract agreement with id {contractId} not found";

    internal string MessageForOffer(string offerId) =>
        Message ?? $"Contract offer with id {offerId} not found";
}
