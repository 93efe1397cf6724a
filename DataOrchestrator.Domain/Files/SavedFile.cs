namespace DataOrchestrator.Domain.Files;

/// <summary>A saved download as a client fetches it: its recorded <c>storage_path</c>, media type, size and SHA-256.</summary>
public sealed record SavedFile(string StoragePath, string ContentType, long Bytes, string Sha256)
{
    /// <summary>The media type follows the extension the file was saved with (<see cref="StoredFileName"/>).</summary>
    public static SavedFile Of(string storagePath, long bytes, string sha256)
    {
        ArgumentNullException.ThrowIfNull(storagePath);
        var dot = storagePath.LastIndexOf('.');
        var extension = dot < 0 || storagePath.IndexOfAny(['/', '\\'], dot) >= 0 ? string.Empty : storagePath[dot..];
        return new SavedFile(storagePath, ContentTypeExtensions.ContentTypeOf(extension), bytes, sha256);
    }
}
