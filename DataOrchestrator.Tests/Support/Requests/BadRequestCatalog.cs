using System.Text;

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

    private static readonly string[] CatalogRequiredFields = ["data[0].counterPartyId", "data[0].assetId"];

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

    // An item's path (JSON string values): every way out of the data address endpoint, and what a path cannot carry.
    private static readonly string[] HostileItemPaths =
    [
        "\"http://evil.example/x\"", "\"x:y\"", "\"//evil.example/x\"", "\"/\"", "\"\"", "\"a//b\"", "\"..\"", "\"a/../b\"", "\"./a\"",
        "\"a/%2e%2e/b\"", "\"%2E%2E\"", "\"..%2F..%2Fetc\"", "\"..%5Cwin.ini\"", "\"a\\\\b\"", "\"a?b=c\"", "\"a#f\"", "\"a\\nb\"",
        "\"a%0D%0Ab\"", "\"a%00\"", "\"" + new string('p', 2_049) + "\"",
    ];

    // An item's query: not an object of strings, or names and values the service refuses.
    private static readonly string[] HostileItemQueries =
    [
        "42", "\"a=b\"", "[]", "[\"a\"]", "true", "{\"a\":1}", "{\"a\":true}", "{\"a\":[\"b\"]}", "{\"a\":{\"b\":\"c\"}}", "{\"a\":null}",
        "{\"\":\"v\"}", "{\" \":\"v\"}", "{\"a\\r\\n\":\"v\"}", "{\"a\":\"v\\u0000\"}", "{\"a\":\"" + new string('v', 2_049) + "\"}",
        "{" + string.Join(',', Enumerable.Range(0, 51).Select(i => $"\"p{i}\":\"v\"")) + "}",
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
                requests.Add(Post($"wrong-type {field}={value}", JsonBodyEdits.With(valid, field, value)));
            }
        }

        foreach (var value in NotItemArrays)
        {
            requests.Add(Post($"wrong-type data={value}", JsonBodyEdits.With(valid, "data", value)));
        }

        foreach (var value in NotStrings.Append("\"x\"").Append("null"))
        {
            requests.Add(Post($"wrong-type data[0]={value}", JsonBodyEdits.With(valid, "data[0]", value)));
        }

        for (var mask = 1; mask < 1 << RequiredFields.Length; mask++)
        {
            var removed = RequiredFields.Where((_, i) => (mask & (1 << i)) != 0).ToArray();
            requests.Add(Post($"missing {string.Join('+', removed)}", JsonBodyEdits.Without(valid, removed)));
        }

        foreach (var field in new[] { "connectorAddress", "data[0].type", "data[0].counterPartyAddress", "data[0].contractId" })
        {
            foreach (var length in new[] { 2_049, 65_536, 900_000 })
            {
                var huge = field.EndsWith("Address", StringComparison.Ordinal) ? "\"http://x/" + new string('a', length) + "\"" : "\"" + new string('a', length) + "\"";
                requests.Add(Post($"huge-string {field} ({length})", JsonBodyEdits.With(valid, field, huge)));
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
                requests.Add(new BadRequest($"invalid-utf8 {Convert.ToHexString(bytes)} in {anchor}", "POST", "/orchestrate", JsonBodyEdits.Splice(valid, anchor, bytes), "application/json", keys, []));
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

        requests.AddRange(BadHeaderRequests.For(valid, apiKey));

        foreach (var id in HostileIds)
        {
            requests.Add(new BadRequest($"path GET /status/{BadRequest.Shorten(id)}", "GET", $"/status/{id}", null, null, keys, []));
            requests.Add(new BadRequest($"path GET /status/x/files/{BadRequest.Shorten(id)}", "GET", $"/status/{Guid.Empty}/files/{id}", null, null, keys, []));
            requests.Add(new BadRequest($"path GET /status/{BadRequest.Shorten(id)}/files/t", "GET", $"/status/{id}/files/t-1", null, null, keys, []));
            requests.Add(new BadRequest($"path POST /orchestrate/{BadRequest.Shorten(id)}/cancel", "POST", $"/orchestrate/{id}/cancel", null, null, keys, []));
        }

        foreach (var query in BadQueries)
        {
            requests.Add(new BadRequest($"query GET /status?{BadRequest.Shorten(query)}", "GET", $"/status?{query}", null, null, keys, []));
        }

        foreach (var (method, path) in new[] { ("PUT", "/orchestrate"), ("PATCH", "/orchestrate"), ("DELETE", "/orchestrate"), ("GET", "/orchestrate"), ("POST", "/status"), ("PUT", "/status"), ("DELETE", "/status"), ("PUT", $"/status/{Guid.Empty}"), ("DELETE", $"/status/{Guid.Empty}"), ("GET", $"/orchestrate/{Guid.Empty}/cancel"), ("POST", "/orchestrate/cancel") })
        {
            requests.Add(new BadRequest($"method {method} {path}", method, path, method is "GET" or "DELETE" ? null : Encoding.UTF8.GetBytes(valid), "application/json", keys, []));
        }

        foreach (var path in HostileItemPaths)
        {
            requests.Add(Post($"item path {BadRequest.Shorten(path)}", JsonBodyEdits.With(valid, "data[0].path", path)));
        }

        foreach (var query in HostileItemQueries)
        {
            requests.Add(Post($"item query {BadRequest.Shorten(query)}", JsonBodyEdits.With(valid, "data[0].query", query)));
        }

        // edc-catalog items: what the type needs, what it refuses, and catalog fields on other types.
        var catalog = ValidCatalogBody(connectorAddress);
        for (var mask = 1; mask < 1 << CatalogRequiredFields.Length; mask++)
        {
            var removed = CatalogRequiredFields.Where((_, i) => (mask & (1 << i)) != 0).ToArray();
            requests.Add(Post($"catalog missing {string.Join('+', removed)}", JsonBodyEdits.Without(catalog, removed)));
        }

        foreach (var (field, value) in new[] { ("data[0].contractId", "\"c-1\""), ("data[0].offerId", "\"offer-1\""), ("data[0].assetId", "\"\""), ("data[0].counterPartyId", "\" \"") })
        {
            requests.Add(Post($"catalog {field}={value}", JsonBodyEdits.With(catalog, field, value)));
        }

        foreach (var value in NotStrings.Where(v => v is not "true" and not "false").Append("\"true\""))
        {
            requests.Add(Post($"catalog wrong-type reuseAgreement={value}", JsonBodyEdits.With(catalog, "data[0].reuseAgreement", value)));
        }

        foreach (var value in new[] { "42", "\"use\"", "[]", "true" })
        {
            requests.Add(Post($"catalog wrong-type policy={value}", JsonBodyEdits.With(catalog, "data[0].policy", value)));
        }

        requests.Add(Post("asset with reuseAgreement", JsonBodyEdits.With(valid, "data[0].reuseAgreement", "false")));
        requests.Add(Post("offer with reuseAgreement", JsonBodyEdits.With(
            valid.Replace("\"contractId\":\"c-valid\"", "\"counterPartyId\":\"did:web:p\",\"offerId\":\"o-1\",\"assetId\":\"a-1\"", StringComparison.Ordinal)
                .Replace("edc-asset", "edc-offer", StringComparison.Ordinal),
            "data[0].reuseAgreement",
            "true")));

        requests.AddRange(SeededMutations(valid, keys));
        return requests;
    }

    public static string ValidCatalogBody(string connectorAddress) =>
        $"{{\"data\":[{{\"type\":\"edc-catalog\",\"counterPartyAddress\":\"http://provider:8082/api/dsp\",\"counterPartyId\":\"did:web:provider\",\"assetId\":\"asset-1\"}}],\"connectorAddress\":\"{connectorAddress}\"}}";

    public static string ValidBody(string connectorAddress) =>
        $"{{\"data\":[{{\"type\":\"edc-asset\",\"counterPartyAddress\":\"http://provider:8082/api/dsp\",\"contractId\":\"c-valid\",\"connectorId\":\"did:web:provider\"}}],\"connectorAddress\":\"{connectorAddress}\"}}";

    // Seeded: splice a fragment that can never form valid JSON at a random position between tokens (inside a string
    // most fragments would just be characters of a value).
    private static IEnumerable<BadRequest> SeededMutations(string valid, string[] keys)
    {
        string[] poison = ["{{", "]]", ",,", "::", "\"\"\"", "\\", "\u0000", "NaN", "Infinity", "undefined", "'", "/*", "}{", "][", "\u0007", "@"];
        var outsideStrings = JsonBodyEdits.OutsideStrings(valid);
        var random = new Random(Seed);
        for (var i = 0; i < 100; i++)
        {
            var position = outsideStrings[random.Next(outsideStrings.Count)];
            var fragment = poison[random.Next(poison.Length)];
            var body = valid[..position] + fragment + valid[position..];
            yield return new BadRequest($"seeded #{i}: '{BadRequest.Shorten(fragment)}' at {position}", "POST", "/orchestrate", Encoding.UTF8.GetBytes(body), "application/json", keys, []);
        }
    }
}
