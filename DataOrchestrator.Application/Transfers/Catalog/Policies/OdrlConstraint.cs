namespace DataOrchestrator.Application.Transfers.Catalog.Policies;

/// <summary>A constraint of a rule or a refinement of an action: <see cref="OdrlAtomicConstraint"/> or <see cref="OdrlLogicalConstraint"/>.</summary>
internal abstract record OdrlConstraint;
