using System.Security.Cryptography;
using System.Text;
using DataOrchestrator.Application.Transfers;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Api.Authentication;

/// <summary>Checks a presented key against the configured ones in constant time (no early exit on the first byte or key).</summary>
internal sealed class ApiKeyVerifier
{
    private readonly byte[][] _keyHashes;

    public ApiKeyVerifier(IOptions<ApiKeyOptions> apiKeys, IOptions<TransferOptions> transfer, ILogger<ApiKeyVerifier> logger)
    {
        var keys = (apiKeys.Value.ApiKeys ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (keys.Length == 0)
        {
            logger.LogWarning("API_KEYS is not set: clients authenticate with EDC_API_KEY, the key sent to the EDC connector. Set API_KEYS to give clients their own keys");
            keys = [transfer.Value.ApiKey];
        }

        _keyHashes = keys.Select(Hash).ToArray();
    }

    public bool IsValid(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        // Comparing fixed-length hashes keeps the time independent of how much of a key matched and of its length.
        var presentedHash = Hash(presented);
        var valid = false;
        foreach (var keyHash in _keyHashes)
        {
            valid |= CryptographicOperations.FixedTimeEquals(presentedHash, keyHash);
        }

        return valid;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
