using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>An item's stage on the wire: QUEUED → (NEGOTIATION_REQUESTED → NEGOTIATED, for offers) → TRANSFER_REQUESTED → TRANSFER_STARTED → DATA_ADDRESS_RETRIEVED → DOWNLOADING → SAVED, or FAILED, or CANCELLED (by the client).</summary>
/// <remarks>Both attributes name each value: System.Text.Json writes the first, the OpenAPI generator reads the second.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<ItemStatusDto>))]
public enum ItemStatusDto
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

    [JsonStringEnumMemberName("SAVED"), EnumMember(Value = "SAVED")]
    Saved = 7,

    [JsonStringEnumMemberName("FAILED"), EnumMember(Value = "FAILED")]
    Failed = 8,

    [JsonStringEnumMemberName("CANCELLED"), EnumMember(Value = "CANCELLED")]
    Cancelled = 9,
}
