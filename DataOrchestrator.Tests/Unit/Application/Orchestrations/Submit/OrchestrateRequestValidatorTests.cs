using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Application.Orchestrations.Submit;
using DataOrchestrator.Application.Security;
using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Tests.Support.Builders;
using FluentValidation.Results;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Tests.Unit.Application.Orchestrations.Submit;

public sealed class OrchestrateRequestValidatorTests
{
    private static readonly RequestLimitsOptions Limits = new() { MaxItemsPerRequest = 3, MaxStringLength = 64 };
    private const string Secret = "callback-secret-0123456789";

    private static OrchestrateRequestValidator Validator(string? callbackSecret, OutboundOptions? outbound = null)
    {
        var policy = new OutboundPolicy(Options.Create(outbound ?? new OutboundOptions()));
        return new(Options.Create(Limits), new CallbackUrlPolicy(Options.Create(new CallbackOptions { Secret = callbackSecret }), policy), policy);
    }

    private static Dictionary<string, string[]> Errors(OrchestrateRequest request, string? callbackSecret = Secret, OutboundOptions? outbound = null)
    {
        ValidationResult result = Validator(callbackSecret, outbound).Validate(request);
        return result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
    }

    private static OrchestrateRequest WithCallback(string? url) => new OrchestrateRequestBuilder().WithItem("a").WithCallback(url).Build();

    [Test]
    public void ShouldAcceptTheOriginalsExampleRequest() =>
        Assert.That(Errors(new OrchestrateRequestBuilder().WithItem("a").WithItem("b").Build()), Is.Empty);

    [Test]
    public void ShouldReportMissingData_WithTheOriginalsMessage()
    {
        var errors = Errors(new OrchestrateRequest { ConnectorAddress = "http://host/consumer/cp" });
        Assert.That(errors, Does.ContainKey("data").WithValue(new[] { "Missing data for required field." }));
    }

    [Test]
    public void ShouldRejectEmptyData() =>
        Assert.That(Errors(new OrchestrateRequestBuilder().Build()), Does.ContainKey("data"));

    [Test]
    public void ShouldRejectMoreItemsThanTheLimit()
    {
        var builder = new OrchestrateRequestBuilder();
        for (var i = 0; i < 4; i++)
        {
            builder.WithItem($"c{i}");
        }

        Assert.That(Errors(builder.Build())["data"], Has.One.Contains("at most 3"));
    }

    [Test]
    public void ShouldNameFieldsOfItemsByIndexAndWireName()
    {
        var request = new OrchestrateRequestBuilder()
            .WithRawItem(new OrchestrateItemRequest { ContractId = "x" })
            .WithRawItem(new OrchestrateItemRequest { CounterPartyAddress = "http://p/api/dsp", ContractId = "  " })
            .WithRawItem(null)
            .Build();

        var errors = Errors(request);

        Assert.Multiple(() =>
        {
            Assert.That(errors, Does.ContainKey("data[0].counterPartyAddress").WithValue(new[] { "Missing data for required field." }));
            Assert.That(errors, Does.ContainKey("data[1].contractId"));
            Assert.That(errors, Does.ContainKey("data[2]"));
        });
    }

    [TestCase("ftp://host/api/dsp")]
    [TestCase("file:///etc/passwd")]
    [TestCase("not a url")]
    [TestCase("/relative/path")]
    [TestCase("http://user:secret@host/api/dsp")]
    [TestCase("\thttp://host/api/dsp")]
    [TestCase("\r\nhttp://host/api/dsp")]
    [TestCase("http://host/api/dsp\n")]
    [TestCase("http://host/api\u0000/dsp")]
    public void ShouldRejectNonHttpUrls(string url)
    {
        var errors = Errors(new OrchestrateRequestBuilder().WithItem("c", url).WithConnector(url).Build());
        Assert.Multiple(() =>
        {
            Assert.That(errors, Does.ContainKey("data[0].counterPartyAddress"));
            Assert.That(errors, Does.ContainKey("connectorAddress"));
        });
    }

    [Test]
    public void ShouldRejectStringsLongerThanTheLimit() =>
        Assert.That(Errors(new OrchestrateRequestBuilder().WithItem(new string('x', 65)).Build()), Does.ContainKey("data[0].contractId"));

    [Test]
    public void ShouldRejectAnUnknownItemType()
    {
        var request = new OrchestrateRequestBuilder()
            .WithRawItem(new OrchestrateItemRequest { Type = "s3-bucket", CounterPartyAddress = "http://p/api/dsp", ContractId = "c" })
            .Build();
        Assert.That(Errors(request), Does.ContainKey("data[0].type"));
    }

