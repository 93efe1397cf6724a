using System.Threading.Channels;
using DataOrchestrator.Application.Workers;

namespace DataOrchestrator.Infrastructure.Workers;

/// <summary>
/// Where the worker pool takes item work from: the in-memory channel, or claims on the database's item table that a
/// lease keeps this instance's while it works on them. Whether work outlives the process is the store's to say
/// (<c>IOrchestrationRepository.KeepsWorkAcrossRestarts</c>): each store comes with its own source.
/// </summary>
internal interface IWorkSource
{
    /// <summary>Work ready for this instance's workers.</summary>
    ChannelReader<ItemWork> Reader { get; }

    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>A worker took an item from <see cref="Reader"/>.</summary>
    void MarkTaken();

    /// <summary>A worker is done with an item (finished, failed, or interrupted by shutdown).</summary>
    ValueTask CompleteAsync(ItemWork work);

    /// <summary>
    /// A worker is done with an item for now: it waits for its connector and comes back after <paramref name="delay"/>,
    /// to this instance or (a durable source) to any, without holding a worker meanwhile.
    /// </summary>
    ValueTask DeferAsync(ItemWork work, TimeSpan delay);

    /// <summary>Stops taking new work.</summary>
    Task CloseAsync();

    /// <summary>Items that were taken for this instance but never started, at shutdown.</summary>
    ValueTask ReturnUnstartedAsync(IReadOnlyList<ItemWork> unstarted);
}
