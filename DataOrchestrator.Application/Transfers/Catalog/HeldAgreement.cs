using System.Text.Json;

namespace DataOrchestrator.Application.Transfers.Catalog;

/// <summary>A contract agreement the consumer connector already holds, as its agreement query answered it.</summary>
/// <param name="AgreementId">The agreement's <c>@id</c>: the contract id a transfer names.</param>
/// <param name="AssetId">The asset it covers.</param>
/// <param name="ProviderId">The provider's participant id.</param>
/// <param name="SigningDate">EDC's <c>contractSigningDate</c> (epoch seconds): the newest acceptable one is reused.</param>
/// <param name="Policy">The agreed ODRL policy (with target, assigner and assignee, which matching ignores).</param>
/// <param name="Context">The agreement's JSON-LD <c>@context</c>, which its policy's prefixed terms are resolved against.</param>
public sealed record HeldAgreement(string AgreementId, string? AssetId, string? ProviderId, long SigningDate, JsonElement Policy, JsonElement? Context);