    private static OrchestrateItemRequest Asset(string? path, Dictionary<string, string>? query = null, string? type = "edc-asset") =>
        new() { Type = type, CounterPartyAddress = "http://p/api/dsp", ContractId = "c", Path = path, Query = query };

    [Test]
    public void ShouldAcceptAPathAndQuery_OnAssetsAndOffers()
    {
        var offer = new OrchestrateRequestBuilder().WithOffer("offer-1").Build();
        offer.Data![0].Path = "/parts/42/report";
        offer.Data[0].Query = new Dictionary<string, string> { ["lang"] = "de" };
        var asset = new OrchestrateRequestBuilder().WithRawItem(Asset("parts/42/report", new Dictionary<string, string> { ["q"] = "a b" })).Build();

        Assert.Multiple(() =>
        {
            Assert.That(Errors(asset), Is.Empty);
            Assert.That(Errors(offer), Is.Empty);
        });
    }

    [TestCase("")]
    [TestCase("http://evil.example/x")]
    [TestCase("a/../b")]
    [TestCase("a/%2e%2e/b")]
    [TestCase("a?b=1")]
    [TestCase("a\\b")]
    [TestCase("a//b")]
    [TestCase("a\nb")]
    public void ShouldNameThePath_WhenItIsRefused(string path)
    {
        var errors = Errors(new OrchestrateRequestBuilder().WithItem("ok").WithRawItem(Asset(path)).Build());
        Assert.Multiple(() =>
        {
            Assert.That(errors.Keys, Is.EqualTo(new[] { "data[1].path" }));
            Assert.That(errors["data[1].path"], Has.Length.EqualTo(1));
        });
    }

