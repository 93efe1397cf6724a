using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>An orchestration's status on the wire: QUEUED, the least advanced stage of its unfinished items, then COMPLETED, PARTIALLY_COMPLETED, FAILED, or CANCELLED (by the client).</summary>
/// <remarks>Both attributes name each value: System.Text.Json writes the first, the OpenAPI generator reads the second.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<ProcessStatusDto>))]
public enum ProcessStatusDto
{
    [JsonStringEnumMemberName("QUEUED"), EnumMember(Value = "QUEUED")]
    Queued = 0,

    [JsonStringEnumMemberName("NEGOTIATION_REQUESTED"), EnumMember(Value = "NEGOTIATION_REQUESTED")]
    NegotiationRequested = 1,

    [JsonStringEnumMemberName("NEGOTIATED"), EnumMember(Value = "NEGOTIATED")]
    Negotiated = 2,

    [JsonStringEnumMemberName("TRANSFER_REQUESTED"), EnumMember(Value = "TRANSFER_REQUESTED")]
    TransferRequested = 3,

    [JsonStringEnumMemberName("TRANSFER_STARTED"), EnumMember(Value = "TRANSFER_STARTED")]
    TransferStarted = 4,

    [JsonStringEnumMemberName("DATA_ADDRESS_RETRIEVED"), EnumMember(Value = "DATA_ADDRESS_RETRIEVED")]
    DataAddressRetrieved = 5,

    [JsonStringEnumMemberName("DOWNLOADING"), EnumMember(Value = "DOWNLOADING")]
    Downloading = 6,

    [JsonStringEnumMemberName("COMPLETED"), EnumMember(Value = "COMPLETED")]
    Completed = 7,

    [JsonStringEnumMemberName("PARTIALLY_COMPLETED"), EnumMember(Value = "PARTIALLY_COMPLETED")]
    PartiallyCompleted = 8,

    [JsonStringEnumMemberName("FAILED"), EnumMember(Value = "FAILED")]
    Failed = 9,

    [JsonStringEnumMemberName("CANCELLED"), EnumMember(Value = "CANCELLED")]
    Cancelled = 10,
}
