namespace DataOrchestrator.Api.Dashboard;

/// <summary>Whether the service serves its operator dashboard at <c>/dashboard</c>.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Serve the dashboard (env <c>DASHBOARD_ENABLED</c>, default true). Off, <c>/dashboard</c> answers 404.</summary>
    public bool Enabled { get; set; } = true;
}
