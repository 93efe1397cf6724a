using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Transfers.Steps;

/// <summary>One item's run through the pipeline: what its steps share besides the stored item.</summary>
public sealed class PipelineRun(Guid orchestrationId, ConnectorSettings connector)
{
    public Guid OrchestrationId { get; } = orchestrationId;

    /// <summary>The consumer connector's settings: its profile over the global defaults.</summary>
    public ConnectorSettings Connector { get; } = connector;

    public EdcConnection Connection => Connector.Connection;

    /// <summary>The transfer this run started, from the moment EDC answered (before it was stored): a cancel still terminates it.</summary>
    public string? StartedTransferId { get; set; }

    /// <summary>DPS: the generation of the data plane registration the transfer was started under (<see cref="DataFlows.RegisteredDataPlanes"/>).</summary>
    public long DataPlaneRegistration { get; set; }

    /// <summary>DPS: the registration was renewed once after "No dataplane found"; never twice in one run.</summary>
    public bool DataPlaneRenewed { get; set; }

    /// <summary>Where and how to download the data, once obtained. A secret (it holds the token): never stored or logged.</summary>
    public EndpointDataReference? DataReference { get; set; }

    /// <summary>The DSP protocol: the item's own, else inferred from its address, else the connector's.</summary>
    public string ProtocolOf(OrchestrationItem item) =>
        item.Protocol ?? DspProtocols.Infer(item.CounterPartyAddress) ?? Connector.Protocol;
}
