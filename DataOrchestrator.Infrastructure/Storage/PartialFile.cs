using System.Buffers;
using System.Security.Cryptography;
using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Storage;
using Microsoft.Win32.SafeHandles;

namespace DataOrchestrator.Infrastructure.Storage;

/// <summary>
/// A download written to a hidden temporary file next to its final name while SHA-256 and size are computed, over one
/// connection or several (each append continues the file and the hash). Completing renames it into place, so a reader
/// never sees a partial file; disposing it uncompleted deletes it.
/// </summary>
internal sealed class PartialFile : IPartialDownload
{
    public const string TemporarySuffix = ".part";
    private const int BufferSize = 128 * 1024;

    private readonly string _temporaryPath;
    private readonly string _finalPath;
    private readonly string _storagePath;
    private readonly SaveBudget _budget;
    private readonly OrchestratorMetrics _metrics;
    private readonly SafeFileHandle _file;
    private IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _received;
    private bool _completed;

    public PartialFile(string directory, string fileName, string storagePath, SaveBudget budget, OrchestratorMetrics metrics)
    {
        _finalPath = Path.Combine(directory, fileName);
        _temporaryPath = Path.Combine(directory, $".{fileName}.{Guid.NewGuid():N}{TemporarySuffix}");
        _storagePath = storagePath;
        _budget = budget;
        _metrics = metrics;

        // A raw handle, not a FileStream: no buffering layer, and no advisory lock (the temporary name is unique and
        // hidden), which on some file systems costs more than the write itself. Writes go to the page cache, so they
        // are issued synchronously instead of being queued to the thread pool.
        _file = File.OpenHandle(_temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
    }

    public long Received => Volatile.Read(ref _received);

    public async Task AppendAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                var read = await ReadAsync(content, buffer, cancellationToken);
                if (read == 0)
                {
                    return;
                }

                _budget.CheckBeforeWriting(_received, read);
                _hash.AppendData(buffer, 0, read);
                Write(buffer.AsSpan(0, read));
                Volatile.Write(ref _received, _received + read);
                _metrics.RecordDownloaded(read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Restart()
    {
        _hash.Dispose();
        _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        RandomAccess.SetLength(_file, 0);
        Volatile.Write(ref _received, 0);
    }

    public Task<StoredFile> CompleteAsync(long? expectedLength, CancellationToken cancellationToken)
    {
        if (expectedLength is { } expected && expected != _received)
        {
            throw new DataPlaneException($"the data plane announced {expected} bytes but sent {_received}.");
        }

        _file.Dispose();
        try
        {
            File.Move(_temporaryPath, _finalPath, overwrite: false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"could not write {Path.GetFileName(_finalPath)}: {exception.Message}", exception);
        }

        _completed = true;
        return Task.FromResult(new StoredFile(_storagePath, _received, Convert.ToHexStringLower(_hash.GetHashAndReset())));
    }

    public ValueTask DisposeAsync()
    {
        _file.Dispose();
        _hash.Dispose();
        if (!_completed)
        {
            FileDataStore.TryDelete(_temporaryPath);
        }

        return ValueTask.CompletedTask;
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        try
        {
            RandomAccess.Write(_file, bytes, _received);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"could not write {Path.GetFileName(_finalPath)}: {exception.Message}", exception);
        }
    }

    /// <summary>Failures while reading are the data plane's, not the disk's.</summary>
    private static async ValueTask<int> ReadAsync(Stream source, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await source.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or TimeoutException or HttpRequestException)
        {
            throw new DataPlaneException($"the download broke off: {exception.Message}", exception);
        }
    }
}
