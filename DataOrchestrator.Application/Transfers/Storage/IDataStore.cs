using DataOrchestrator.Application.Transfers.DataPlane;

namespace DataOrchestrator.Application.Transfers.Storage;

/// <summary>Where downloaded payloads are kept.</summary>
public interface IDataStore
{
    /// <summary>
    /// Streams the payload into the store under a name derived from the transfer id, measuring size and SHA-256 as it goes.
    /// Either the whole file is there afterwards or nothing is: a failed or cancelled save leaves no file behind.
    /// Throws <see cref="DownloadTooLargeException"/> past the store's size limit and <see cref="InsufficientDiskSpaceException"/>
    /// when the store's free-space reserve would be used, before writing when <see cref="DataPayload.Length"/> tells.
    /// </summary>
    Task<StoredFile> SaveAsync(string transferId, DataPayload payload, CancellationToken cancellationToken);

    /// <summary>
    /// Starts writing a download that may arrive over several connections, named like <see cref="SaveAsync"/> names it.
    /// Checks the size limit and the reserve against <paramref name="length"/> first.
    /// </summary>
    Task<IPartialDownload> BeginAsync(string transferId, string? contentType, long? length, CancellationToken cancellationToken);

    /// <summary>
    /// Removes what an interrupted earlier attempt may have left for this transfer: a partial temporary file, or a
    /// complete file whose saving was never recorded (the process died between the two). Called before a resumed download.
    /// </summary>
    Task RemoveUnrecordedAsync(string transferId, CancellationToken cancellationToken);

    /// <summary>Deletes one saved file that will not be recorded (its item was taken over meanwhile).</summary>
    Task DeleteAsync(StoredFile file, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the file behind a recorded <c>storage_path</c> (looked for inside the data directory only) and answers its
    /// size, or null when it was not there. Throws <see cref="StorageException"/> when it is there but cannot be deleted.
    /// </summary>
    Task<long?> DeleteSavedAsync(string storagePath, CancellationToken cancellationToken);
}
