namespace DataOrchestrator.EdcSimulator.Faults;

/// <summary>
/// Body of <c>PUT /_sim/faults</c> and answer of <c>GET /_sim/faults</c>:
/// <c>{"rate":0.2,"seed":42,"delayMs":10000}</c>. A null seed keeps the current random sequence.
/// </summary>
public sealed record FaultSetting(double Rate, int? Seed = null, int? DelayMs = null)
{
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (double.IsNaN(Rate) || Rate < 0 || Rate > 1)
        {
            problems.Add("rate must be between 0 and 1");
        }

        if (DelayMs is < 0)
        {
            problems.Add("delayMs must not be negative");
        }

        return problems;
    }
}
