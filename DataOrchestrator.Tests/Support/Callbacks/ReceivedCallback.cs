namespace DataOrchestrator.Tests.Support.Callbacks;

/// <summary>One request the test receiver got, with the verdict on its signature and how it was answered.</summary>
internal sealed record ReceivedCallback(
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    bool SignatureValid,
    DateTimeOffset ReceivedAt,
    CallbackReply Reply)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public bool Succeeded => Reply.Kind == "status" && Reply.StatusCode is >= 200 and <= 299;
}
