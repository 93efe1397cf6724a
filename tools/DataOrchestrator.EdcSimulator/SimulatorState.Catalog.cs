using System.Collections.Concurrent;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Agreements;
using DataOrchestrator.EdcSimulator.Scenarios;

namespace DataOrchestrator.EdcSimulator;

/// <summary>The provider's catalog (scripted datasets) and the contract agreements the consumer holds.</summary>
public sealed partial class SimulatorState
{
    /// <summary>The consumer's participant id: consumerId and assignee of every negotiated agreement.</summary>
    public const string ConsumerId = "consumer";

    private readonly ConcurrentDictionary<string, DatasetBehaviour> _datasets = new(StringComparer.Ordinal);

    /// <summary>Snapshot of the scripted datasets, keyed by asset id.</summary>
    public IReadOnlyDictionary<string, DatasetBehaviour> Datasets =>
        _datasets.ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);

    /// <summary>
    /// The contract agreements the consumer holds now: scripted ones, then those of negotiations that have reached
    /// FINALIZED (contractSigningDate = that moment).
    /// </summary>
    public IReadOnlyList<ContractAgreementSnapshot> ContractAgreements => AgreementStore.Snapshot(NowMs());

    internal AgreementStore AgreementStore { get; } = new();

    /// <summary>Sets (or replaces) what the provider's catalog holds for one asset.</summary>
    public void SetDataset(string assetId, DatasetBehaviour behaviour)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assetId);
        ArgumentNullException.ThrowIfNull(behaviour);
        ThrowIfInvalid(behaviour.Validate(), nameof(behaviour));
        _datasets[assetId] = behaviour;
    }

    /// <summary>The asset's dataset, or null: the provider does not offer it (a dataset request answers 502).</summary>
    public DatasetBehaviour? FindDataset(string assetId) => _datasets.GetValueOrDefault(assetId);

    public bool RemoveDataset(string assetId) => _datasets.TryRemove(assetId, out _);

    public void ClearDatasets() => _datasets.Clear();

    /// <summary>
    /// Adds (or replaces) an agreement the consumer holds as if negotiated before; transfers of it behave as its
    /// agreement behaviour says, so a behaviour with <c>rejectTransfer</c> makes it a stale agreement.
    /// </summary>
    public ContractAgreementSnapshot AddAgreement(string agreementId, ScriptedAgreement agreement)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agreementId);
        ArgumentNullException.ThrowIfNull(agreement);
        ThrowIfInvalid(agreement.Validate(), nameof(agreement));
        var policy = agreement.Policy is { ValueKind: JsonValueKind.Object } given
            ? given
            : JsonSerializer.SerializeToElement(new Dictionary<string, object>
            {
                ["@id"] = agreementId,
                ["permission"] = new[] { new Dictionary<string, string> { ["action"] = "use" } },
            });
        var snapshot = new ContractAgreementSnapshot(
            agreementId,
            agreement.AssetId!,
            agreement.ProviderId!,
            agreement.ConsumerId ?? ConsumerId,
            agreement.ContractSigningDate ?? TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
            policy,
            NegotiationId: null);
        AgreementStore.AddScripted(snapshot);
        return snapshot;
    }

    /// <summary>Removes a scripted agreement; negotiated ones stay as long as their negotiation is kept.</summary>
    public bool RemoveAgreement(string agreementId) => AgreementStore.RemoveScripted(agreementId);

    /// <summary>One agreement the consumer holds now, or null.</summary>
    public ContractAgreementSnapshot? FindContractAgreement(string agreementId) => AgreementStore.Find(agreementId, NowMs());
}
