using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Transfers;

namespace DataOrchestrator.Tests.Unit.Application.DataFlows;

public sealed class DataAddressReaderTests
{
    private const string Ns = "https://w3id.org/edc/v0.0.1/ns/";

    private static string Address(string? endpoint, params (string Name, string Value)[] properties) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["@type"] = "DataAddress",
            ["endpointType"] = "https://w3id.org/dspace-sig/profile/http-pull",
            ["endpoint"] = endpoint,
            ["endpointProperties"] = properties.Select(p => new Dictionary<string, string> { ["@type"] = "EndpointProperty", ["name"] = p.Name, ["value"] = p.Value }).ToArray(),
        });

    [Test]
    public void ShouldReadTheHttpProfileForm_IgnoringRenewalAndUnknownProperties()
    {
        var reference = DataAddressReader.Read(
            Address("https://p.example/data", ("authorization", "tok"), ("authType", "bearer"), ("refreshToken", "r"), ("expiresIn", "300"), ("x-unknown", "y")),
            allowHttp: false);

        Assert.Multiple(() =>
        {
            Assert.That(reference.Endpoint, Is.EqualTo(new Uri("https://p.example/data")));
            Assert.That(reference.Authorization, Is.EqualTo("tok"));
            Assert.That(reference.Bearer, Is.True);
            Assert.That(reference.ToString(), Does.Not.Contain("tok"));
        });
    }

    [Test]
    public void ShouldReadEdcsForm_WithTheEndpointInItsNamespacedProperty() =>
        Assert.That(DataAddressReader.Read(Address(null, (Ns + "endpoint", "https://p.example/e"), ("authorization", "t")), false).Endpoint.AbsoluteUri, Is.EqualTo("https://p.example/e"));

    [Test]
    public void ShouldReadMvdsForm_WithTheTokenInAccessToken()
    {
        var reference = DataAddressReader.Read(Address(null, ("access_token", "mvd"), (Ns + "endpoint", "https://p.example/m")), false);

        Assert.That((reference.Authorization, reference.Bearer), Is.EqualTo(("mvd", (bool?)true)));
    }

    [Test]
    public void ShouldSendNoToken_WhenTheAddressHasNone() =>
        Assert.That(DataAddressReader.Read(Address("https://p.example/open"), false).Authorization, Is.Empty);

    [Test]
    public void ShouldRefusePlainHttp_UnlessAllowed()
    {
        var address = Address("http://p.example/data", ("authorization", "t"), ("authType", "bearer"));

        var refused = Assert.Throws<ItemFailedException>(() => DataAddressReader.Read(address, allowHttp: false))!;

        Assert.Multiple(() =>
        {
            Assert.That(refused.Error.Code, Is.EqualTo("DATA_ADDRESS_NOT_HTTPS"));
            Assert.That(DataAddressReader.Read(address, allowHttp: true).Endpoint.Scheme, Is.EqualTo("http"));
        });
    }

    [TestCase(null)]
    [TestCase("not json")]
    [TestCase("{\"@type\":\"DataAddress\",\"endpointType\":\"x\"}")]
    [TestCase("{\"endpoint\":\"ftp://p.example/x\"}")]
    [TestCase("{\"endpoint\":\"relative/path\"}")]
    public void ShouldFailWithDataAddressInvalid_WhenNoUsableEndpointIsNamed(string? address) =>
        Assert.That(Assert.Throws<ItemFailedException>(() => DataAddressReader.Read(address, true))!.Error.Code, Is.EqualTo("DATA_ADDRESS_INVALID"));

    [Test]
    public void ShouldRefuseAnAuthTypeOtherThanBearer() =>
        Assert.That(
            Assert.Throws<ItemFailedException>(() => DataAddressReader.Read(Address("https://p.example", ("authorization", "t"), ("authType", "basic")), false))!.Error.Message,
            Does.Contain("basic").And.Not.Contain("\"t\""));
}
