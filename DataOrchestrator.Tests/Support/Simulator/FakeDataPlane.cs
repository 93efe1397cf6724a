using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataOrchestrator.Tests.Support.Simulator;

/// <summary>
/// A consumer data plane for simulator tests: Kestrel on 127.0.0.1, port 0, serving <c>{Endpoint}/prepare</c> and
/// <c>{Endpoint}/{id}/{started|terminate|suspend|resume|completed}</c>. It records each request and answers as a DPS
/// data plane does (prepare: 200 PREPARED, others: 200), unless a test set another answer for a path's last segment.
/// </summary>
internal sealed class FakeDataPlane : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSignal> _received = new();
    private readonly ConcurrentDictionary<string, Func<string, IResult>> _answers = new(StringComparer.Ordinal);

    private FakeDataPlane(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The registered <c>endpoint</c>: the /dataflows base.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    public IReadOnlyList<ReceivedSignal> Received => _received.ToArray();

    public static async Task<FakeDataPlane> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var plane = new FakeDataPlane(app);
        app.MapPost("/api/v1/dataflows/{**rest}", plane.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        plane.Endpoint = address.TrimEnd('/') + "/api/v1/dataflows";
        return plane;
    }

    /// <summary>Answers requests whose path ends in <paramref name="lastSegment"/> (prepare, started, …) with <paramref name="answer"/>(processId).</summary>
    public void Answer(string lastSegment, Func<string, IResult> answer) => _answers[lastSegment] = answer;

    /// <summary>The requests whose path ends in <paramref name="lastSegment"/>, oldest first.</summary>
    public IReadOnlyList<ReceivedSignal> ReceivedOf(string lastSegment) =>
        Received.Where(signal => signal.Kind == lastSegment).ToArray();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> HandleAsync(HttpContext context, string rest)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body);
        var segments = rest.Split('/');
        var kind = segments[^1];
        var body = document.RootElement.Clone();
        var processId = kind == "prepare" ? body.GetProperty("processId").GetString()! : Uri.UnescapeDataString(segments[0]);
        _received.Enqueue(new ReceivedSignal(kind, processId, body, context.Request.Headers.Authorization.ToString()));
        if (_answers.TryGetValue(kind, out var answer))
        {
            return answer(processId);
        }

        return kind == "prepare" ? Results.Json(Status(processId, "PREPARED")) : Results.Ok();
    }

    public static Dictionary<string, string> Status(string processId, string state) =>
        new() { ["messageId"] = Guid.NewGuid().ToString(), ["dataFlowId"] = processId, ["state"] = state };
}
