using System.Net.Http.Json;
using System.Text.Json;

namespace DataOrchestrator.Tests.Support.Hosting;

/// <summary>
/// Submits an orchestration (<c>POST /orchestrate</c>) and reads its entry from <c>GET /status/{id}</c>, once or until it is
/// final, with any client of the service.
/// </summary>
internal static class StatusPolling
{
    private static readonly string[] FinalStatuses = ["COMPLETED", "PARTIALLY_COMPLETED", "FAILED", "CANCELLED"];

    public static bool IsFinal(JsonElement entry) => FinalStatuses.Contains(entry.GetProperty("process_status").GetString());

    /// <summary>Posts <paramref name="body"/>, requires 200 and returns the new orchestration's id.</summary>
    public static async Task<string> SubmitAsync(this HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/orchestrate", UriKind.Relative), body);
        var json = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), json);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("orchestration_id").GetString()!;
    }

    public static async Task<JsonElement> GetEntryAsync(this HttpClient client, string orchestrationId)
    {
        using var response = await client.GetAsync(new Uri($"/status/{orchestrationId}", UriKind.Relative));
        var json = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), json);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("response").GetProperty("orchestration_processes").GetProperty(orchestrationId).Clone();
    }

    /// <summary>Polls until the orchestration is COMPLETED, PARTIALLY_COMPLETED, FAILED or CANCELLED.</summary>
    public static async Task<JsonElement> WaitForFinalAsync(this HttpClient client, string orchestrationId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var entry = await client.GetEntryAsync(orchestrationId);
            if (IsFinal(entry))
            {
                return entry;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Orchestration {orchestrationId} did not finish in time: {entry}");
            }

            await Task.Delay(20);
        }
    }
}
