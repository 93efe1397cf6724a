using DataOrchestrator.Application.Orchestrations.Queries;

namespace DataOrchestrator.Application.Callbacks;

/// <summary>Writes a status entry exactly as GET /status/{id} writes it (the API's JSON options), as the callback body.</summary>
public interface IStatusEntrySerializer
{
    byte[] Serialize(OrchestrationStatusDto entry);
}
