using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Transfers.Edc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace DataOrchestrator.Tests.Unit.Application.DataFlows;

public sealed class DataPlaneRegistrarTests
{
    private static readonly EdcConnection Connection = EdcConnection.For("http://cp.example", "/api/management", "key");
    private readonly Mock<IEdcClient> _edc = new();
    private readonly RegisteredDataPlanes _registered = new();
    private readonly KeyedLock _locks = new();
    private readonly List<DataPlaneRegistration> _sent = [];

    private DataPlaneRegistrar Registrar(DataPlaneOptions? options = null) => new(
        _edc.Object, _locks, _registered,
        Options.Create(options ?? new DataPlaneOptions { PublicUrl = "https://do.example/", Id = "do-1", Labels = "gold, blue" }),
        NullLogger<DataPlaneRegistrar>.Instance);

    [SetUp]
    public void SetUp() =>
        _edc.Setup(e => e.RegisterDataPlaneAsync(Connection, It.IsAny<DataPlaneRegistration>(), It.IsAny<CancellationToken>()))
            .Returns(async (EdcConnection _, DataPlaneRegistration r, CancellationToken _) =>
            {
                await Task.Delay(20, CancellationToken.None);
                lock (_sent)
                {
                    _sent.Add(r);
                }
            });

    [Test]
    public async Task ShouldRegisterOnce_WhenManyTransfersToOneConnectorStartAtOnce()
    {
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Registrar().EnsureAsync(Connection, CancellationToken.None)));

        var registration = _sent.Single();
        Assert.Multiple(() =>
        {
            Assert.That(registration.DataPlaneId, Is.EqualTo("do-1"));
            Assert.That(registration.Endpoint.AbsoluteUri, Is.EqualTo("https://do.example/signaling/dataflows"));
            Assert.That(registration.TransferTypes, Is.EqualTo(new[] { "HttpData-PULL" }));
            Assert.That(registration.Labels, Is.EqualTo(new[] { "gold", "blue" }));
            Assert.That(registration.Authorization, Is.Null, "DATAPLANE_AUTH=none registers no authorization profile");
        });
    }

    [Test]
    public async Task ShouldRegisterTheOAuth2ClientCredentialsProfile_WithOAuth2()
    {
        var options = new DataPlaneOptions
        {
            PublicUrl = "https://do.example/",
            Id = "do-1",
            Auth = "oauth2",
            OAuth2 = new DataPlaneOAuth2Options { TokenEndpoint = "https://idp.example/token", ClientSecret = "s3cret", JwksUri = "https://idp.example/jwks" },
        };

        await Registrar(options).EnsureAsync(Connection, CancellationToken.None);

        Assert.That(_sent.Single().Authorization, Is.EqualTo(new Dictionary<string, string>
        {
            ["type"] = "oauth2_client_credentials",
            ["tokenEndpoint"] = "https://idp.example/token",
            ["clientId"] = "do-1",
            ["clientSecret"] = "s3cret",
            ["jwksUri"] = "https://idp.example/jwks",
        }));
    }

    [Test]
    public async Task ShouldRenewOnce_WhenManyTransfersFoundNoDataplaneUnderOneRegistration()
    {
        var seen = await Registrar().EnsureAsync(Connection, CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Registrar().RenewAsync(Connection, seen, CancellationToken.None)));

        Assert.That(_sent, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ShouldRegisterAgainLater_WhenTheFirstRegistrationFailed()
    {
        _edc.SetupSequence(e => e.RegisterDataPlaneAsync(Connection, It.IsAny<DataPlaneRegistration>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EdcUnavailableException("down"))
            .Returns(Task.CompletedTask);

        Assert.That(async () => await Registrar().EnsureAsync(Connection, CancellationToken.None), Throws.InstanceOf<EdcUnavailableException>());
        Assert.That(await Registrar().EnsureAsync(Connection, CancellationToken.None), Is.EqualTo(1));
    }
}
