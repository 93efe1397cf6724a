using System.Text;
using DataOrchestrator.EdcSimulator.DataPlane;

namespace DataOrchestrator.EdcSimulator.Scenarios;

/// <summary>
/// A behaviour plus its consumption counters. Replacing an agreement's behaviour creates a new
/// runtime, so counters restart; transfers keep the runtime they were created with.
/// </summary>
internal sealed class AgreementRuntime
{
    private int _managementCalls;
    private int _dataPlaneCalls;
    private int _dataPlaneCuts;
    private int _stalls;

    public AgreementRuntime(string contractId, AgreementBehaviour behaviour)
    {
        ContractId = contractId;
        Behaviour = behaviour;
        // Encoded once per agreement: inline payloads are small and served many times.
        InlinePayload = behaviour switch
        {
            { PayloadBytes: not null } => null,
            { Payload: { } text } => Encoding.UTF8.GetBytes(text),
            _ => SimulatedPayload.DefaultJson(contractId),
        };
    }

    public string ContractId { get; }

    public AgreementBehaviour Behaviour { get; }

    /// <summary>The payload bytes when they are not generated; null for <c>payloadBytes</c>.</summary>
    public byte[]? InlinePayload { get; }

    public bool TryConsumeManagementFailure() =>
        TryConsume(ref _managementCalls, Behaviour.ManagementFailures);

    public bool TryConsumeDataPlaneFailure() =>
        TryConsume(ref _dataPlaneCalls, Behaviour.DataPlaneFailures);

    public bool TryConsumeDataPlaneCut() =>
        TryConsume(ref _dataPlaneCuts, Behaviour.DataPlaneCuts);

    /// <summary>Whether this download stalls at <c>stallAfterBytes</c>: every one, or the first <c>stalledDownloads</c>.</summary>
    public bool TryConsumeStall() =>
        Behaviour.StallAfterBytes is not null && (Behaviour.StalledDownloads == 0 || TryConsume(ref _stalls, Behaviour.StalledDownloads));

    // Reading first keeps the counter from growing (and ever wrapping) once the failures are used up.
    internal static bool TryConsume(ref int counter, int limit) =>
        limit > 0 && Volatile.Read(ref counter) < limit && Interlocked.Increment(ref counter) <= limit;
}
