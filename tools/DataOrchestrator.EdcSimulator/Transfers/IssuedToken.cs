namespace DataOrchestrator.EdcSimulator.Transfers;

/// <summary>
/// One EDR access token of a transfer with its Tractus-X refresh token. Sequence 0 is the EDR's first token,
/// each refresh adds one; IsExpired marks tokens that agreement behaviour <c>expiredTokens</c> hands out stale.
/// </summary>
internal sealed record IssuedToken(string Value, string RefreshToken, int Sequence, bool IsExpired);
