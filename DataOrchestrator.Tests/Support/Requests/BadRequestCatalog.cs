using System.Text;
using System.Text.Json.Nodes;

namespace DataOrchestrator.Tests.Support.Requests;

/// <summary>
/// Deterministic generator of malformed requests: combinatorial lists (every field × every wrong type, every subset
/// of required fields removed, every prefix of a valid body, …) plus a seeded random part, so a failure is
/// reproducible by its name.
/// </summary>
internal static class BadRequestCatalog
{
    public const int Seed = 20261128;

    // No callbackUrl: the request has no such property, and unknown properties are ignored.
    private static readonly string[] StringFields =
        ["connectorAddress", "data[0].type", "data[0].counterPartyAddress", "data[0].contractId", "data[0].connectorId"];

    private static readonly string[] RequiredFields = ["data", "connectorAddress", "data[0].counterPartyAddress", "data[0].contractId"];

    // Values of the wrong JSON type for a string field.
    private static readonly string[] NotStrings = ["42", "-1", "3.14", "1e308", "true", "false", "[]", "[\"x\"]", "{}", "{\"a\":\"b\"}"];

    // Values of the wrong JSON type (or shape) for the data array.
    private static readonly string[] NotItemArrays = ["42", "true", "\"edc-asset\"", "{}", "null", "[]", "[[]]", "[\"x\"]", "[1,2]", "[true]", "[null,null]"];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE, 0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xF4, 0x90, 0x80, 0x80],
    ];

    private static readonly string[] WrongContentTypes =
    [
        "text/plain", "application/xml", "text/html", "text/csv", "multipart/form-data; boundary=x", "application/octet-stream",
        "application/x-www-form-urlencoded", "image/png", "application/jsonx", "json", "???", "application/json; charset=utf-16",
    ];

    // No %00 here: a NUL in the path is refused by Kestrel at the request line (and by the test server's client), so
    // it never reaches the application.
    private static readonly string[] HostileIds =
    [
        "..%2F..%2Fetc%2Fpasswd", "..%2f..%2f..%2fetc%2fshadow", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%5C..%5Cwindows%5Cwin.ini", "%2e%2e",
        "..%252F..%252Fetc", "%0D%0ASet-Cookie:%20x=y", "%0A", "%1B%5B31m", "%7F", "%E2%80%AE", "%F0%9F%92%A5", "%C3%28",
        "%FF%FE", "'%20OR%201=1--", "%3Cscript%3E", "%24%7Bjndi:ldap://x%7D", "%20", "~", "CON", "nul", "00000000-0000-0000-0000-000000000000",
        new string('a', 300), new string('f', 5_000), new string('9', 20_000), string.Concat(Enumerable.Repeat("..%2F", 500)) + "etc",
    ];

    private static readonly string[] BadQueries =
    [
        "limit=abc", "limit=-1", "limit=1.5", "limit=1e3", "limit=99999999999999999999", "limit=%00",
        "created_after=notadate", "created_after=2026-13-45", "created_after=%00", "created_after=" + new string('9', 5000),
        "created_before=yesterday", "created_before=2026-02-30T00:00:00Z", "created_before=true", "status=BOGUS", "status=%00", "status=" + new string('X', 5000),
        "status=COMPLETED&status=nope", "status=", "status=&status=", "status=,", "status=COMPLETED,,FAILED", "status=%FF%FE", "status=%C3%28",
        "limit=", "limit=1&limit=2", "limit=%FF", "cursor=", "cursor=a&cursor=b", "cursor=%FF", "created_after=", "created_before=",
        "created_after=2026-01-01T00:00:00Z&created_after=2026-01-02T00:00:00Z", "created_after=%FF%FE", "limit=" + new string('9', 5000), "cursor=garbage", "cursor=%00%01%02", "cursor=" + new string('A', 10_000), "cursor=..%2F..%2F", "cursor=eyJ4IjoxfQ",
    ];

    public static IReadOnlyList<BadRequest> Generate(string connectorAddress, string apiKey)
    {
        var valid = ValidBody(connectorAddress);
        var keys = new[] { apiKey };
        var requests = new List<BadRequest>();

        BadRequest Post(string name, string body, string? contentType = "application/json") =>
            new(name, "POST", "/orchestrate", Encoding.UTF8.GetBytes(body), contentType, keys, []);

        foreach (var field in StringFields)
        {
            foreach (var value in NotStrings)
            {
                requests.Add(Post($"wrong-type {field}={value}", With(valid, field, value)));
            }
        }

        foreach (var value in NotItemArrays)
        {
            requests.Add(Post($"wrong-type data={value}", With(valid, "data", value)));
        }

        foreach (var value in NotStrings.Append("\"x\"").Append("null"))
        {
            requests.Add(Post($"wrong-type data[0]={value}", With(valid, "data[0]", value)));
        }

        for (var mask = 1; mask < 1 << RequiredFields.Length; mask++)
        {
            var removed = RequiredFields.Where((_, i) => (mask & (1 << i)) != 0).ToArray();
            requests.Add(Post($"missing {string.Join('+', removed)}", Without(valid, removed)));
        }

        foreach (var field in new[] { "connectorAddress", "data[0].type", "data[0].counterPartyAddress", "data[0].contractId" })
        {
            foreach (var length in new[] { 2_049, 65_536, 900_000 })
            {
                var huge = field.EndsWith("Address", StringComparison.Ordinal) ? "\"http://x/" + new string('a', length) + "\"" : "\"" + new string('a', length) + "\"";
                requests.Add(Post($"huge-string {field} ({length})", With(valid, field, huge)));
            }
        }

        foreach (var (kind, open, close) in new[] { ("array", "[", "]"), ("object", "{\"a\":", "}") })
        {
            foreach (var depth in new[] { 33, 64, 500, 5_000, 100_000 })
            {
                var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
                requests.Add(Post($"deep-{kind} body ({depth})", nested));
                requests.Add(Post($"deep-{kind} data[0].policy ({depth})", valid.Replace("\"connectorId\"", $"\"policy\":{nested},\"connectorId\"", StringComparison.Ordinal)));
                requests.Add(Post($"deep-{kind} extra property ({depth})", valid[..^1] + $",\"extra\":{nested}}}"));
            }
        }

        for (var length = 0; length < valid.Length; length++)
        {
            requests.Add(Post($"truncated at {length}", valid[..length]));
        }

        for (var c = 0; c < 0x20; c++)
        {
            requests.Add(Post($"raw-control-char U+{c:X4} in contractId", valid.Replace("\"c-valid\"", $"\"c-{(char)c}\"", StringComparison.Ordinal)));
            requests.Add(Post($"escaped-control-char U+{c:X4} in connectorAddress", valid.Replace("\"connectorAddress\":\"http://", $"\"connectorAddress\":\"\\u{c:x4}http://", StringComparison.Ordinal)));
        }

        foreach (var bytes in InvalidUtf8)
        {
            foreach (var anchor in new[] { "c-valid", "edc-asset", "did:web" })
            {
                requests.Add(new BadRequest($"invalid-utf8 {Convert.ToHexString(bytes)} in {anchor}", "POST", "/orchestrate", Splice(valid, anchor, bytes), "application/json", keys, []));
            }
        }

        requests.Add(new BadRequest("utf16-body", "POST", "/orchestrate", Encoding.Unicode.GetBytes(valid), "application/json", keys, []));
        requests.Add(new BadRequest("utf8-bom-then-garbage", "POST", "/orchestrate", [0xEF, 0xBB, 0xBF, 0xFF, 0xFF], "application/json", keys, []));

        foreach (var contentType in WrongContentTypes)
        {
            requests.Add(Post($"content-type {contentType}", valid, contentType));
        }

        requests.Add(Post("content-type none", valid, contentType: null));

        foreach (var size in new[] { 1_048_577, 4_000_000, 16_000_000 })
        {
            var body = Encoding.UTF8.GetBytes(valid[..^1] + ",\"pad\":\"" + new string('p', size) + "\"}");
            requests.Add(new BadRequest($"oversized declared ({size})", "POST", "/orchestrate", body, "application/json", keys, []));
            requests.Add(new BadRequest($"oversized chunked ({size})", "POST", "/orchestrate", body, "application/json", keys, [], Chunked: true));
        }

        requests.AddRange(HeaderRequests(valid, apiKey));

        foreach (var id in HostileIds)
        {
            requests.Add(new BadRequest($"path GET /status/{Shorten(id)}", "GET", $"/status/{id}", null, null, keys, []));
            requests.Add(new BadRequest($"path GET /status/x/files/{Shorten(id)}", "GET", $"/status/{Guid.Empty}/files/{id}", null, null, keys, []));
            requests.Add(new BadRequest($"path GET /status/{Shorten(id)}/files/t", "GET", $"/status/{id}/files/t-1", null, null, keys, []));
            requests.Add(new BadRequest($"path POST /orchestrate/{Shorten(id)}/cancel", "POST", $"/orchestrate/{id}/cancel", null, null, keys, []));
        }

        foreach (var query in BadQueries)
        {
            requests.Add(new BadRequest($"query GET /status?{Shorten(query)}", "GET", $"/status?{query}", null, null, keys, []));
        }

        foreach (var (method, path) in new[] { ("PUT", "/orchestrate"), ("PATCH", "/orchestrate"), ("DELETE", "/orchestrate"), ("GET", "/orchestrate"), ("POST", "/status"), ("PUT", "/status"), ("DELETE", "/status"), ("PUT", $"/status/{Guid.Empty}"), ("DELETE", $"/status/{Guid.Empty}"), ("GET", $"/orchestrate/{Guid.Empty}/cancel"), ("POST", "/orchestrate/cancel") })
        {
            requests.Add(new BadRequest($"method {method} {path}", method, path, method is "GET" or "DELETE" ? null : Encoding.UTF8.GetBytes(valid), "application/json", keys, []));
        }

        requests.AddRange(SeededMutations(valid, keys));
        return requests;
    }

    public static string ValidBody(string connectorAddress) =>
        $"{{\"data\":[{{\"type\":\"edc-asset\",\"counterPartyAddress\":\"http://provider:8082/api/dsp\",\"contractId\":\"c-valid\",\"connectorId\":\"did:web:provider\"}}],\"connectorAddress\":\"{connectorAddress}\"}}";

    private static IEnumerable<BadRequest> HeaderRequests(string valid, string apiKey)
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
            yield return new BadRequest($"header {name}: {Shorten(value)}", "POST", "/orchestrate", invalid, "application/json", [apiKey], [new(name, value)]);
        }

        foreach (var value in new[] { apiKey + "\r\nX-Injected: 1", apiKey + "\n", "\r\n" })
        {
            yield return Keyed($"crlf {Shorten(value)}", value);
        }
    }

    // Seeded: splice a fragment that can never form valid JSON at a random position between tokens (inside a string
    // most fragments would just be characters of a value).
    private static IEnumerable<BadRequest> SeededMutations(string valid, string[] keys)
    {
        string[] poison = ["{{", "]]", ",,", "::", "\"\"\"", "\\", "\u0000", "NaN", "Infinity", "undefined", "'", "/*", "}{", "][", "\u0007", "@"];
        var outsideStrings = OutsideStrings(valid);
        var random = new Random(Seed);
        for (var i = 0; i < 100; i++)
        {
            var position = outsideStrings[random.Next(outsideStrings.Count)];
            var fragment = poison[random.Next(poison.Length)];
            var body = valid[..position] + fragment + valid[position..];
            yield return new BadRequest($"seeded #{i}: '{Shorten(fragment)}' at {position}", "POST", "/orchestrate", Encoding.UTF8.GetBytes(body), "application/json", keys, []);
        }
    }

    private static List<int> OutsideStrings(string json)
    {
        var positions = new List<int>();
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            if (!inString && i > 0)
            {
                positions.Add(i);
            }

            if (json[i] == '"' && (i == 0 || json[i - 1] != '\\'))
            {
                inString = !inString;
            }
        }

        return positions;
    }

    private static string With(string valid, string path, string valueJson)
    {
        var root = JsonNode.Parse(valid)!;
        var value = JsonNode.Parse(valueJson);
        if (path == "data[0]")
        {
            root["data"]!.AsArray()[0] = value;
        }
        else
        {
            var (parent, key) = Locate(root, path);
            parent[key] = value;
        }

        return root.ToJsonString();
    }

    private static string Without(string valid, IEnumerable<string> paths)
    {
        var root = JsonNode.Parse(valid)!;
        foreach (var path in paths.OrderByDescending(p => p.Length))
        {
            if (path == "data")
            {
                root.AsObject().Remove("data");
                continue;
            }

            if (root["data"] is null)
            {
                continue;
            }

            var (parent, key) = Locate(root, path);
            parent.AsObject().Remove(key);
        }

        return root.ToJsonString();
    }

    private static (JsonNode Parent, string Key) Locate(JsonNode root, string path)
    {
        return path.StartsWith("data[0].", StringComparison.Ordinal) ? (root["data"]![0]!, path["data[0].".Length..]) : (root, path);
    }

    private static byte[] Splice(string valid, string anchor, byte[] bytes)
    {
        var position = Encoding.UTF8.GetByteCount(valid[..(valid.IndexOf(anchor, StringComparison.Ordinal) + 1)]);
        var utf8 = Encoding.UTF8.GetBytes(valid);
        return [.. utf8[..position], .. bytes, .. utf8[position..]];
    }

    private static string Shorten(string value) => value.Length > 40 ? $"{value[..40]}…({value.Length})" : value;
}