    [Test]
    public void ShouldWordPathRefusalsLikeTheOtherFields()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Errors(new OrchestrateRequestBuilder().WithRawItem(Asset(string.Empty)).Build())["data[0].path"], Is.EqualTo(new[] { "Field may not be blank." }));
            Assert.That(Errors(new OrchestrateRequestBuilder().WithRawItem(Asset(new string('p', 65))).Build())["data[0].path"], Is.EqualTo(new[] { "Longer than maximum length 64." }));
            Assert.That(Errors(new OrchestrateRequestBuilder().WithRawItem(Asset("../x")).Build())["data[0].path"], Is.EqualTo(new[] { ItemPathRules.DotSegment }));
        });
    }

    [Test]
    public void ShouldNameTheQuery_WhenItIsRefused()
    {
        var tooMany = Enumerable.Range(0, 51).ToDictionary(i => $"p{i}", _ => "v");
        foreach (var query in new[] { tooMany, new() { [""] = "v" }, new() { ["a"] = "v\r\n" }, new() { ["a"] = new string('v', 65) }, new Dictionary<string, string> { ["a"] = null! } })
        {
            var errors = Errors(new OrchestrateRequestBuilder().WithRawItem(Asset(null, query)).Build());
            Assert.That(errors.Keys, Is.EqualTo(new[] { "data[0].query" }), string.Join(',', query.Keys.Take(2)));
        }
    }

    [Test]
    public void ShouldCheckPathAndQuery_WhateverTheItemType()
    {
        var errors = Errors(new OrchestrateRequestBuilder().WithRawItem(Asset("../x", new() { [""] = "v" }, type: "edc-catalog")).Build());
        Assert.That(errors.Keys, Is.SupersetOf(new[] { "data[0].path", "data[0].query" }));
    }

    [Test]
    public void ShouldRequireConnectorAddress() =>
        Assert.That(Errors(new OrchestrateRequestBuilder().WithItem("c").WithConnector(null).Build()), Does.ContainKey("connectorAddress"));

    [Test]
    public void ShouldAcceptAnOffer_WithOrWithoutAPolicy() =>
        Assert.That(Errors(new OrchestrateRequestBuilder().WithOffer("offer-1").WithOffer("offer-2", policyJson: """{"permission":[]}""").Build()), Is.Empty);

    [Test]
    public void ShouldRejectAnItem_ThatHasNeitherContractIdNorAnOffer()
    {
        var request = new OrchestrateRequestBuilder()
            .WithRawItem(new OrchestrateItemRequest { CounterPartyAddress = "http://p/api/dsp" })
            .Build();
        Assert.That(Errors(request), Does.ContainKey("data[0].contractId").WithValue(new[] { "Missing data for required field." }));
    }

    [Test]
    public void ShouldNameEveryMissingOfferField()
    {
        var request = new OrchestrateRequestBuilder()
            .WithRawItem(new OrchestrateItemRequest { Type = "edc-offer", CounterPartyAddress = "http://p/api/dsp", OfferId = " " })
            .Build();

        var errors = Errors(request);

        Assert.Multiple(() =>
        {
            Assert.That(errors, Does.ContainKey("data[0].counterPartyId"));
            Assert.That(errors, Does.ContainKey("data[0].assetId"));
            Assert.That(errors["data[0].offerId"], Is.EqualTo(new[] { "Field may not be blank." }));
            Assert.That(errors, Does.Not.ContainKey("data[0].contractId"));
        });
    }

    [Test]
    public void ShouldRejectAnOffer_ThatAlsoCarriesAContractId_OrAnOversizedPolicy()
    {
        var offer = new OrchestrateRequestBuilder().WithOffer("offer-1", policyJson: $$"""{"note":"{{new string('x', OrchestrateItemRequestValidator.MaxPolicyBytes)}}"}""").Build();
        offer.Data![0].ContractId = "agreement-1";

        var errors = Errors(offer);

        Assert.Multiple(() =>
        {
            Assert.That(errors, Does.ContainKey("data[0].contractId"));
            Assert.That(errors, Does.ContainKey("data[0].policy"));
        });
    }

    [Test]
    public void ShouldRejectOfferFields_OnAnAssetItem()
    {
        var request = new OrchestrateRequestBuilder()
            .WithRawItem(new OrchestrateItemRequest { CounterPartyAddress = "http://p/api/dsp", ContractId = "c", OfferId = "offer-1" })
            .Build();
        Assert.That(Errors(request)["data[0].type"], Has.One.Contains("edc-offer"));
    }

    [TestCase("https://client.example/hooks/orchestrations?tenant=7")]
    [TestCase("http://127.0.0.1:8080/cb")]
    public void ShouldAcceptAnHttpCallbackUrl_WhenASecretIsConfigured(string url) =>
        Assert.That(Errors(WithCallback(url)), Is.Empty);

    [Test]
    public void ShouldAcceptARequestWithoutCallbackUrl_WhenNoSecretIsConfigured() =>
        Assert.That(Errors(WithCallback(null), callbackSecret: null), Is.Empty);

    [Test]
    public void ShouldRejectACallbackUrl_WhenNoSecretIsConfigured() =>
        Assert.That(Errors(WithCallback("https://client.example/cb"), callbackSecret: ""), Does.ContainKey("callbackUrl").WithValue(new[] { CallbackUrlPolicy.Disabled }));

    [TestCase("ftp://client.example/cb")]
    [TestCase("not a url")]
    [TestCase("/relative/cb")]
    [TestCase("")]
    public void ShouldRejectACallbackUrl_ThatIsNotAnAbsoluteHttpUrl(string url) =>
        Assert.That(Errors(WithCallback(url)), Does.ContainKey("callbackUrl").WithValue(new[] { "Not a valid URL: an absolute http or https URL is required." }));

    [TestCase("https://user:password@client.example/cb")]
    [TestCase("https://token@client.example/cb")]
    public void ShouldRejectACallbackUrl_WithUserInformation(string url) =>
        Assert.That(Errors(WithCallback(url)), Does.ContainKey("callbackUrl").WithValue(new[] { CallbackUrlPolicy.HasUserInfo }));

    [Test]
    public void ShouldRejectACallbackUrl_LongerThanTheLimit() =>
        Assert.That(Errors(WithCallback("https://client.example/" + new string('x', 64)))["callbackUrl"], Has.One.Contains("maximum length 64"));

    [Test]
    public void ShouldRefuseAConnectorAddress_OutsideTheAllowList_OrAtAMetadataAddress()
    {
        var outbound = new OutboundOptions { ConnectorHosts = "consumer.example" };

        Assert.Multiple(() =>
        {
            Assert.That(Errors(new OrchestrateRequestBuilder().WithItem("a").WithConnector("http://consumer.example/api/mgmt").Build(), outbound: outbound), Is.Empty);
            Assert.That(
                Errors(new OrchestrateRequestBuilder().WithItem("a").WithConnector("http://other.example/api/mgmt").Build(), outbound: outbound)["connectorAddress"],
                Has.One.EqualTo("Host other.example is not in ALLOWED_CONNECTOR_HOSTS."));
            Assert.That(
                Errors(new OrchestrateRequestBuilder().WithItem("a").WithConnector("http://169.254.169.254/api").Build())["connectorAddress"],
                Has.One.Contains("link-local or metadata"));
            Assert.That(
                Errors(WithCallback("http://10.0.0.9/hook"), outbound: new OutboundOptions { CallbackHosts = "hooks.example" })["callbackUrl"],
                Has.One.EqualTo("Host 10.0.0.9 is not in ALLOWED_CALLBACK_HOSTS."));
        });
    }
}
