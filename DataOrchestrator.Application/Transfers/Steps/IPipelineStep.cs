using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Transfers.Steps;

/// <summary>
/// One step of an item's PULL pipeline. <see cref="TransferPipeline"/> runs the registered steps in registration order,
/// timing each; a step records its result through <see cref="ItemRecorder"/> before the next starts.
/// </summary>
public interface IPipelineStep
{
    /// <summary>What the step does, as in "failed while trying to {Name}".</summary>
    string Name { get; }

    /// <summary>The <c>stage</c> its duration is recorded under (<see cref="Observability.PipelineStage"/>).</summary>
    string Stage { get; }

    /// <summary>False when the item needs nothing from this step (an item that came with an agreement needs no negotiation).</summary>
    bool AppliesTo(OrchestrationItem item);

    /// <summary>Moves the item on; throws to fail it (<see cref="ItemFailedException"/> names the error).</summary>
    Task<OrchestrationItem> RunAsync(PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken);
}
