using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Orchestrations;

/// <summary>
/// What a cancel request found: the orchestration as stored afterwards, and whether this request marked it (false when
/// it had finished, or a cancel was requested before). An orchestration this request marked may be finished already
/// when it is read back: a worker that saw the cancel can end its last item in between.
/// </summary>
public sealed record CancelRequest(Orchestration Orchestration, bool MarkedByThisRequest);
