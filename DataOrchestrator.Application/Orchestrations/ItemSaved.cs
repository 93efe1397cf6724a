using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Orchestrations;

/// <summary>The orchestration's status before and after one item was saved, read under the same lock as the save.</summary>
public sealed record ItemSaved(ProcessStatus Before, ProcessStatus After)
{
    /// <summary>This save, and no other, finished the orchestration: what it reached is reported exactly once.</summary>
    public bool FinishedOrchestration => !Before.IsTerminal() && After.IsTerminal();
}
