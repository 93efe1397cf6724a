namespace DataOrchestrator.Application.Callbacks;

/// <summary>
/// What one attempt got: the receiver's status code, or why there was none (<paramref name="Failure"/>: a short text
/// such as <c>timeout after 10 s</c> or an exception type, never a message that could carry request data).
/// </summary>
public sealed record CallbackResponse(int? StatusCode, string? Failure)
{
    public bool IsSuccess => StatusCode is >= 200 and <= 299;

    public static CallbackResponse Answered(int statusCode) => new(statusCode, null);

    public static CallbackResponse NoAnswer(string failure) => new(null, failure);

    /// <summary>The <c>last_error</c> of a failed attempt.</summary>
    public string Describe() => StatusCode switch
    {
        null => Failure ?? "no answer",
        >= 300 and <= 399 => $"HTTP {StatusCode} (redirects are not followed)",
        _ => $"HTTP {StatusCode}",
    };
}
