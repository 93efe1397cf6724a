namespace DataOrchestrator.EdcSimulator.Scenarios;

/// <summary>
/// How the simulated connector negotiates one contract offer (keyed by the policy <c>@id</c> of a ContractRequest).
/// Every member is optional; the default is an immediately FINALIZED negotiation with a fresh agreement id.
/// Serialized in camelCase (offers files, <c>PUT /_sim/offers/{offerId}</c>).
/// </summary>
public sealed record OfferBehaviour
{
    /// <summary>The behaviour of offers nobody configured.</summary>
    public static OfferBehaviour Default { get; } = new();

    /// <summary>Delay for each management call about this offer's negotiations; null falls back to the global default.</summary>
    public int? LatencyMs { get; init; }

    /// <summary>Time from creation until the negotiation reaches FINALIZED (or <see cref="FinalState"/>).</summary>
    public int NegotiationDelayMs { get; init; }

    /// <summary>State to end in instead of FINALIZED, e.g. TERMINATED.</summary>
    public string? FinalState { get; init; }

    /// <summary>errorDetail reported once the negotiation ended in a state other than FINALIZED.</summary>
    public string? ErrorDetail { get; init; }

    /// <summary>contractAgreementId handed out once FINALIZED; null gives each negotiation a fresh GUID, as EDC does.</summary>
    public string? AgreementId { get; init; }

    /// <summary>When set, negotiation requests for this offer are refused with this EDC error.</summary>
    public TransferRejection? RejectNegotiation { get; init; }

    /// <summary>Returns what is wrong with this behaviour; empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (LatencyMs < 0)
        {
            problems.Add("latencyMs must not be negative");
        }

        if (NegotiationDelayMs < 0)
        {
            problems.Add("negotiationDelayMs must not be negative");
        }

        if (FinalState is not null && string.IsNullOrWhiteSpace(FinalState))
        {
            problems.Add("finalState must not be blank");
        }

        if (AgreementId is not null && string.IsNullOrWhiteSpace(AgreementId))
        {
            problems.Add("agreementId must not be blank");
        }

        if (RejectNegotiation is { Status: < 400 or > 599 })
        {
            problems.Add("rejectNegotiation.status must be an HTTP error status (400-599)");
        }

        return problems;
    }
}
