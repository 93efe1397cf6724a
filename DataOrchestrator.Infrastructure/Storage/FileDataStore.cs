using System.Security.Cryptography;
using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Storage;
using DataOrchestrator.Domain.Files;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Infrastructure.Storage;

/// <summary>
/// Saves payloads under the data directory through a <see cref="PartialFile"/>: a hidden temporary file renamed into
/// place once complete, so a reader never sees a partial file and a failure leaves nothing behind.
/// </summary>
internal sealed class FileDataStore(IOptions<StorageOptions> options, TimeProvider timeProvider, OrchestratorMetrics metrics, IDiskSpace diskSpace)
    : IDataStore
{
    private const string TemporarySuffix = PartialFile.TemporarySuffix;

    public async Task<StoredFile> SaveAsync(string transferId, DataPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        await using var partial = await BeginAsync(transferId, payload.ContentType, payload.Length, cancellationToken);
        await partial.AppendAsync(payload.Content, cancellationToken);
        return await partial.CompleteAsync(payload.Length, cancellationToken);
    }

    public Task<IPartialDownload> BeginAsync(string transferId, string? contentType, long? length, CancellationToken cancellationToken)
    {
        var configuredPath = options.Value.DataPath;
        var directory = Path.GetFullPath(configuredPath);
        var fileName = StoredFileName.Create(transferId, contentType, timeProvider.GetUtcNow(), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)));
        if (!Path.Combine(directory, fileName).StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new StorageException("The file name would leave the data directory.");
        }

        try
        {
            Directory.CreateDirectory(directory);
            var budget = new SaveBudget(options.Value, diskSpace, directory, length);
            budget.CheckBeforeWriting();
            return Task.FromResult<IPartialDownload>(new PartialFile(directory, fileName, Path.Join(configuredPath, fileName), budget, metrics));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"could not write {fileName}: {exception.Message}", exception);
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

    internal static void TryDelete(string path)
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
