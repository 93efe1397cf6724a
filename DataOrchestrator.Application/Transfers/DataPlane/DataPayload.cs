namespace DataOrchestrator.Application.Transfers.DataPlane;

/// <summary>An open download from a provider's data plane: read <see cref="Content"/> once, then dispose.</summary>
public sealed class DataPayload(Stream content, string? contentType, long? length, IDisposable? owner = null) : IAsyncDisposable
{
    public Stream Content { get; } = content;

    public string? ContentType { get; } = contentType;

    public long? Length { get; } = length;

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        owner?.Dispose();
    }
}
