using DataOrchestrator.Application.Orchestrations.Submit;

namespace DataOrchestrator.Tests.Support.Builders;

/// <summary>Builds POST /orchestrate bodies; defaults to the original service's documented example shape.</summary>
internal sealed class OrchestrateRequestBuilder
{
    public const string ProviderDsp = "http://provider-qna-controlplane:8082/api/dsp";
    public const string ProviderId = "did:web:provider-identityhub%3A7083:provider";

    private readonly List<OrchestrateItemRequest> _items = [];
    private string? _connectorAddress = "http://127.0.0.1:9/consumer/cp";
    private string? _callbackUrl;

    public OrchestrateRequestBuilder WithConnector(string? connectorAddress)
    {
        _connectorAddress = connectorAddress;
        return this;
    }

    public OrchestrateRequestBuilder WithCallback(string? callbackUrl)
    {
        _callbackUrl = callbackUrl;
        return this;
    }

    public OrchestrateRequestBuilder WithItem(string contractId, string counterPartyAddress = ProviderDsp)
    {
        _items.Add(new OrchestrateItemRequest { Type = "edc-asset", CounterPartyAddress = counterPartyAddress, ContractId = contractId, ConnectorId = ProviderId });
        return this;
    }

    public OrchestrateRequestBuilder WithOffer(string offerId, string assetId = "asset-1", string? policyJson = null)
    {
        _items.Add(new OrchestrateItemRequest
        {
            Type = "edc-offer",
            CounterPartyAddress = ProviderDsp,
            CounterPartyId = ProviderId,
            OfferId = offerId,
            AssetId = assetId,
            Policy = policyJson is null ? null : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(policyJson),
        });
        return this;
    }

    public OrchestrateRequestBuilder WithRawItem(OrchestrateItemRequest? item)
    {
        _items.Add(item!); // JSON can carry a null element; the validator must report it
        return this;
    }

    public OrchestrateRequest Build() => new() { Data = _items.ToList(), ConnectorAddress = _connectorAddress, CallbackUrl = _callbackUrl };

    /// <summary>The anonymous-object form, for sending as JSON with the wire's own field names.</summary>
    public object BuildWire() => new
    {
        data = _items.Select(i => i is null ? null : new { type = i.Type, counterPartyAddress = i.CounterPartyAddress, contractId = i.ContractId, connectorId = i.ConnectorId }).ToArray(),
        connectorAddress = _connectorAddress,
    };
}
