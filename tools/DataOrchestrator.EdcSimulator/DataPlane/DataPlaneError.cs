namespace DataOrchestrator.EdcSimulator.DataPlane;

/// <summary>The EDC data plane's error body: <c>{"errors":["…"]}</c>.</summary>
internal sealed record DataPlaneError(IReadOnlyList<string> Errors)
{
    public static IResult Result(int statusCode, string message) =>
        SimulatorJson.Result(new DataPlaneError([message]), statusCode);
}
