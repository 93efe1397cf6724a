namespace DataOrchestrator.EdcSimulator.Transfers;

/// <summary>
/// One <c>operandLeft = operandRight</c> filter of a transfer query, on a field the simulator knows: <c>id</c>,
/// <c>contractId</c>, <c>state</c> (its name as of the query) or one private property. A private property is named as
/// in EDC's path syntax, segments split at dots outside single quotes: <c>privateProperties.'&lt;iri&gt;'</c>.
/// </summary>
internal sealed class TransferCriterion
{
    public const string PrivateProperties = "privateProperties";

    private readonly Func<SimulatedTransfer, long, string?> _read;

    private TransferCriterion(string operandLeft, string value, Func<SimulatedTransfer, long, string?> read)
    {
        OperandLeft = operandLeft;
        Value = value;
        _read = read;
    }

    public string OperandLeft { get; }

    public string Value { get; }

    /// <summary>The filter, or null when the simulator cannot filter on <paramref name="operandLeft"/>.</summary>
    public static TransferCriterion? For(string operandLeft, string value)
    {
        Func<SimulatedTransfer, long, string?>? read = operandLeft switch
        {
            "id" => (transfer, _) => transfer.Id,
            "contractId" => (transfer, _) => transfer.ContractId,
            "state" => (transfer, nowMs) => transfer.StatusAt(nowMs).State,
            _ => PrivateProperty(Split(operandLeft)),
        };
        return read is null ? null : new TransferCriterion(operandLeft, value, read);
    }

    public bool Matches(SimulatedTransfer transfer, long nowMs) =>
        string.Equals(_read(transfer, nowMs), Value, StringComparison.Ordinal);

    // The map itself, or a path into one of its string values, equals no string: it matches nothing, as in EDC.
    private static Func<SimulatedTransfer, long, string?>? PrivateProperty(List<string> path) =>
        path[0] != PrivateProperties ? null
        : path.Count == 2 ? (transfer, _) => transfer.Request.PrivateProperties.GetValueOrDefault(path[1])
        : (_, _) => null;

    private static List<string> Split(string operandLeft)
    {
        var segments = new List<string> { string.Empty };
        var quoted = false;
        foreach (var character in operandLeft)
        {
            if (character == '\'')
            {
                quoted = !quoted;
            }
            else if (character == '.' && !quoted)
            {
                segments.Add(string.Empty);
            }
            else
            {
                segments[^1] += character;
            }
        }

        return segments;
    }
}
