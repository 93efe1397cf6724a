namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>EDC's token-based auth: a missing and a wrong X-Api-Key are distinct 401 messages.</summary>
internal sealed class ApiKeyFilter(string apiKey) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!context.HttpContext.Request.Headers.TryGetValue(HeaderName, out var presented))
        {
            return ValueTask.FromResult<object?>(Unauthorized("x-api-key not found"));
        }

        return string.Equals(presented.ToString(), apiKey, StringComparison.Ordinal)
            ? next(context)
            : ValueTask.FromResult<object?>(Unauthorized("Request could not be authenticated"));
    }

    private static IResult Unauthorized(string message) =>
        EdcError.Result(StatusCodes.Status401Unauthorized, EdcError.AuthenticationFailed, message);
}
