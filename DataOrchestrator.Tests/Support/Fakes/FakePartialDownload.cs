using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Storage;

namespace DataOrchestrator.Tests.Support.Fakes;

/// <summary>A partial download in memory: keeps what is appended and completes as <paramref name="result"/> when the length fits.</summary>
internal sealed class FakePartialDownload(StoredFile result) : IPartialDownload
{
    private readonly MemoryStream _bytes = new();

    public long Received => _bytes.Length;

    public bool Completed { get; private set; }

    public bool Disposed { get; private set; }

    public async Task AppendAsync(Stream content, CancellationToken cancellationToken) => await content.CopyToAsync(_bytes, cancellationToken);

    public void Restart() => _bytes.SetLength(0);

    public Task<StoredFile> CompleteAsync(long? expectedLength, CancellationToken cancellationToken)
    {
        if (expectedLength is { } expected && expected != _bytes.Length)
        {
            throw new DataPlaneException($"the data plane announced {expected} bytes but sent {_bytes.Length}.");
        }

        Completed = true;
        return Task.FromResult(result);
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return _bytes.DisposeAsync();
    }
}
