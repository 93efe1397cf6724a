using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DataOrchestrator.Tests.Support.Conformance;

/// <summary>
/// Stoplight Prism as a validating proxy in front of an HTTP API (the EDC simulator's, or the service's own signaling
/// endpoints): every request and response is checked against a published OpenAPI document, and with <c>--errors</c> a
/// violation is answered with an error.
/// </summary>
internal sealed class PrismProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PrismProxy(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Fails the test with Prism's whole output when it reported any violation (or any other error).</summary>
    public void AssertNoViolations() =>
        Assert.That(Output, Does.Not.Contain("VIOLATIONS").And.Not.Contain("✖"), Output);

    public static async Task<PrismProxy> StartAsync(string spec, Uri upstream)
    {
        Assert.That(File.Exists(RepositoryPaths.Prism), Is.True, "Prism is not installed: run `npm ci --prefix conformance` (test.sh does).");
        Assert.That(File.Exists(spec), Is.True, $"The specification is missing: {spec}");
        var port = FreePort();
        var start = new ProcessStartInfo(RepositoryPaths.Prism, ["proxy", spec, upstream.ToString().TrimEnd('/'), "--errors", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        var proxy = new PrismProxy(process, new Uri($"http://127.0.0.1:{port}"));
        var listening = new TaskCompletionSource();
        void Keep(object? _, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (proxy._output)
            {
                proxy._output.AppendLine(e.Data);
            }

            if (e.Data.Contains("Prism is listening", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        }

        process.OutputDataReceived += Keep;
        process.ErrorDataReceived += Keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(listening.Task, Task.Delay(TimeSpan.FromSeconds(90))) != listening.Task)
        {
            await proxy.DisposeAsync();
            Assert.Fail($"Prism did not start: {proxy.Output}");
        }

        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
