namespace DataOrchestrator.Application.Transfers.Storage;

/// <summary>
/// A download being written into the store, possibly over several connections: a broken one is resumed where it
/// stopped (<see cref="Received"/>), or started again (<see cref="Restart"/>). Disposing it without
/// <see cref="CompleteAsync"/> leaves nothing behind.
/// </summary>
public interface IPartialDownload : IAsyncDisposable
{
    /// <summary>Bytes written so far; readable from another thread while an append runs.</summary>
    long Received { get; }

    /// <summary>
    /// Appends <paramref name="content"/> until it ends. A read that fails throws <see cref="DataPlane.DataPlaneException"/>
    /// and keeps what was written before it; the size limit and the disk reserve throw as <see cref="IDataStore.SaveAsync"/> does.
    /// </summary>
    Task AppendAsync(Stream content, CancellationToken cancellationToken);

    /// <summary>Drops what was written: the data plane answered a resumed request with the whole payload.</summary>
    void Restart();

    /// <summary>
    /// Moves the complete file into place. Throws <see cref="DataPlane.DataPlaneException"/> when fewer or more bytes arrived
    /// than <paramref name="expectedLength"/>: a short body is never saved.
    /// </summary>
    Task<StoredFile> CompleteAsync(long? expectedLength, CancellationToken cancellationToken);
}
