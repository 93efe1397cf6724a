using System.Security.Cryptography;
using System.Text;

namespace DataOrchestrator.Application.Callbacks;

/// <summary>
/// <c>X-Signature</c>: <c>sha256=</c> and the lower-case hex HMAC-SHA256, keyed with the UTF-8 bytes of the secret, of
/// the <c>X-Callback-Timestamp</c> value, one <c>.</c>, then the body bytes exactly as sent. The timestamp is signed so
/// a receiver can refuse old (replayed) requests.
/// </summary>
public static class CallbackSignature
{
    public const string Prefix = "sha256=";

    public static string Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentException.ThrowIfNullOrEmpty(timestamp);
        var prefixLength = Encoding.UTF8.GetByteCount(timestamp) + 1;
        var signed = new byte[prefixLength + body.Length];
        Encoding.UTF8.GetBytes(timestamp, signed);
        signed[prefixLength - 1] = (byte)'.';
        body.CopyTo(signed.AsSpan(prefixLength));
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
