using System.Text;

namespace DataOrchestrator.Tests.Support.Requests;

/// <summary>Malformed requests by their headers: bad API keys on a valid body, odd other headers on an invalid one.</summary>
internal static class BadHeaderRequests
{
    public static IEnumerable<BadRequest> For(string valid, string apiKey)
    {
        var body = Encoding.UTF8.GetBytes(valid);
        BadRequest Keyed(string name, params string[] apiKeys) => new($"api-key {name}", "POST", "/orchestrate", body, "application/json", apiKeys, []);

        // A valid body with a bad key must be refused (and store nothing).
        yield return Keyed("missing");
        yield return Keyed("empty", string.Empty);
        yield return Keyed("whitespace", "   ");
        yield return Keyed("duplicate valid+valid", apiKey, apiKey);
        yield return Keyed("duplicate valid+wrong", apiKey, "wrong");
        yield return Keyed("duplicate wrong+valid", "wrong", apiKey);
        yield return Keyed("huge 8 KiB", new string('k', 8 * 1024));
        yield return Keyed("huge 64 KiB", new string('k', 64 * 1024));
        yield return Keyed("huge 1 MiB", new string('k', 1024 * 1024));
        yield return Keyed("valid prefix", apiKey[..^1]);
        yield return Keyed("valid plus suffix", apiKey + "x");
        yield return Keyed("upper case", apiKey.ToUpperInvariant());
        yield return Keyed("non-ascii", apiKey + "é");
        yield return Keyed("non-ascii only", "ключ-🔑");
        yield return Keyed("nul", apiKey + "\0");
        yield return Keyed("comma-joined", apiKey + "," + apiKey);

        // Odd other headers on an invalid body: still the validation answer, never a 5xx.
        var invalid = Encoding.UTF8.GetBytes("{\"data\":[]}");
        foreach (var (name, value) in new (string, string)[]
        {
            ("Idempotency-Key", new string('i', 64 * 1024)), ("Idempotency-Key", "ключ-🔑"), ("Idempotency-Key", string.Empty), ("Idempotency-Key", "\u0001\u0002"),
            ("X-Request-Id", new string('r', 64 * 1024)), ("X-Request-Id", "ключ-🔑"), ("Accept", "application/xml"), ("Accept", "*/*;q=abc"),
            ("Accept-Charset", "utf-7"), ("Content-Encoding", "gzip"), ("Content-Encoding", "br, deflate, x"), ("Transfer-Encoding", "gzip"),
            ("Expect", "100-continue"), ("Expect", "nonsense"), ("Range", "bytes=-1-2"), ("If-None-Match", new string('"', 10_000)), ("Cookie", new string('c', 32 * 1024)),
        })
        {
            yield return new BadRequest($"header {name}: {BadRequest.Shorten(value)}", "POST", "/orchestrate", invalid, "application/json", [apiKey], [new(name, value)]);
        }

        foreach (var value in new[] { apiKey + "\r\nX-Injected: 1", apiKey + "\n", "\r\n" })
        {
            yield return Keyed($"crlf {BadRequest.Shorten(value)}", value);
        }
    }
}
