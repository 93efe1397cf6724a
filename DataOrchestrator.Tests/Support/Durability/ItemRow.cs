namespace DataOrchestrator.Tests.Support.Durability;

/// <summary>One <c>orchestration_items</c> row as the database holds it, read behind the service's back.</summary>
internal sealed record ItemRow(
    Guid OrchestrationId,
    int Index,
    string Status,
    bool Finished,
    string? ContractId,
    string? TransferId,
    string? LeaseOwner)
{
    /// <summary>Claimed by a live or dead instance and not finished.</summary>
    public bool IsLeased => LeaseOwner is not null && !Finished;

    /// <summary>Whether <see cref="LeaseOwner"/> (host:pid:random) names the process with this id.</summary>
    public bool IsLeasedBy(int pid) => IsLeased && LeaseOwner!.Split(':') is [_, var owner, _] && owner == pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
