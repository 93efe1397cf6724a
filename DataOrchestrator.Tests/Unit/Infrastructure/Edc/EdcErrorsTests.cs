using DataOrchestrator.Infrastructure.Edc;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Edc;

public sealed class EdcErrorsTests
{
    [Test]
    public void ShouldReadEdcErrorArrays_WithNullsAsRealEdcSendsThem()
    {
        var errors = EdcErrors.Parse("""[{"message":"x-api-key not found","type":"AuthenticationFailed","path":null,"invalidValue":null}]""");
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(errors[0].Message, Is.EqualTo("x-api-key not found"));
            Assert.That(errors[0].Type, Is.EqualTo("AuthenticationFailed"));
            Assert.That(errors[0].Path, Is.Null);
            Assert.That(errors[0].InvalidValue, Is.Null);
        });
    }

    [Test]
    public void ShouldReadEdcErrorArrays_WithoutOptionalFieldsAsTheSpecDescribesThem()
    {
        var errors = EdcErrors.Parse("""[{"message":"mandatory value 'contractId' is missing","type":"ValidationFailure","path":"contractId","invalidValue":{"a":1}}]""");
        Assert.Multiple(() =>
        {
            Assert.That(errors[0].Path, Is.EqualTo("contractId"));
            Assert.That(errors[0].InvalidValue, Is.EqualTo("""{"a":1}"""));
        });
    }

    [TestCase("")]
    [TestCase("not json")]
    [TestCase("""{"errors":["Missing Authorization Header"]}""")]
    public void ShouldReturnNoErrors_ForBodiesThatAreNotEdcErrorArrays(string body) =>
        Assert.That(EdcErrors.Parse(body), Is.Empty);
}
