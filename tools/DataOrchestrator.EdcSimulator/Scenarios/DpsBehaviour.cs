namespace DataOrchestrator.EdcSimulator.Scenarios;

/// <summary>
/// How a DPS transfer of one agreement goes once the data plane accepted <c>/started</c> (camelCase JSON, all
/// optional): the DataAddress form, and provider actions scripted after STARTED, e.g. to land mid-download together
/// with a slow payload (<c>stallAfterBytes</c>, <c>SlowBody</c>).
/// </summary>
public sealed record DpsBehaviour
{
    /// <summary><see cref="DataAddressForms"/>: spec (default), edc or mvd.</summary>
    public string? DataAddressForm { get; init; }

    /// <summary>The provider terminates this long after STARTED: TERMINATED and <c>/terminate</c> to the data plane.</summary>
    public int? ProviderTerminateAfterMs { get; init; }

    /// <summary>The provider suspends this long after STARTED: SUSPENDED and <c>/suspend</c> to the data plane.</summary>
    public int? ProviderSuspendAfterMs { get; init; }

    /// <summary>With a suspension: the provider resumes this long after it, STARTED again and <c>/resume</c> to the data plane.</summary>
    public int? ProviderResumeAfterMs { get; init; }

    internal string Form => DataAddressForm?.Trim().ToLowerInvariant() ?? DataAddressForms.Spec;

    /// <summary>Returns what is wrong with this behaviour; empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!DataAddressForms.IsKnown(Form))
        {
            problems.Add($"dps.dataAddressForm must be {DataAddressForms.Spec}, {DataAddressForms.Edc} or {DataAddressForms.Mvd}");
        }

        if (ProviderTerminateAfterMs < 0 || ProviderSuspendAfterMs < 0 || ProviderResumeAfterMs < 0)
        {
            problems.Add("dps delays must not be negative");
        }

        if (ProviderResumeAfterMs is not null && ProviderSuspendAfterMs is null)
        {
            problems.Add("dps.providerResumeAfterMs needs providerSuspendAfterMs");
        }

        return problems;
    }
}
