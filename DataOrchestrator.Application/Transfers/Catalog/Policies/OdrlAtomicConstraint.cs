namespace DataOrchestrator.Application.Transfers.Catalog.Policies;

/// <summary>
/// <c>leftOperand operator rightOperand</c>, the names resolved. <see cref="RightOperand"/> holds the values' texts
/// (one value and a one-element array alike); a number or boolean is its JSON text, so <c>1</c> and <c>"1"</c> are equal.
/// </summary>
internal sealed record OdrlAtomicConstraint(string LeftOperand, string Operator, IReadOnlyList<string> RightOperand) : OdrlConstraint;
