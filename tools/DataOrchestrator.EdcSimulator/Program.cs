using DataOrchestrator.EdcSimulator.Hosting;

namespace DataOrchestrator.EdcSimulator;

/// <summary>
/// Standalone entry point; tests start the very same application through <see cref="EdcSimulatorHost"/>.
/// An explicit, namespaced class rather than top-level statements: the Web SDK makes a top-level
/// <c>Program</c> public, which would clash with the Api's <c>Program</c> in the test project.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (SimulatorCommandLine.IsHelp(args))
        {
            Console.WriteLine(SimulatorCommandLine.Usage);
            return 0;
        }

        SimulatorOptions options;
        try
        {
            options = SimulatorCommandLine.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException or IOException or InvalidDataException
            or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            await Console.Error.WriteLineAsync(SimulatorCommandLine.Usage);
            return 2;
        }

        await using var simulator = await EdcSimulatorHost.StartAsync(options);
        Console.WriteLine(
            $"EDC simulator listening on {simulator.BaseAddress} (connectorAddress {simulator.ConnectorAddress}, " +
            $"{options.Agreements.Count} scenario agreement(s), {options.Offers.Count} offer(s), " +
            $"management API {string.Join('+', options.ManagementApiVersions.Order(StringComparer.Ordinal))}, " +
            $"data plane token {options.DataPlaneTokenScheme}, transfer ids {options.TransferIds}, " +
            $"default latency {options.DefaultLatency.TotalMilliseconds} ms)");
        await simulator.WaitForShutdownAsync();
        return 0;
    }
}
