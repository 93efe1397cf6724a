using System.ComponentModel.DataAnnotations;
using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Transfers;

namespace DataOrchestrator.Tests.Unit.Application.DataFlows;

public sealed class DataPlaneOptionsTests
{
    private static List<string> Problems(DataPlaneOptions options) =>
        [.. options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage!)];

    private static DataPlaneOptions OAuth2(Action<DataPlaneOAuth2Options>? change = null, bool allowHttp = false)
    {
        var options = new DataPlaneOptions
        {
            Auth = "oauth2",
            AllowHttpEndpoints = allowHttp,
            OAuth2 = new DataPlaneOAuth2Options
            {
                TokenEndpoint = "https://idp.example/token",
                ClientSecret = "s3cret",
                JwksUri = "https://idp.example/jwks",
            },
        };
        change?.Invoke(options.OAuth2);
        return options;
    }

    [Test]
    public void ShouldAcceptOAuth2_WithTokenEndpointSecretAndJwks() => Assert.That(Problems(OAuth2()), Is.Empty);

    [Test]
    public void ShouldNameEveryMissingOAuth2Setting()
    {
        var problems = Problems(new DataPlaneOptions { Auth = "oauth2" });

        Assert.That(problems, Has.Count.EqualTo(3));
        Assert.That(problems, Has.Some.Contains("DATAPLANE_OAUTH2_TOKEN_ENDPOINT"));
        Assert.That(problems, Has.Some.Contains("DATAPLANE_OAUTH2_JWKS_URI"));
        Assert.That(problems, Has.Some.Contains("DATAPLANE_OAUTH2_CLIENT_SECRET"));
    }

    [TestCase("http://idp.example/token", false, true)]
    [TestCase("http://idp.example/token", true, false)]
    [TestCase("ftp://idp.example/token", true, true)]
    [TestCase("/token", true, true)]
    public void ShouldRequireHttpsForTheTokenEndpoint_UnlessPlainHttpIsAllowed(string endpoint, bool allowHttp, bool refused) =>
        Assert.That(Problems(OAuth2(o => o.TokenEndpoint = endpoint, allowHttp)), refused ? Has.Some.Contains("TOKEN_ENDPOINT") : Is.Empty);

    [Test]
    public void ShouldRefuseAnUnknownAuth() =>
        Assert.That(Problems(new DataPlaneOptions { Auth = "basic" }), Has.Some.Contains("must be 'none' or 'oauth2'"));

    [Test]
    public void ShouldUseTheDataPlaneIdAsClientId_UnlessOneIsSet()
    {
        Assert.That(OAuth2().OAuth2.ClientIdOr("dataorchestrator"), Is.EqualTo("dataorchestrator"));
        Assert.That(OAuth2(o => o.ClientId = "client-7").OAuth2.ClientIdOr("dataorchestrator"), Is.EqualTo("client-7"));
    }

    [Test]
    public void ShouldCountAProfileOnDps_AsUsingDps() =>
        Assert.That(new TransferOptions { Connectors = [new ConnectorProfile { AddressPrefix = "http://x", DataFlow = "dps" }] }.UsesDps, Is.True);
}
