using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>Source-generated JSON for the Refit client (no reflection-based serialization needed).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TransferRequestDto))]
[JsonSerializable(typeof(TerminateTransferDto))]
[JsonSerializable(typeof(DataPlaneRegistrationDto))]
[JsonSerializable(typeof(IdResponseDto))]
[JsonSerializable(typeof(TransferStateDto))]
[JsonSerializable(typeof(TransferProcessDto))]
[JsonSerializable(typeof(TransferQueryDto))]
[JsonSerializable(typeof(List<TransferProcessDto>))]
[JsonSerializable(typeof(DataAddressDto))]
[JsonSerializable(typeof(EdcErrorDto[]))]
[JsonSerializable(typeof(ContractRequestDto))]
[JsonSerializable(typeof(ContractNegotiationDto))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
internal sealed partial class EdcJsonContext : JsonSerializerContext;
