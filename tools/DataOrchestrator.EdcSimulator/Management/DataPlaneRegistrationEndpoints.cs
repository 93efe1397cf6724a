using System.Text.Json;
using DataOrchestrator.EdcSimulator.Signaling;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// <c>PUT /v4/dataplanes</c> (register or replace, 200 with an empty body) and <c>DELETE /v4/dataplanes/{id}</c>
/// (204, or 404 when unknown): EDC's <c>DataPlaneRegistrationApiV4Controller</c>, plain JSON without <c>@context</c>,
/// read as EDC's record <c>{dataplaneId, endpoint, transferTypes, labels, authorization}</c>.
/// </summary>
internal static class DataPlaneRegistrationEndpoints
{
    public static async Task<IResult> PutAsync(HttpContext context, SimulatorState state)
    {
        var root = await JsonBody.ReadAsync(context.Request, context.RequestAborted);
        var raw = root?.GetRawText();
        if (root is not { ValueKind: JsonValueKind.Object } body)
        {
            state.Dps.Log.Add(DpsMessageKinds.Received, DpsMessageKinds.Register, null, "PUT", PathOf(context), raw, 400, null);
            return EdcError.Result(StatusCodes.Status400BadRequest, [root is null ? JsonBody.NotJson : JsonBody.NotObject]);
        }

        var errors = new List<ApiErrorDetail>();
        var id = V4Schema.Required(body, "dataplaneId", errors);
        var endpoint = V4Schema.Required(body, "endpoint", errors);
        if (endpoint is not null && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
        {
            errors.Add(new ApiErrorDetail("$.endpoint: must be an absolute URL", EdcError.ValidationFailure, "$.endpoint", endpoint));
        }

        var transferTypes = Strings(body, "transferTypes", errors);
        var labels = Strings(body, "labels", errors);
        var authorization = body.TryGetProperty("authorization", out var auth) && auth.ValueKind == JsonValueKind.Object
            ? auth.GetRawText()
            : null;
        var status = errors.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        state.Dps.Log.Add(DpsMessageKinds.Received, DpsMessageKinds.Register, null, "PUT", PathOf(context), raw, status, null);
        if (errors.Count > 0)
        {
            return EdcError.Result(status, errors);
        }

        state.Dps.Registry.Put(new DataPlaneRegistration(id!, endpoint!, transferTypes, labels, authorization));
        return Results.Ok();
    }

    public static IResult Delete(HttpContext context, string dataplaneId, SimulatorState state)
    {
        var removed = state.Dps.Registry.Remove(dataplaneId);
        var status = removed ? StatusCodes.Status204NoContent : StatusCodes.Status404NotFound;
        state.Dps.Log.Add(DpsMessageKinds.Received, DpsMessageKinds.Unregister, null, "DELETE", PathOf(context), null, status, null);
        return removed
            ? Results.NoContent()
            : EdcError.Result(status, EdcError.ObjectNotFound, $"Object of type DataPlane with ID={dataplaneId} was not found");
    }

    private static string PathOf(HttpContext context) => context.Request.PathBase.Add(context.Request.Path).Value ?? string.Empty;

    // An optional array of strings (EDC's Set<String>); absent or null is empty.
    private static string[] Strings(JsonElement body, string name, List<ApiErrorDetail> errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            errors.Add(V4Schema.WrongType("$." + name, value, "array of strings"));
            return [];
        }

        return value.EnumerateArray().Select(item => item.GetString()!).Distinct(StringComparer.Ordinal).ToArray();
    }
}
