namespace DataOrchestrator.Tests.Support.Callbacks;

/// <summary>How the test receiver answers one callback request.</summary>
internal sealed record CallbackReply(string Kind, int StatusCode = 0, string? Location = null)
{
    public static CallbackReply Status(int statusCode) => new("status", statusCode);

    /// <summary>Closes the connection without an answer.</summary>
    public static CallbackReply Drop { get; } = new("drop");

    /// <summary>Never answers (until the sender gives up).</summary>
    public static CallbackReply Hang { get; } = new("hang");

    public static CallbackReply Redirect(string location) => new("redirect", 302, location);
}
