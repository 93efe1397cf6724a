using DataOrchestrator.EdcSimulator.Scenarios;

namespace DataOrchestrator.Tests.Unit.Simulator.Scenarios;

public sealed class ScenarioFileTests
{
    [Test]
    public void ShouldLoadOfferFiles_AndRefuseInvalidBehaviours()
    {
        var offers = ScenarioFile.ParseOffers("""{"offer-1":{"negotiationDelayMs":500,"agreementId":"a-1"},"offer-2":null}""");

        Assert.Multiple(() =>
        {
            Assert.That(offers["offer-1"].AgreementId, Is.EqualTo("a-1"));
            Assert.That(offers["offer-2"], Is.EqualTo(OfferBehaviour.Default));
            Assert.That(() => ScenarioFile.ParseOffers("""{"o":{"negotiationDelayMs":-1}}"""), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("negotiationDelayMs"));
            Assert.That(new AgreementBehaviour { ExpiredTokens = -1 }.Validate(), Has.Some.Contains("expiredTokens"));
        });
    }
}
