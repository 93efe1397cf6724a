using AutoMapper;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Workers;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;

namespace DataOrchestrator.Application.Orchestrations.Cancel;

public sealed class OrchestrationCancellation(
    IOrchestrationRepository repository, ItemRecorder recorder, RunningOrchestrations running, IMapper mapper, ILogger<OrchestrationCancellation> logger)
    : IOrchestrationCancellation
{
    public async Task<OrchestrationStatusDto> CancelAsync(string orchestrationId, CancellationToken cancellationToken)
    {
        var id = OrchestrationLookup.ParseId(orchestrationId);
        var request = await repository.RequestCancelAsync(id, recorder.Now, cancellationToken)
            ?? throw new OrchestrationNotFoundException(orchestrationId);
        var orchestration = request.Orchestration;

        // Finished before this request, not by it: a worker that saw this cancel may have ended the last item already.
        if (!request.MarkedByThisRequest && orchestration.ProcessStatus.IsTerminal())
        {
            throw new OrchestrationFinishedException(orchestrationId, orchestration.ProcessStatus.ToWireName());
        }

        // Stored: from here on no worker moves an item forward. Items queued or waiting for their connector end now;
        // running ones stop below.
        var reason = ItemError.Of(ItemErrorCodes.Cancelled, "Cancelled by the client before the item started.");
        var waiting = ItemError.Of(ItemErrorCodes.Cancelled, "Cancelled by the client while the item waited for its connector.");
        foreach (var item in orchestration.Items.Where(i => i.Status is ItemStatus.Queued or ItemStatus.WaitingForConnector))
        {
            try
            {
                await recorder.SaveAsync(id, item.Cancel(item.Status == ItemStatus.Queued ? reason : waiting, recorder.Now), CancellationToken.None);
            }
            catch (LeaseLostException)
            {
                // Claimed by an instance's worker right now: it finds the cancel stored when it starts the item.
            }
        }

        var runsHere = running.Cancel(id);
        logger.LogInformation("Orchestration {OrchestrationId} cancelled by the client (items running here: {RunningHere})", id, runsHere);
        return mapper.Map<OrchestrationStatusDto>(await repository.FindAsync(id, CancellationToken.None) ?? orchestration);
    }
}
