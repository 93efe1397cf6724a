namespace DataOrchestrator.Tests.Support.Dps;

/// <summary>The prepare message's shape: EDC 0.18.0 (spec RC2) or EDC main (spec RC3).</summary>
public enum SignalingShape
{
    /// <summary><c>transferType</c> and <c>callbackAddress</c>.</summary>
    Edc018,

    /// <summary><c>profile</c>, <c>callbackAddress</c> null.</summary>
    EdcMain,
}
