namespace DataOrchestrator.EdcSimulator.Scenarios;

/// <summary>
/// For in-process tests: transfers whose behaviour names this gate stay REQUESTED until the test opens it, however
/// long that takes, so a test can stop or kill the service while they wait for STARTED without racing a clock.
/// </summary>
public sealed class StartGate
{
    private volatile bool _open;

    public bool IsOpen => _open;

    public void Open() => _open = true;
}
