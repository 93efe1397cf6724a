namespace DataOrchestrator.Application.Transfers.Catalog.Policies;

/// <summary><c>and</c>, <c>or</c>, <c>xone</c> or <c>andSequence</c> over constraints, in document order.</summary>
internal sealed record OdrlLogicalConstraint(string Operator, IReadOnlyList<OdrlConstraint> Operands) : OdrlConstraint;
