using System.Globalization;
using System.Text.Json;
using DataOrchestrator.Api.Contracts;
using DataOrchestrator.Application.Orchestrations.Submit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Api.Errors;

/// <summary>
/// Turns model state (FluentValidation results and JSON reading errors) into the original's 400 envelope,
/// with <c>details</c> keyed by the request's own field names (<c>data[0].contractId</c>).
/// </summary>
internal static class ValidationErrorResponseFactory
{
    private const string BodyKey = "body";

    public static IActionResult Create(ActionContext context)
    {
        var details = new Dictionary<string, string[]>();
        foreach (var (key, entry) in context.ModelState)
        {
            if (entry.ValidationState != ModelValidationState.Invalid || entry.Errors.Count == 0)
            {
                continue;
            }

            if (key.StartsWith('$') && entry.Errors.Any(e => IsDepthExceeded(e.Exception)))
            {
                // The path of a depth error points somewhere inside the nesting; the problem is the body as a whole.
                var maxDepth = context.HttpContext.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.MaxJsonDepth;
                details[BodyKey] = [$"JSON nested deeper than {maxDepth.ToString(CultureInfo.InvariantCulture)} levels."];
            }
            else if (key.StartsWith('$'))
            {
                // System.Text.Json could not read this part of the body: wrong type or malformed JSON.
                var field = key.TrimStart('$', '.');
                details[field.Length == 0 ? BodyKey : field] = [field.Length == 0 ? "Malformed JSON or not a JSON object." : "Not a valid value of the expected type, or malformed JSON."];
            }
            else if (IsBodyParameter(context, key))
            {
                details.TryAdd(BodyKey, ["A JSON object body is required."]);
            }
            else
            {
                details[WireName(key)] = entry.Errors.Select(e => e.ErrorMessage).Distinct().ToArray();
            }
        }

        // The body parameter also reports itself missing whenever its JSON failed to read; keep only the precise entry.
        if (details.Count > 1 && details.TryGetValue(BodyKey, out var body) && body is ["A JSON object body is required."])
        {
            details.Remove(BodyKey);
        }

        return new BadRequestObjectResult(ErrorResponse.Of(StatusCodes.Status400BadRequest, ErrorResponses.InvalidRequestFormat, details));
    }

    /// <summary>
    /// System.Text.Json reports a too deep body as a JsonException whose message (English, invariant globalization)
    /// names the configured maximum depth; there is no dedicated exception type to match instead.
    /// </summary>
    private static bool IsDepthExceeded(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JsonException && e.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Query properties bind by their C# names (<c>Limit</c>); the wire spells them camelCase (<c>limit</c>).</summary>
    private static string WireName(string key) =>
        string.Join('.', key.Split('.').Select(segment => segment.Length > 0 && char.IsUpper(segment[0]) ? char.ToLowerInvariant(segment[0]) + segment[1..] : segment));

    private static bool IsBodyParameter(ActionContext context, string key) =>
        key.Length == 0 || context.ActionDescriptor.Parameters.Any(p => p.BindingInfo?.BindingSource == BindingSource.Body && p.Name == key);
}
