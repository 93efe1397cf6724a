using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataOrchestrator.Tests.Support.Dps;
using DataOrchestrator.Tests.Support.Requests;

namespace DataOrchestrator.Tests.Functional.Dps;

/// <summary>
/// Several hundred malformed DPS messages (<see cref="BadSignalingCatalog"/>) against the signaling endpoints: every
/// one answered 4xx in the error envelope, none 5xx, and the flow they aimed at is unchanged afterwards.
/// </summary>
public sealed class MalformedSignalingTests
{
    private const string FlowId = "flow-under-fire";

    [Test]
    public async Task ShouldAnswerEveryMalformedSignalingMessageWith4xx_AndLeaveTheFlowAsItWas()
    {
        await using var harness = await DpsHarness.StartAsync();
        using (var prepared = await harness.Signaling.PostAsync("/signaling/dataflows/prepare", Json(BadSignalingCatalog.Prepare(FlowId))))
        {
            Assert.That((int)prepared.StatusCode, Is.EqualTo(200), await prepared.Content.ReadAsStringAsync());
        }

        var requests = BadSignalingCatalog.Generate(FlowId);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        foreach (var bad in requests)
        {
            using var message = new HttpRequestMessage(new HttpMethod(bad.Method), bad.Path);
            if (bad.Body is not null)
            {
                message.Content = new ByteArrayContent(bad.Body);
                if (bad.ContentType is not null)
                {
                    message.Content.Headers.TryAddWithoutValidation("Content-Type", bad.ContentType);
                }
            }

            using var response = await harness.Signaling.SendAsync(message);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var text = await response.Content.ReadAsStringAsync();
            if (status is < 400 or > 499)
            {
                failures.Add($"{bad.Name}: {status} {BadRequest.Shorten(text)}");
            }
            else if (!IsEnvelope(text, status))
            {
                failures.Add($"{bad.Name}: {status} without the error envelope: {BadRequest.Shorten(text)}");
            }
        }

        using var flow = await harness.Signaling.GetFromJsonAsync<JsonDocument>($"/signaling/dataflows/{FlowId}/status");
        Assert.Multiple(() =>
        {
            Assert.That(requests, Has.Count.GreaterThanOrEqualTo(200));
            Assert.That(failures, Is.Empty, "statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
            Assert.That(statuses.Keys.Where(s => s >= 500), Is.Empty);
            Assert.That(flow!.RootElement.GetProperty("state").GetString(), Is.EqualTo("PREPARED"));
        });
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static bool IsEnvelope(string text, int status)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.GetProperty("status_code").GetInt32() == status && document.RootElement.TryGetProperty("message", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
