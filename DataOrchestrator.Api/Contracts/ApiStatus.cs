namespace DataOrchestrator.Api.Contracts;

/// <summary>The <c>status</c> values of the original service's envelopes.</summary>
public static class ApiStatus
{
    public const string Success = "SUCCESS";
    public const string Error = "ERROR";
}
