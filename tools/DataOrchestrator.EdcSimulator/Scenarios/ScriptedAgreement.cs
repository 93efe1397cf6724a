using System.Text.Json;

namespace DataOrchestrator.EdcSimulator.Scenarios;

/// <summary>
/// A contract agreement the consumer connector already holds, as if negotiated earlier: listed by the contract
/// agreements query. Serialized in camelCase (<c>PUT /_sim/contractagreements/{id}</c>). It changes nothing about
/// transfers of the agreement: pair it with an agreement behaviour (e.g. <c>rejectTransfer</c>) to make it stale.
/// </summary>
public sealed record ScriptedAgreement
{
    public string? AssetId { get; init; }

    public string? ProviderId { get; init; }

    /// <summary>Default: <see cref="SimulatorState.ConsumerId"/>.</summary>
    public string? ConsumerId { get; init; }

    /// <summary>The agreed ODRL policy (an object); its <c>@type</c>, assignee, assigner and target are set on output.</summary>
    public JsonElement? Policy { get; init; }

    /// <summary>Epoch seconds; default: when the agreement is added.</summary>
    public long? ContractSigningDate { get; init; }

    /// <summary>Returns what is wrong with this agreement; empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(AssetId))
        {
            problems.Add("assetId is required");
        }

        if (string.IsNullOrWhiteSpace(ProviderId))
        {
            problems.Add("providerId is required");
        }

        if (ConsumerId is not null && string.IsNullOrWhiteSpace(ConsumerId))
        {
            problems.Add("consumerId must not be blank");
        }

        if (Policy is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            problems.Add("policy must be a JSON object");
        }

        if (ContractSigningDate < 0)
        {
            problems.Add("contractSigningDate must not be negative");
        }

        return problems;
    }
}
