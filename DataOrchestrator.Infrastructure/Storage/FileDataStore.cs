using System.Buffers;
using System.Security.Cryptography;
using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Storage;
using DataOrchestrator.Domain.Files;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Infrastructure.Storage;

/// <summary>
/// Saves payloads under the data directory. Bytes go to a hidden temporary file while SHA-256 and size are computed,
/// then the file is renamed into place, so a reader never sees a partial file and a failure leaves nothing behind.
/// </summary>
internal sealed class FileDataStore(IOptions<StorageOptions> options, TimeProvider timeProvider, OrchestratorMetrics metrics, IDiskSpace diskSpace)
    : IDataStore
{
    private const int BufferSize = 128 * 1024;
    private const string TemporarySuffix = ".part";

    public async Task<StoredFile> SaveAsync(string transferId, DataPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var configuredPath = options.Value.DataPath;
        var directory = Path.GetFullPath(configuredPath);
        var fileName = StoredFileName.Create(transferId, payload.ContentType, timeProvider.GetUtcNow(), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)));
        var finalPath = Path.Combine(directory, fileName);
        if (!finalPath.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new StorageException("The file name would leave the data directory.");
        }

        var temporaryPath = Path.Combine(directory, $".{fileName}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            Directory.CreateDirectory(directory);
            var budget = new SaveBudget(options.Value, diskSpace, directory, payload.Length);
            budget.CheckBeforeWriting();
            var (bytes, sha256) = await CopyAsync(payload.Content, temporaryPath, budget, cancellationToken);
            if (payload.Length is { } expected && expected != bytes)
            {
                throw new DataPlaneException($"the data plane announced {expected} bytes but sent {bytes}.");
            }

            File.Move(temporaryPath, finalPath, overwrite: false);
            return new StoredFile(Path.Join(configuredPath, fileName), bytes, sha256);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporaryPath);
            throw new StorageException($"could not write {fileName}: {exception.Message}", exception);
        }
        catch
        {
            TryDelete(temporaryPath);
            throw;
        }
    }

    public Task DeleteAsync(StoredFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var directory = Path.GetFullPath(options.Value.DataPath);
        var path = Path.Combine(directory, Path.GetFileName(file.StoragePath));
        TryDelete(path);
        return Task.CompletedTask;
    }

    public Task<long?> DeleteSavedAsync(string storagePath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(storagePath);

        // As in SavedFileLocator: only the name counts, so a record can never point a delete outside the data directory.
        var directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Value.DataPath));
        var name = Path.GetFileName(storagePath);
        var file = new FileInfo(Path.GetFullPath(Path.Combine(directory, name)));
        if (name.Length == 0 || file.DirectoryName != directory)
        {
            return Task.FromResult<long?>(null);
        }

        try
        {
            if (!file.Exists)
            {
                return Task.FromResult<long?>(null);
            }

            var bytes = file.Length;
            file.Delete();
            return Task.FromResult<long?>(bytes);
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<long?>(null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"could not delete {name}: {exception.Message}", exception);
        }
    }

    public Task RemoveUnrecordedAsync(string transferId, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.Value.DataPath);
        if (!Directory.Exists(directory))
        {
            return Task.CompletedTask;
        }

        // The prefix only narrows the search: "file_a_" also starts the names of transfer "a_b"; IsNameOf decides.
        var prefix = $"file_{StoredFileName.SanitizeId(transferId)}_";
        foreach (var path in Directory.EnumerateFiles(directory, prefix + "*").Concat(Directory.EnumerateFiles(directory, $".{prefix}*{TemporarySuffix}")))
        {
            if (StoredFileName.IsNameOf(FinalNameOf(Path.GetFileName(path)), transferId))
            {
                TryDelete(path);
            }
        }

        return Task.CompletedTask;
    }

    private async Task<(long Bytes, string Sha256)> CopyAsync(Stream source, string path, SaveBudget budget, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long total = 0;

            // A raw handle, not a FileStream: no buffering layer, and no advisory lock (the temporary name is unique and
            // hidden), which on some file systems costs more than the write itself. Writes go to the page cache, so they
            // are issued synchronously instead of being queued to the thread pool.
            using var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            while (true)
            {
                var read = await ReadAsync(source, buffer, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                budget.CheckBeforeWriting(total, read);
                hash.AppendData(buffer, 0, read);
                RandomAccess.Write(file, buffer.AsSpan(0, read), total);
                total += read;
                metrics.RecordDownloaded(read);
            }

            return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
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

    /// <summary>The name a temporary file (".{name}.{guid}.part") was to be renamed to; other names as they are.</summary>
    private static string FinalNameOf(string fileName)
    {
        if (!fileName.StartsWith('.') || !fileName.EndsWith(TemporarySuffix, StringComparison.Ordinal))
        {
            return fileName;
        }

        var unique = fileName.LastIndexOf('.', fileName.Length - TemporarySuffix.Length - 1);
        return unique > 1 ? fileName[1..unique] : fileName;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover *.part file is hidden and never reported as data.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
