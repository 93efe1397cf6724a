using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DataOrchestrator.Tests.Support.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DataOrchestrator.Tests.Support.Dps;

/// <summary>
/// The test's consumer control plane (and provider data plane) for DPS, on a loopback port: the Management API v4 calls
/// the service makes (<c>PUT /v4/dataplanes</c>, transfers), the signaling callbacks, and a data endpoint. For each
/// transfer it drives the data plane as EDC does: prepare (in the chosen shape), then started with a DataAddress in
/// the chosen form. It reaches the service through the harness's in-process client, whatever endpoint was registered.
/// </summary>
internal sealed class FakeDpsControlPlane : IAsyncDisposable
{
    public const string ManagementPath = "/api/management";
    public const string SignalingPath = "/api/signaling";
    private const string EdcNs = "https://w3id.org/edc/v0.0.1/ns/";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeTransfer> _transfers = new();
    private HttpClient? _dataPlane;
    private int _noDataplaneLeft;

    private FakeDpsControlPlane(WebApplication app) => _app = app;

    public string BaseAddress { get; private set; } = string.Empty;

    public SignalingShape Shape { get; set; } = SignalingShape.Edc018;

    public DataAddressForm Form { get; set; } = DataAddressForm.Spec;

    /// <summary>Send prepare before answering the TransferRequest (EDC may: the service then learns the id last).</summary>
    public bool PrepareBeforeAnswer { get; set; }

    /// <summary>The data endpoint's base in the DataAddress (default: this server, plain HTTP).</summary>
    public string? DataEndpointBase { get; set; }

    public byte[] Payload { get; set; } = Encoding.UTF8.GetBytes("{\"hello\":\"dps\"}");

    /// <summary>When set, the data endpoint sends half the payload, then waits for this before the rest.</summary>
    public TaskCompletionSource? HoldData { get; set; }

    /// <summary>
    /// When set, a requested transfer is answered but its prepare and started wait for this (the test may then start
    /// another instance and <see cref="Connect"/> to it). Not the prepare of <see cref="PrepareBeforeAnswer"/>.
    /// </summary>
    public TaskCompletionSource? HoldSignaling { get; set; }

    /// <summary>Completed once the data endpoint has sent the first half of a held payload.</summary>
    public TaskCompletionSource HalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<JsonObject> Registrations { get; } = new();

    public ConcurrentQueue<JsonObject> TransferRequests { get; } = new();

    public ConcurrentQueue<(string Path, JsonNode? Body)> Callbacks { get; } = new();

    public ConcurrentQueue<string> Terminated { get; } = new();

    public ConcurrentQueue<(string Path, int Status)> SentToDataPlane { get; } = new();

    /// <summary>Every GET of the data address: path and query string as they arrived.</summary>
    public ConcurrentQueue<string> DataRequests { get; } = new();

    public static async Task<FakeDpsControlPlane> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var fake = new FakeDpsControlPlane(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        return fake;
    }

    /// <summary>How the control plane reaches the service (the harness's in-process client).</summary>
    public void Connect(HttpClient dataPlane) => _dataPlane = dataPlane;

    /// <summary>The next <paramref name="count"/> transfers end TERMINATED with "No dataplane found", as if the registration was lost.</summary>
    public void LoseRegistration(int count = 1) => _noDataplaneLeft = count;

    public FakeTransfer Transfer(string id) => _transfers[id];

    public IReadOnlyCollection<FakeTransfer> Transfers => _transfers.Values.ToArray();

    /// <summary>Sends a signal to the service's data plane endpoint, as EDC would (suspend, resume, terminate, …).</summary>
    public async Task<HttpResponseMessage> SignalAsync(string transferId, string signal, JsonObject? body = null)
    {
        var path = $"{RegisteredPath()}/{transferId}/{signal}";
        var response = await _dataPlane!.PostAsJsonAsync(path, body ?? new JsonObject { ["messageId"] = Guid.NewGuid().ToString() });
        SentToDataPlane.Enqueue((path, (int)response.StatusCode));
        return response;
    }

