namespace DataOrchestrator.EdcSimulator.Faults;

/// <summary>The fault drawn for one call.</summary>
/// <param name="Kind">How the call breaks.</param>
/// <param name="CutFraction">
/// For <see cref="FaultKind.MidBodyReset"/> and <see cref="FaultKind.ShortBody"/>: where the body is cut, as a
/// fraction (0 to 1, exclusive) of its length. Drawn for every fault so the sequence does not depend on the kinds.
/// </param>
public readonly record struct InjectedFault(FaultKind Kind, double CutFraction)
{
    /// <summary>
    /// How many body bytes go out before the cut: at least one and at most all but one, so the client always gets
    /// some of the body and never all of it (a one-byte body gets none).
    /// </summary>
    public long CutPoint(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return length <= 1 ? 0 : Math.Min(length - 1, 1 + (long)(CutFraction * (length - 1)));
    }
}
