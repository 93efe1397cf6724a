using System.Text;
using DataOrchestrator.Application.Callbacks;

namespace DataOrchestrator.Tests.Unit.Application.Callbacks;

public sealed class CallbackSignatureTests
{
    private const string Secret = "callback-secret-0123456789";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"orchestration_id":"c858791f-e6ac-43d0-bc03-4accd023b80a"}""");

    [Test]
    public void ShouldSignTimestampDotBody_AsLowerCaseHexHmacSha256()
    {
        // Computed independently: python3 -c "import hmac,hashlib; print(hmac.new(b'callback-secret-0123456789',
        //   b'1747919893.' + b'{\"orchestration_id\":\"c858791f-e6ac-43d0-bc03-4accd023b80a\"}', hashlib.sha256).hexdigest())"
        Assert.That(
            CallbackSignature.Compute(Secret, "1747919893", Body),
            Is.EqualTo("sha256=c0b8825ba254dc5c3ba4f334f3e8bab9624c65ff0e4004aefae2dc2ebb7ab0ea"));
    }

    [Test]
    public void ShouldChangeTheSignature_WhenTheTimestampTheBodyOrTheSecretChanges()
    {
        var original = CallbackSignature.Compute(Secret, "1747919893", Body);
        var tampered = Body.ToArray();
        tampered[^3] ^= 1;

        Assert.Multiple(() =>
        {
            Assert.That(CallbackSignature.Compute(Secret, "1747919894", Body), Is.Not.EqualTo(original));
            Assert.That(CallbackSignature.Compute(Secret, "1747919893", tampered), Is.Not.EqualTo(original));
            Assert.That(CallbackSignature.Compute(Secret + "x", "1747919893", Body), Is.Not.EqualTo(original));
        });
    }
}
