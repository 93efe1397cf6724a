using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DataOrchestrator.Api.Health;

/// <summary><c>GET /health/ready</c>'s body: the overall status and each check's, snake_case like the rest of the API.</summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["status"] = report.Status.ToString().ToUpperInvariant(),
            ["checks"] = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new Dictionary<string, string?>
                {
                    ["status"] = entry.Value.Status.ToString().ToUpperInvariant(),
                    ["description"] = entry.Value.Description,
                }),
        });
}
