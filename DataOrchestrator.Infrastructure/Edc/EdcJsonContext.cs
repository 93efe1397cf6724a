using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>Source-generated JSON for the Refit client (no reflection-based serialization needed).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TransferRequestDto))]
[JsonSerializable(typeof(TerminateTransferDto))]
[JsonSerializable(typeof(IdResponseDto))]
[JsonSerializable(typeof(TransferStateDto))]
[JsonSerializable(typeof(TransferProcessDto))]
[JsonSerializable(typeof(DataAddressDto))]
[JsonSerializable(typeof(EdcErrorDto[]))]
internal sealed partial class EdcJsonContext : JsonSerializerContext;
