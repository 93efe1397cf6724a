using System.Text.Json;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Transfers;
using Microsoft.AspNetCore.Http.Features;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Reads the QuerySpec of <c>POST /v3|v4/transferprocesses/request</c>: first the version's own checks
/// (<see cref="QuerySpecV3"/>, <see cref="QuerySpecV4"/>), then what the simulator can answer. It filters with
/// <c>=</c> only, on id, contractId, state and <c>privateProperties.'&lt;iri&gt;'</c>, and sorts by createdAt or id;
/// anything else EDC would run is a 400 that names it, never a silently wrong page.
/// </summary>
internal static class QuerySpecReader
{
    public static async Task<(TransferQuery? Query, IReadOnlyList<ApiErrorDetail> Errors)> ReadAsync(
        HttpRequest request, string apiVersion, CancellationToken ct)
    {
        var (parts, errors) = await ReadPartsAsync(request, apiVersion, ct);
        if (parts is null)
        {
            return (null, errors);
        }

        var problems = new List<ApiErrorDetail>();
        var filters = parts.Filters.Select(criterion => Filter(criterion, problems)).OfType<TransferCriterion>().ToArray();
        if (parts.SortField is { } sortField && !TransferQuery.CanSortBy(sortField))
        {
            problems.Add(new ApiErrorDetail(
                $"The simulator sorts by {TransferQuery.CreatedAt} or {TransferQuery.Id} only, not by '{sortField}'",
                EdcError.InvalidRequest,
                InvalidValue: sortField));
        }

        return problems.Count > 0
            ? (null, problems)
            : (new TransferQuery(filters, parts.Offset, parts.Limit, parts.SortField, parts.Descending), []);
    }

    /// <summary>
    /// The QuerySpec after its version's own checks, before any resource's limits: v3 as EDC's JSON-LD validators
    /// read it, v4 as its query-spec-schema.json. Every query route (transfers, agreements, EDR entries) starts here.
    /// </summary>
    public static async Task<(QuerySpecParts? Parts, IReadOnlyList<ApiErrorDetail> Errors)> ReadPartsAsync(
        HttpRequest request, string apiVersion, CancellationToken ct)
    {
        // Like EDC, a POST without a body asks for the first page of everything.
        if (request.ContentLength == 0 || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return (new QuerySpecParts(0, TransferQuery.DefaultLimit, null, false, []), []);
        }

        var root = await JsonBody.ReadAsync(request, ct);
        if (root is not { } body)
        {
            return (null, [JsonBody.NotJson]);
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, [JsonBody.NotObject]);
        }

        var errors = new List<ApiErrorDetail>();
        var parts = apiVersion == ManagementApiVersion.V4 ? QuerySpecV4.Read(body, errors) : QuerySpecV3.Read(body, errors);
        return errors.Count > 0 ? (null, errors) : (parts, []);
    }

    private static TransferCriterion? Filter(QuerySpecParts.Criterion criterion, List<ApiErrorDetail> errors)
    {
        if (criterion.Operator != "=")
        {
            errors.Add(new ApiErrorDetail(
                $"Operator {criterion.Operator} is not supported (the simulator filters with = only)",
                EdcError.ValidationFailure,
                criterion.OperatorPath,
                criterion.Operator));
            return null;
        }

        // EDC's QueryValidator takes a path into a map only in these characters, so an IRI key with '-' or '_' is refused.
        var left = criterion.OperandLeft;
        if (left.StartsWith(TransferCriterion.PrivateProperties + ".", StringComparison.Ordinal)
            && !left.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '\'' or ':' or '/' or '@'))
        {
            errors.Add(SchemaError("Querying Map types is not yet supported", left));
            return null;
        }

        var filter = TransferCriterion.For(left, criterion.OperandRight);
        if (filter is null)
        {
            errors.Add(SchemaError(
                $"the simulator cannot filter on '{left}', only on id, contractId, state and {TransferCriterion.PrivateProperties}.'<iri>'",
                left));
        }

        return filter;
    }

    private static ApiErrorDetail SchemaError(string problem, string operandLeft) =>
        new($"Error validating schema: {problem}", EdcError.InvalidRequest, InvalidValue: operandLeft);
}
