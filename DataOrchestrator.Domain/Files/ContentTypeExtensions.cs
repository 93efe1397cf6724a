namespace DataOrchestrator.Domain.Files;

/// <summary>Chooses a file extension from a response's content type; JSON when there is none, as the original did.</summary>
public static class ContentTypeExtensions
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/json"] = "json",
        ["application/ld+json"] = "json",
        ["text/json"] = "json",
        ["text/plain"] = "txt",
        ["text/csv"] = "csv",
        ["text/html"] = "html",
        ["application/xml"] = "xml",
        ["text/xml"] = "xml",
        ["application/pdf"] = "pdf",
        ["application/zip"] = "zip",
        ["application/gzip"] = "gz",
        ["application/octet-stream"] = "bin",
        ["application/x-ndjson"] = "ndjson",
        ["image/png"] = "png",
        ["image/jpeg"] = "jpg",
    };

    /// <summary>The media type a saved file is served with, from its extension: the first type that maps to it, else binary.</summary>
    public static string ContentTypeOf(string extension)
    {
        var bare = extension.TrimStart('.');
        return Known.FirstOrDefault(k => string.Equals(k.Value, bare, StringComparison.OrdinalIgnoreCase)).Key ?? "application/octet-stream";
    }

    public static string For(string? contentType)
    {
        var mediaType = contentType?.Split(';', 2)[0].Trim();
        if (string.IsNullOrEmpty(mediaType))
        {
            return "json";
        }

        if (Known.TryGetValue(mediaType, out var extension))
        {
            return extension;
        }

        if (mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return "json";
        }

        if (mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase))
        {
            return "xml";
        }

        // An unknown but simple subtype (e.g. "text/markdown" -> "markdown") is safe to use; anything else is plain binary.
        var subtype = mediaType.Split('/', 2) is [_, var s] ? s : string.Empty;
        return subtype.Length is > 0 and <= 12 && subtype.All(char.IsAsciiLetterOrDigit) ? subtype.ToLowerInvariant() : "bin";
    }
}
