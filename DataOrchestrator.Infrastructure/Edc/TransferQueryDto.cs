using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// Body of <c>POST /{v3|v4}/transferprocesses/request</c> and the other <c>…/request</c> queries (agreements, EDRs): a
/// QuerySpec (both specs' QuerySpecRoot).
/// </summary>
internal sealed record TransferQueryDto(
    [property: JsonPropertyName("@context")] IReadOnlyList<string> Context,
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("sortField")] string SortField,
    [property: JsonPropertyName("sortOrder")] string SortOrder,
    [property: JsonPropertyName("filterExpression")] IReadOnlyList<CriterionDto> FilterExpression);

/// <summary>One condition of a QuerySpec.</summary>
internal sealed record CriterionDto(
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("operandLeft")] string OperandLeft,
    [property: JsonPropertyName("operator")] string Operator,
    [property: JsonPropertyName("operandRight")] string OperandRight);
