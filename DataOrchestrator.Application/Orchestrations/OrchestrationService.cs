using System.Text.Json;
using AutoMapper;
using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Application.Orchestrations.Submit;
using DataOrchestrator.Application.Transfers.Storage;
using DataOrchestrator.Application.Workers;
using DataOrchestrator.Domain.Files;
using DataOrchestrator.Domain.Orchestrations;
using FluentValidation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Orchestrations;

public sealed class OrchestrationService(
    IOrchestrationRepository repository,
    IOrchestrationQueue queue,
    IMapper mapper,
    TimeProvider timeProvider,
    IOptions<WorkerOptions> workerOptions,
    IValidator<ListOrchestrationsQuery> listValidator,
    IDataStore dataStore,
    IOptions<IdempotencyOptions> idempotencyOptions,
    RunningOrchestrations running,
    OrchestratorMetrics metrics,
    ILogger<OrchestrationService> logger) : IOrchestrationService
{
    public async Task<OrchestrationAcceptedDto> SubmitAsync(OrchestrateRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var data = request.Data ?? throw new ArgumentException("Validated requests carry data.", nameof(request));
        if (idempotencyKey is not null && !IsSaneKey(idempotencyKey))
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(
                "Idempotency-Key", $"Must be 1 to {MaxIdempotencyKeyLength} printable ASCII characters.")]);
        }

        var items = data.Select(ToItem).ToArray();

        using var reservation = await queue.TryReserveAsync(items.Length, cancellationToken)
            ?? throw new QueueFullException(TimeSpan.FromSeconds(workerOptions.Value.RetryAfterSeconds));

        var now = timeProvider.GetUtcNow();
        var orchestration = Orchestration.Create(Guid.NewGuid(), request.ConnectorAddress!, items, now) with
        {
            Callback = request.CallbackUrl is { } callbackUrl ? OrchestrationCallback.Pending(callbackUrl, now) : null,
        };

        // Once room is reserved the orchestration is accepted: finish storing and queueing it even if the client goes away.
        if (idempotencyKey is not null)
        {
            var key = new IdempotencyKey(idempotencyKey, Fingerprint(request), now + idempotencyOptions.Value.KeyTtl);
            var added = await repository.AddIdempotentAsync(orchestration, key, CancellationToken.None);
            if (!added.Created)
            {
                logger.LogInformation("Idempotency key repeated for orchestration {OrchestrationId} (same request: {SameRequest})", added.OrchestrationId, added.SameRequest);
                return added.SameRequest
                    ? new OrchestrationAcceptedDto { OrchestrationId = added.OrchestrationId.ToString() }
                    : throw new IdempotencyConflictException("The Idempotency-Key was used before with a different request.");
            }
        }
        else
        {
            await repository.AddAsync(orchestration, CancellationToken.None);
        }

        foreach (var item in items)
        {
            reservation.Enqueue(new ItemWork(orchestration.Id, item.Index));
        }

        logger.LogInformation(
            "Orchestration {OrchestrationId} accepted with {ItemCount} items for connector {ConnectorAddress}",
            orchestration.Id, items.Length, orchestration.ConnectorAddress);

        return new OrchestrationAcceptedDto { OrchestrationId = orchestration.Id.ToString() };
    }

    public const int MaxIdempotencyKeyLength = 255;

    private static bool IsSaneKey(string key) => key.Length is > 0 and <= MaxIdempotencyKeyLength && key.All(c => c is >= '!' and <= '~');

    /// <summary>The request as the service understood it, hashed: equal bodies give equal fingerprints.</summary>
    private static string Fingerprint(OrchestrateRequest request) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));

    private static OrchestrationItem ToItem(OrchestrateItemRequest item, int index)
    {
        var isOffer = item.Type == OrchestrateItemRequestValidator.EdcOfferType;
        return new OrchestrationItem
        {
            Index = index,
            Type = item.Type ?? OrchestrateItemRequestValidator.EdcAssetType,
            CounterPartyAddress = item.CounterPartyAddress!,
            ContractId = isOffer ? null : item.ContractId,
            ConnectorId = isOffer ? item.CounterPartyId : item.ConnectorId,
            Protocol = item.Protocol,
            Offer = isOffer
                ? new ContractOffer(item.OfferId!, item.AssetId!, item.Policy is { } policy ? JsonSerializer.Serialize(policy) : null)
                : null,
        };
    }

    public async Task<OrchestrationStatusDto> GetAsync(string orchestrationId, CancellationToken cancellationToken) =>
        mapper.Map<OrchestrationStatusDto>(await FindAsync(orchestrationId, cancellationToken));

    /// <summary>A client-given id that is not a GUID names no orchestration, like an unknown one.</summary>
    private static Guid ParseId(string orchestrationId) =>
        Guid.TryParse(orchestrationId, out var id) ? id : throw new OrchestrationNotFoundException(orchestrationId);

    private async Task<Orchestration> FindAsync(string orchestrationId, CancellationToken cancellationToken) =>
        await repository.FindAsync(ParseId(orchestrationId), cancellationToken) ?? throw new OrchestrationNotFoundException(orchestrationId);

    public async Task<SavedFileDto> GetFileAsync(string orchestrationId, string transferId, CancellationToken cancellationToken)
    {
        var orchestration = await FindAsync(orchestrationId, cancellationToken);
        var item = orchestration.Items.FirstOrDefault(i => i.Status == ItemStatus.Saved && i.TransferId == transferId);
        var path = item?.StoragePath is { } storagePath ? dataStore.Locate(storagePath) : null;
        return path is null
            ? throw new SavedFileNotFoundException(transferId)
            : new SavedFileDto(path, ContentTypeExtensions.ContentTypeOf(Path.GetExtension(path)), item!.Bytes ?? new FileInfo(path).Length, item.Sha256 ?? string.Empty);
    }

    public async Task<OrchestrationListDto> ListAsync(ListOrchestrationsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await listValidator.ValidateAndThrowAsync(query, cancellationToken);
        long? before = query.Cursor is { } cursor && StatusCursor.TryDecode(cursor, out var position) ? position : null;
        var statuses = query.StatusNames()?.Select(name => StatusNames.TryParseProcessStatus(name, out var status) ? status : default).ToHashSet();
        var filter = new OrchestrationFilter(statuses, query.CreatedAfter, query.CreatedBefore);
        var page = await repository.ListAsync(query.Limit ?? ListOrchestrationsQuery.DefaultLimit, before, filter, cancellationToken);
        return new OrchestrationListDto(
            mapper.Map<IReadOnlyList<OrchestrationStatusDto>>(page.Orchestrations),
            page.NextBefore is { } next ? StatusCursor.Encode(next) : null);
    }

    public async Task<OrchestrationStatusDto> CancelAsync(string orchestrationId, CancellationToken cancellationToken)
    {
        var id = ParseId(orchestrationId);
        var orchestration = await repository.RequestCancelAsync(id, timeProvider.GetUtcNow(), cancellationToken)
            ?? throw new OrchestrationNotFoundException(orchestrationId);
        if (orchestration.ProcessStatus.IsTerminal())
        {
            throw new OrchestrationFinishedException(orchestrationId, orchestration.ProcessStatus.ToWireName());
        }

        // Stored: from here on no worker moves an item forward. Items still waiting end now; running ones stop below.
        var reason = ItemError.Of(ItemErrorCodes.Cancelled, "Cancelled by the client before the item started.");
        foreach (var item in orchestration.Items.Where(i => i.Status == ItemStatus.Queued))
        {
            try
            {
                var cancelled = item.Cancel(reason, timeProvider.GetUtcNow());
                metrics.RecordItemSaved(cancelled, await repository.SaveItemAsync(id, cancelled, CancellationToken.None));
            }
            catch (LeaseLostException)
            {
                // Claimed by an instance's worker right now: it finds the cancel when it starts the item.
            }
        }

        var runsHere = running.Cancel(id);
        logger.LogInformation("Orchestration {OrchestrationId} cancelled by the client (items running here: {RunningHere})", id, runsHere);
        return mapper.Map<OrchestrationStatusDto>(await repository.FindAsync(id, CancellationToken.None) ?? orchestration);
    }
}
