namespace DataOrchestrator.Application.Callbacks;

/// <summary>One attempt: POST <paramref name="Body"/> (application/json) to <paramref name="Url"/> with <paramref name="Headers"/>.</summary>
public sealed record CallbackMessage(string Url, byte[] Body, IReadOnlyList<KeyValuePair<string, string>> Headers);
