using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace DataOrchestrator.Application.Orchestrations;

/// <summary>An orchestration's status on the wire: QUEUED, the least advanced stage of its unfinished items, then COMPLETED, PARTIALLY_COMPLETED or FAILED.</summary>
/// <remarks>Both attributes name each value: System.Text.Json writes the first, the OpenAPI generator reads the second.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<ProcessStatusDto>))]
public enum ProcessStatusDto
{
    [JsonStringEnumMemberName("QUEUED"), EnumMember(Value = "QUEUED")]
    Queued = 0,

    [JsonStringEnumMemberName("TRANSFER_REQUESTED"), EnumMember(Value = "TRANSFER_REQUESTED")]
    TransferRequested = 1,

    [JsonStringEnumMemberName("TRANSFER_STARTED"), EnumMember(Value = "TRANSFER_STARTED")]
    TransferStarted = 2,

    [JsonStringEnumMemberName("DATA_ADDRESS_RETRIEVED"), EnumMember(Value = "DATA_ADDRESS_RETRIEVED")]
    DataAddressRetrieved = 3,

    [JsonStringEnumMemberName("DOWNLOADING"), EnumMember(Value = "DOWNLOADING")]
    Downloading = 4,

    [JsonStringEnumMemberName("COMPLETED"), EnumMember(Value = "COMPLETED")]
    Completed = 5,

    [JsonStringEnumMemberName("PARTIALLY_COMPLETED"), EnumMember(Value = "PARTIALLY_COMPLETED")]
    PartiallyCompleted = 6,

    [JsonStringEnumMemberName("FAILED"), EnumMember(Value = "FAILED")]
    Failed = 7,
}
