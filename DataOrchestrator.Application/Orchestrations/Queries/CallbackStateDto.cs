using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>A callback's delivery on the wire: PENDING until DELIVERED (a 2xx answer) or FAILED (attempts used up).</summary>
/// <remarks>Both attributes name each value: System.Text.Json writes the first, the OpenAPI generator reads the second.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<CallbackStateDto>))]
public enum CallbackStateDto
{
    [JsonStringEnumMemberName("PENDING"), EnumMember(Value = "PENDING")]
    Pending = 0,

    [JsonStringEnumMemberName("DELIVERED"), EnumMember(Value = "DELIVERED")]
    Delivered = 1,

    [JsonStringEnumMemberName("FAILED"), EnumMember(Value = "FAILED")]
    Failed = 2,
}
