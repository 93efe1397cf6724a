namespace DataOrchestrator.Application.Transfers.DataPlane;

/// <summary>An open download from a provider's data plane: read <see cref="Content"/> once, then dispose.</summary>
public sealed class DataPayload(Stream content, string? contentType, long? length, IDisposable? owner = null) : IAsyncDisposable
{
    public Stream Content { get; } = content;

    public string? ContentType { get; } = contentType;

    /// <summary>The whole payload's length (a 206's complete length), when the data plane tells it.</summary>
    public long? Length { get; } = length;

    /// <summary>Where in the payload <see cref="Content"/> starts: 0, or the start of the range a 206 answered.</summary>
    public long StartsAt { get; init; }

    /// <summary>The payload's ETag (or Last-Modified), sent as If-Range when resuming, so a changed payload is sent whole.</summary>
    public string? Validator { get; init; }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        owner?.Dispose();
    }
}
