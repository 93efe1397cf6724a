namespace DataOrchestrator.Tests.Support.Requests;

/// <summary>One generated malformed request: what to send, and a name that says what is wrong with it.</summary>
/// <param name="Name">Category and variant, for failure messages.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path and query, already encoded as it goes on the wire.</param>
/// <param name="Body">Raw body bytes, or null for none.</param>
/// <param name="ContentType">Content-Type header value sent without validation, or null for none.</param>
/// <param name="ApiKeys">X-Api-Key values (none, one, or duplicates), sent without header validation.</param>
/// <param name="Headers">Other headers, sent without header validation.</param>
/// <param name="Chunked">Send the body without a Content-Length.</param>
internal sealed record BadRequest(
    string Name,
    string Method,
    string Path,
    byte[]? Body,
    string? ContentType,
    IReadOnlyList<string> ApiKeys,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    bool Chunked = false)
{
    public override string ToString() => Name;

    /// <summary>A value short enough for a request name.</summary>
    public static string Shorten(string value) => value.Length > 40 ? $"{value[..40]}…({value.Length})" : value;
}
