using System.Globalization;
using System.Text.Json;
using AutoMapper;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Application.Workers;
using DataOrchestrator.Domain.Orchestrations;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Orchestrations.Retry;

public sealed class OrchestrationRetry(
    IOrchestrationRepository repository,
    IOrchestrationQueue queue,
    IOptions<WorkerOptions> workerOptions,
    TimeProvider timeProvider,
    IMapper mapper,
    ILogger<OrchestrationRetry> logger) : IOrchestrationRetry
{
    public const string ItemsProperty = "items";

    public async Task<OrchestrationStatusDto> RetryAsync(string orchestrationId, RetryItemsRequest? request, CancellationToken cancellationToken)
    {
        var orchestration = await repository.GetAsync(orchestrationId, cancellationToken);
        var chosen = Choose(orchestration, request?.Items);
        ThrowUnlessRetryable(orchestrationId, orchestration, chosen);

        // Room for the items first, as a submission takes it: a full queue refuses the retry before anything changes.
        var count = orchestration.Items.Count(i => i.IsRetryable && (chosen is null || chosen.Contains(i.Index)));
        using var reservation = await queue.TryReserveAsync(count, cancellationToken)
            ?? throw new QueueFullException(TimeSpan.FromSeconds(workerOptions.Value.RetryAfterSeconds));

        // The store checks again in the same step as the change: a concurrent retry or cancel may have come first.
        var retry = await repository.RetryItemsAsync(orchestration.Id, chosen, timeProvider.GetUtcNow(), CancellationToken.None)
            ?? throw new OrchestrationNotFoundException(orchestrationId);
        ThrowUnlessRetried(orchestrationId, retry);

        foreach (var index in retry.Retried)
        {
            reservation.Enqueue(new ItemWork(orchestration.Id, index));
        }

        logger.LogInformation("Orchestration {OrchestrationId}: {ItemCount} items retried by the client", orchestration.Id, retry.Retried.Count);
        return mapper.Map<OrchestrationStatusDto>(retry.Orchestration);
    }

    /// <summary>The indexes the request names (null: all); unknown or malformed names fail validation, naming them.</summary>
    private static HashSet<int>? Choose(Orchestration orchestration, List<JsonElement>? names)
    {
        if (names is null)
        {
            return null;
        }

        var chosen = new HashSet<int>();
        var unknown = new List<string>();
        foreach (var name in names)
        {
            var found = name.ValueKind switch
            {
                JsonValueKind.Number when name.TryGetInt32(out var index) && index >= 0 && index < orchestration.Items.Count => index,
                JsonValueKind.String when name.GetString() is { Length: > 0 } transferId =>
                    orchestration.Items.FirstOrDefault(i => i.TransferId == transferId)?.Index,
                _ => null,
            };
            if (found is { } foundIndex)
            {
                chosen.Add(foundIndex);
            }
            else
            {
                unknown.Add(name.ValueKind == JsonValueKind.String ? name.GetString()! : name.GetRawText());
            }
        }

        if (unknown.Count > 0)
        {
            var shown = string.Join(", ", unknown.Take(20).Select(u => u.Length > 100 ? u[..100] + "…" : u));
            throw new ValidationException(
                [new ValidationFailure(ItemsProperty, string.Create(CultureInfo.InvariantCulture, $"Unknown items (neither a transfer id nor an item index of this orchestration): {shown}."))]);
        }

        return chosen;
    }

    private static void ThrowUnlessRetryable(string orchestrationId, Orchestration orchestration, HashSet<int>? chosen)
    {
        if (!orchestration.Items.All(i => i.IsFinished))
        {
            throw new OrchestrationRunningException(orchestrationId, orchestration.ProcessStatus.ToWireName());
        }

        if (!orchestration.Items.Any(i => i.IsRetryable && (chosen is null || chosen.Contains(i.Index))))
        {
            throw new NothingToRetryException(orchestrationId, orchestration.ProcessStatus.ToWireName());
        }
    }

    private static void ThrowUnlessRetried(string orchestrationId, ItemsRetry retry)
    {
        var status = retry.Orchestration.ProcessStatus.ToWireName();
        switch (retry.Outcome)
        {
            case RetryOutcome.Running:
                throw new OrchestrationRunningException(orchestrationId, status);
            case RetryOutcome.NothingToRetry:
                throw new NothingToRetryException(orchestrationId, status);
        }
    }
}
