using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DataOrchestrator.Tests.Support.Callbacks;

/// <summary>
/// A real HTTP receiver of completion callbacks on a loopback port (Kestrel). It checks each request's X-Signature
/// with its own HMAC over the received bytes (not the service's code), records every request, and answers from a script
/// of replies, then with <see cref="Default"/>.
/// </summary>
internal sealed class CallbackReceiver : IAsyncDisposable
{
    public const string HookPath = "/hooks/orchestrations";

    private readonly WebApplication _app;
    private readonly byte[] _secret;
    private readonly ConcurrentQueue<CallbackReply> _script = new();
    private readonly ConcurrentQueue<ReceivedCallback> _received = new();

    private CallbackReceiver(WebApplication app, string secret)
    {
        _app = app;
        _secret = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>The answer once the script is used up.</summary>
    public CallbackReply Default { get; set; } = CallbackReply.Status(200);

    public string BaseAddress { get; private set; } = string.Empty;

    public string Url => BaseAddress + HookPath;

    public IReadOnlyList<ReceivedCallback> Received => _received.ToArray();

    public static async Task<CallbackReceiver> StartAsync(string secret)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var receiver = new CallbackReceiver(app, secret);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        return receiver;
    }

    /// <summary>The replies to the next requests, in order.</summary>
    public void Script(params CallbackReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived.</summary>
    public async Task<IReadOnlyList<ReceivedCallback>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (_received.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The receiver got {_received.Count} callbacks, not {count}.");
            }

            await Task.Delay(10);
        }

        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var reply = _script.TryDequeue(out var next) ? next : Default;
        _received.Enqueue(new ReceivedCallback(context.Request.Path, headers, body, IsSigned(headers, body), DateTimeOffset.UtcNow, reply));

        switch (reply.Kind)
        {
            case "drop":
                context.Abort();
                break;
            case "hang":
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                break;
            case "redirect":
                context.Response.StatusCode = reply.StatusCode;
                context.Response.Headers.Location = reply.Location;
                break;
            default:
                context.Response.StatusCode = reply.StatusCode;
                break;
        }
    }

    /// <summary>The receiver's side of docs/operations/callbacks.md: HMAC-SHA256 of timestamp + "." + body, hex, "sha256=" prefix.</summary>
    private bool IsSigned(Dictionary<string, string> headers, byte[] body)
    {
        if (!headers.TryGetValue("X-Callback-Timestamp", out var timestamp) || !headers.TryGetValue("X-Signature", out var signature)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        var signed = Encoding.ASCII.GetBytes(timestamp + ".").Concat(body).ToArray();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(_secret, signed));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }
}
