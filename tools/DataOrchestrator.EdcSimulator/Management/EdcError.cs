namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>Builds EDC management error responses: always a JSON array of ApiErrorDetail.</summary>
internal static class EdcError
{
    public const string ValidationFailure = "ValidationFailure";
    public const string InvalidRequest = "InvalidRequest";
    public const string AuthenticationFailed = "AuthenticationFailed";
    public const string ObjectNotFound = "ObjectNotFound";
    public const string ObjectConflict = "ObjectConflict";

    // EDC has no error type for an unavailable API; this one only comes from managementFailures.
    public const string ServiceUnavailable = "ServiceUnavailable";

    public static IResult Result(int statusCode, string type, string message, string? path = null) =>
        Result(statusCode, [new ApiErrorDetail(message, type, path)]);

    public static IResult Result(int statusCode, IReadOnlyList<ApiErrorDetail> errors) =>
        SimulatorJson.Result(errors, statusCode);

    public static IResult TransferNotFound(string transferProcessId) =>
        Result(
            StatusCodes.Status404NotFound,
            ObjectNotFound,
            $"Object of type TransferProcess with ID={transferProcessId} was not found");

    public static IResult NegotiationNotFound(string negotiationId) =>
        Result(
            StatusCodes.Status404NotFound,
            ObjectNotFound,
            $"Object of type ContractNegotiation with ID={negotiationId} was not found");

    public static IResult EdrNotFound(string transferProcessId) =>
        Result(StatusCodes.Status404NotFound, ObjectNotFound, $"EDR for transfer process {transferProcessId} not found");
}
