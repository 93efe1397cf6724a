using System.Text.Json;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Edc;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Edc;

/// <summary>The dataset, agreement and EDR answers are read alike whichever way EDC compacted them.</summary>
public sealed class CatalogAnswersTests
{
    [Test]
    public void ShouldReadEveryOffer_WhenV4AnswersWithBareNamesAndAnArray()
    {
        using var answer = JsonDocument.Parse("""
            {"@context":["https://w3id.org/edc/connector/management/v2"],"@id":"asset-1","@type":"Dataset",
             "hasPolicy":[{"@id":"offer-a","@type":"Offer","permission":[{"action":"use"}]},{"@id":"offer-b","@type":"Offer","obligation":{"action":"use"}}],
             "distribution":[{"@type":"Distribution","format":"HttpData-PULL"}]}
            """);

        var dataset = CatalogAnswers.Dataset(answer.RootElement, "asset-1");

        Assert.Multiple(() =>
        {
            Assert.That(dataset.Offers.Select(o => o.OfferId), Is.EqualTo(new[] { "offer-a", "offer-b" }));
            Assert.That(dataset.Offers[1].Policy.GetProperty("obligation").GetProperty("action").GetString(), Is.EqualTo("use"));
            Assert.That(dataset.Context?.ValueKind, Is.EqualTo(JsonValueKind.Array));
        });
    }

    [Test]
    public void ShouldReadTheOffer_WhenV3CompactsItAsOnePrefixedObject()
    {
        using var answer = JsonDocument.Parse("""
            {"@context":{"@vocab":"https://w3id.org/edc/v0.0.1/ns/","odrl":"http://www.w3.org/ns/odrl/2/"},"@id":"asset-1","@type":"dcat:Dataset",
             "odrl:hasPolicy":{"@id":"offer-a","@type":"odrl:Offer","odrl:permission":{"odrl:action":{"@id":"odrl:use"}}}}
            """);

        var dataset = CatalogAnswers.Dataset(answer.RootElement, "asset-1");

        Assert.That(dataset.Offers.Select(o => o.OfferId), Is.EqualTo(new[] { "offer-a" }));
    }

    [Test]
    public void ShouldReadAgreementsAndEdrs_WithTheirIdsAssetsAndTimes()
    {
        using var agreements = JsonDocument.Parse("""
            [{"@id":"ag-1","assetId":"asset-1","providerId":"did:web:p","contractSigningDate":1700000000,"policy":{"@type":"odrl:Agreement"}},
             {"@id":"ag-2","edc:assetId":"asset-1","edc:providerId":"did:web:p","edc:contractSigningDate":{"@value":"1700000100"},"edc:policy":{"@type":"odrl:Agreement"}},
             {"@id":"no-policy","assetId":"asset-1"}]
            """);
        using var edrs = JsonDocument.Parse("""[{"@id":"tp-1","transferProcessId":"tp-1","agreementId":"ag-1","assetId":"asset-1","createdAt":1700000000123}]""");

        var held = CatalogAnswers.Agreements(agreements.RootElement);
        var edr = CatalogAnswers.Edrs(edrs.RootElement).Single();

        Assert.Multiple(() =>
        {
            Assert.That(held.Select(a => (a.AgreementId, a.AssetId, a.ProviderId, a.SigningDate)), Is.EqualTo(new[]
            {
                ("ag-1", "asset-1", "did:web:p", 1700000000L),
                ("ag-2", "asset-1", "did:web:p", 1700000100L),
            }));
            Assert.That((edr.TransferProcessId, edr.AgreementId, edr.AssetId, edr.CreatedAt), Is.EqualTo(("tp-1", "ag-1", "asset-1", 1700000000123L)));
        });
    }

    [TestCase("""Failed to fetch dataset: {"@type":"dspace:CatalogError","dspace:code":"404","dspace:reason":["not found"]}""", true)]
    [TestCase("""{"@type":"CatalogError","code":"404","reason":["Dataset asset-9 not found"]}""", true)]
    [TestCase("""{"@type":"dspace:CatalogError","dspace:code":"403","dspace:reason":["Unauthorized"]}""", false)]
    [TestCase("Counter Party responded with Response{protocol=http/1.1, code=404, message=Not Found, url=http://p/api/dsp/2025-1/catalog/datasets/asset-9}. Body: {\"@type\":\"CatalogError\",\"code\":\"404\",\"reason\":[\"Dataset asset-9 does not exist\"]}.", true)]
    [TestCase("Counter Party responded with Response{protocol=http/1.1, code=404, message=Not Found, url=http://p/wrong/catalog/datasets/asset-9}. Body: <html>Not Found</html>.", false)]
    [TestCase("Connection refused: provider-qna-controlplane:8082", false)]
    public void ShouldTellAnUnknownAsset_FromTheProvidersCatalogError(string message, bool notFound) =>
        Assert.That(CatalogAnswers.IsNotFound([new EdcError(message, "BadGateway", null, null)]), Is.EqualTo(notFound));
}