    public async ValueTask DisposeAsync()
    {
        HoldData?.TrySetResult();
        HoldSignaling?.TrySetResult();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    public JsonObject DataAddress(string transferId)
    {
        var endpoint = $"{DataEndpointBase ?? BaseAddress}/data/{transferId}";
        var token = Token(transferId);
        JsonObject Property(string name, string value) => new() { ["@type"] = "EndpointProperty", ["name"] = name, ["value"] = value };
        var properties = Form switch
        {
            DataAddressForm.Spec => new JsonArray(
                Property("authorization", token), Property("authType", "bearer"), Property("refreshToken", "refresh-" + transferId),
                Property("expiresIn", "300"), Property("refreshEndpoint", BaseAddress + "/refresh"), Property(EdcNs + "type", "https://w3id.org/dspace-sig/profile/http-pull")),
            DataAddressForm.Edc => new JsonArray(Property(EdcNs + "endpoint", endpoint), Property("authorization", token), Property(EdcNs + "type", "http")),
            _ => new JsonArray(Property("access_token", token), Property(EdcNs + "type", "http"), Property(EdcNs + "endpoint", endpoint)),
        };
        var address = new JsonObject
        {
            ["@type"] = "DataAddress",
            ["endpointType"] = Form == DataAddressForm.Spec ? "https://w3id.org/dspace-sig/profile/http-pull" : "http",
            ["endpointProperties"] = properties,
        };
        if (Form == DataAddressForm.Spec)
        {
            address["endpoint"] = endpoint;
        }

        return address;
    }

    public static string Token(string transferId) => "tok-" + transferId;

    private string RegisteredPath() =>
        Registrations.LastOrDefault() is { } registration ? new Uri(registration["endpoint"]!.GetValue<string>()).AbsolutePath : "/signaling/dataflows";

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var body = context.Request.ContentLength > 0 || context.Request.Method is "POST" or "PUT"
            ? await ReadAsync(context)
            : null;
        if (path.StartsWith(ManagementPath, StringComparison.Ordinal) && context.Request.Headers["X-Api-Key"] != ServiceHarness.EdcKey)
        {
            context.Response.StatusCode = 401;
            return;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (context.Request.Method, segments)
        {
            case ("PUT", [_, _, "v4", "dataplanes"]):
                Registrations.Enqueue(body!.AsObject());
                context.Response.StatusCode = 200;
                break;
            case ("POST", [_, _, "v4", "transferprocesses"]):
                await StartTransferAsync(context, body!.AsObject());
                break;
            case ("GET", [_, _, "v4", "transferprocesses", var id, "state"]):
                await WriteAsync(context, _transfers.TryGetValue(id, out var t) ? new JsonObject { ["state"] = t.State } : null);
                break;
            case ("GET", [_, _, "v4", "transferprocesses", var id]):
                await WriteAsync(context, _transfers.TryGetValue(id, out var p) ? new JsonObject { ["@id"] = id, ["state"] = p.State, ["errorDetail"] = p.ErrorDetail } : null);
                break;
            case ("POST", [_, _, "v4", "transferprocesses", var id, "terminate"]):
                Terminated.Enqueue(id);
                if (_transfers.TryGetValue(id, out var ended))
                {
                    ended.State = "TERMINATED";
                    _ = SignalAsync(id, "terminate", new JsonObject { ["messageId"] = Guid.NewGuid().ToString(), ["reason"] = "terminated by the consumer" });
                }

                context.Response.StatusCode = 204;
                break;
            case ("POST", [_, _, "transfers", var id, "dataflow", var kind]):
                Callbacks.Enqueue((path, body));
                context.Response.StatusCode = !_transfers.TryGetValue(id, out var called) ? 401
                    : kind == "completed" ? (called.State == "STARTED" ? 200 : 409)
                    : kind == "errored" ? 200 : 409;
                if (kind == "completed" && context.Response.StatusCode == 200)
                {
                    called!.State = "COMPLETED";
                }

                break;
            case ("GET", ["data", var id, ..]):
                DataRequests.Enqueue(path + context.Request.QueryString.Value);
                await ServeDataAsync(context, id);
                break;
            default:
                context.Response.StatusCode = 404;
                break;
        }
    }

    private async Task StartTransferAsync(HttpContext context, JsonObject request)
    {
        TransferRequests.Enqueue(request);
        var id = request["@id"]?.GetValue<string>() ?? Guid.NewGuid().ToString();
        var transfer = _transfers.GetOrAdd(id, _ => new FakeTransfer(id, request["contractId"]?.GetValue<string>() ?? string.Empty));
        if (PrepareBeforeAnswer)
        {
            await PrepareAsync(transfer);
        }

        await WriteAsync(context, new JsonObject { ["@id"] = id, ["createdAt"] = 1 });
        _ = Task.Run(() => DriveAsync(transfer));
    }

    private async Task DriveAsync(FakeTransfer transfer)
    {
        await Task.Delay(20);
        if (HoldSignaling is { } hold)
        {
            await hold.Task;
        }

        if (Interlocked.Decrement(ref _noDataplaneLeft) >= 0 || Registrations.IsEmpty)
        {
            transfer.ErrorDetail = "No dataplane found for transfer type HttpData-PULL";
            transfer.State = "TERMINATED";
            return;
        }

        if (!PrepareBeforeAnswer && !await PrepareAsync(transfer))
        {
            return;
        }

        transfer.State = "STARTUP_REQUESTED";
        var started = await SignalAsync(transfer.Id, "started", new JsonObject { ["messageId"] = Guid.NewGuid().ToString(), ["dataAddress"] = DataAddress(transfer.Id) });
        transfer.State = started.IsSuccessStatusCode ? "STARTED" : "TERMINATED";
    }

    private async Task<bool> PrepareAsync(FakeTransfer transfer)
    {
        var message = new JsonObject
        {
            ["messageId"] = Guid.NewGuid().ToString(), ["participantId"] = "did:web:consumer", ["counterPartyId"] = "did:web:provider",
            ["dataspaceContext"] = "test-dataspace", ["processId"] = transfer.Id, ["agreementId"] = transfer.ContractId, ["datasetId"] = "asset-1",
            ["claims"] = new JsonObject(), ["labels"] = new JsonArray(), ["metadata"] = new JsonObject(),
        };
        if (Shape == SignalingShape.Edc018)
        {
            message["transferType"] = "HttpData-PULL";
            message["callbackAddress"] = BaseAddress + SignalingPath;
        }
        else
        {
            message["profile"] = "HttpData-PULL";
            message["callbackAddress"] = null;
        }

        var path = RegisteredPath() + "/prepare";
        using var response = await _dataPlane!.PostAsJsonAsync(path, message);
        SentToDataPlane.Enqueue((path, (int)response.StatusCode));
        var answer = response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
        transfer.PrepareAnswer = answer;
        if (answer?["state"]?.GetValue<string>() != "PREPARED")
        {
            transfer.State = "TERMINATED";
            transfer.ErrorDetail = $"prepare answered {(int)response.StatusCode}";
            return false;
        }

        transfer.State = "REQUESTED";
        return true;
    }

    private async Task ServeDataAsync(HttpContext context, string id)
    {
        if (context.Request.Headers.Authorization != "Bearer " + Token(id))
        {
            context.Response.StatusCode = 401;
            return;
        }

        context.Response.ContentType = "application/json";
        context.Response.ContentLength = Payload.Length;
        if (HoldData is not { } hold)
        {
            await context.Response.Body.WriteAsync(Payload, context.RequestAborted);
            return;
        }

        var half = Payload.Length / 2;
        await context.Response.Body.WriteAsync(Payload.AsMemory(0, half), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        HalfSent.TrySetResult();
        await hold.Task.WaitAsync(context.RequestAborted);
        await context.Response.Body.WriteAsync(Payload.AsMemory(half), context.RequestAborted);
    }

    private static async Task<JsonNode?> ReadAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private static async Task WriteAsync(HttpContext context, JsonNode? body)
    {
        if (body is null)
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
