using System.Security.Cryptography;
using DataOrchestrator.Application.Transfers;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Api.Authentication;

/// <summary>Checks a presented key against the configured ones in constant time (no early exit on the first byte or key).</summary>
internal sealed class ApiKeyVerifier
{
    private readonly byte[][] _keyHashes;

    public ApiKeyVerifier(IOptions<ApiKeyOptions> apiKeys, IOptions<TransferOptions> transfer, ILogger<ApiKeyVerifier> logger)
    {
        if (ConfiguredApiKeys.Entries(apiKeys.Value.ApiKeys).Count == 0)
        {
            logger.LogWarning("API_KEYS is not set: clients authenticate with EDC_API_KEY, the key sent to the EDC connector. Set API_KEYS to give clients their own keys");
        }

        _keyHashes = ConfiguredApiKeys.Hashes(apiKeys.Value.ApiKeys, transfer.Value.ApiKey);
    }

    public bool IsValid(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        // Comparing fixed-length hashes keeps the time independent of how much of a key matched, of its length and of
        // whether it was configured in plain text or as sha256:<hex>; every configured key is compared.
        var presentedHash = ConfiguredApiKeys.Hash(presented);
        var valid = false;
        foreach (var keyHash in _keyHashes)
        {
            valid |= CryptographicOperations.FixedTimeEquals(presentedHash, keyHash);
        }

        return valid;
    }
}
