using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataOrchestrator.Tests.Support.Conformance;

/// <summary>
/// A plain HTTP forwarder on a loopback port: each request goes, body and headers verbatim, to the absolute URL that
/// its route function picks (so a test can split one address over two proxies, or drop a path prefix that a
/// specification's paths do not carry).
/// </summary>
internal sealed class LoopbackForwarder : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Connection", "Keep-Alive", "Transfer-Encoding" };

    private readonly WebApplication _app;
    private readonly HttpClient _client = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    private LoopbackForwarder(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    /// <param name="route">The absolute target of a request, from its path and query.</param>
    public static async Task<LoopbackForwarder> StartAsync(Func<HttpRequest, Uri> route)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var forwarder = new LoopbackForwarder(app);
        app.Run(context => forwarder.ForwardAsync(context, route(context.Request)));
        await app.StartAsync();
        forwarder.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return forwarder;
    }

    /// <summary><paramref name="path"/> and <paramref name="query"/> under <paramref name="upstream"/>, whose own path is kept.</summary>
    public static Uri Under(Uri upstream, string path, QueryString query) =>
        new(upstream.ToString().TrimEnd('/') + "/" + path.TrimStart('/') + query);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _client.Dispose();
    }

    private async Task ForwardAsync(HttpContext context, Uri target)
    {
        var request = context.Request;
        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            forward.Content = new StreamContent(request.Body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (!forward.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        forward.Headers.Host = null;
        using var response = await _client.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
