using DataOrchestrator.Application.Transfers.Storage;

namespace DataOrchestrator.Application.Transfers.DataPlane;

/// <summary>How far a running download got, over all its connections: read by the progress reporter while it runs.</summary>
public sealed class DownloadTracker
{
    private IPartialDownload? _partial;
    private long _total = -1;

    public long Received => Volatile.Read(ref _partial)?.Received ?? 0;

    /// <summary>The payload's length, once a data plane answer announced it.</summary>
    public long? Total
    {
        get => Volatile.Read(ref _total) is >= 0 and var total ? total : null;
        internal set => Volatile.Write(ref _total, value ?? -1);
    }

    internal IPartialDownload? Partial
    {
        get => Volatile.Read(ref _partial);
        set => Volatile.Write(ref _partial, value);
    }
}
