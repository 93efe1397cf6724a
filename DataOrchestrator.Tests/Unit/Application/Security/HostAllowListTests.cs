using System.Net;
using DataOrchestrator.Application.Security;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Tests.Unit.Application.Security;

public sealed class HostAllowListTests
{
    private static OutboundPolicy Policy(OutboundOptions options) => new(Options.Create(options));

    [TestCase("edc.example.com", "edc.example.com", true)]
    [TestCase("edc.example.com", "EDC.Example.com", true)]
    [TestCase("edc.example.com", "other.example.com", false)]
    [TestCase("*.example.com", "a.b.example.com", true)]
    [TestCase("*.example.com", "example.com", false)]
    [TestCase("*.example.com", "evilexample.com", false)]
    [TestCase("10.0.0.0/8", "10.1.2.3", true)]
    [TestCase("10.0.0.0/8", "11.1.2.3", false)]
    [TestCase("192.168.1.0/25", "192.168.1.127", true)]
    [TestCase("192.168.1.0/25", "192.168.1.128", false)]
    [TestCase("fd00::/8", "[fd12::1]", true)]
    [TestCase("[fd00::]/8", "[fd12::1]", true)]
    [TestCase("fd00::/8", "10.0.0.1", false)]
    [TestCase("10.0.0.0/8", "[::ffff:10.1.2.3]", true)]
    [TestCase("10.0.0.0/8", "[::ffff:11.1.2.3]", false)]
    [TestCase("0.0.0.0/0", "[::1]", false)]
    [TestCase("::/0", "10.0.0.1", false)]
    [TestCase("127.0.0.1", "127.0.0.1", true)]
    [TestCase("127.0.0.1", "127.0.0.2", false)]
    [TestCase("", "anything.example", true)]
    public void ShouldAllowOnlyListedHosts(string list, string host, bool allowed) =>
        Assert.That(HostAllowList.Parse(list).AllowsHost(host), Is.EqualTo(allowed));

    [TestCase("exa mple.com")]
    [TestCase("10.0.0.0/33")]
    [TestCase("not-an-ip/8")]
    [TestCase("*.")]
    [TestCase("10.0.0.0/-1")]
    [TestCase("10.0.0.0/+8")]
    [TestCase("10.0.0.0/ 8")]
    [TestCase("fd00::/129")]
    [TestCase("10.0.0.0/8/8")]
    public void ShouldRefuseABadEntry_NamingIt(string entry) =>
        Assert.That(() => HostAllowList.Parse($"ok.example, {entry}"), Throws.InstanceOf<FormatException>().With.Message.Contains(entry));

    /// <summary>Host bits after the prefix are ignored, not refused: the range is the network they belong to.</summary>
    [TestCase("10.0.0.1/8", "10.200.3.4", true)]
    [TestCase("10.0.0.1/8", "11.0.0.1", false)]
    [TestCase("192.168.1.200/25", "192.168.1.130", true)]
    [TestCase("192.168.1.200/25", "192.168.1.5", false)]
    [TestCase("fd12::1/8", "[fd99::7]", true)]
    public void ShouldTreatARangeWithHostBitsAsItsNetwork(string list, string host, bool allowed) =>
        Assert.That(HostAllowList.Parse(list).AllowsHost(host), Is.EqualTo(allowed));

    [Test]
    public void ShouldJudgeAnIpv4MappedAddress_AsItsIpv4Address()
    {
        var list = HostAllowList.Parse("10.0.0.0/8, 2001:db8::1");

        Assert.Multiple(() =>
        {
            Assert.That(list.AllowsAddress(IPAddress.Parse("::ffff:10.9.8.7")), Is.True);
            Assert.That(list.AllowsAddress(IPAddress.Parse("::ffff:192.0.2.1")), Is.False);
            Assert.That(list.AllowsAddress(IPAddress.Parse("2001:db8::1")), Is.True);
            Assert.That(list.AllowsAddress(IPAddress.Parse("10.9.8.7")), Is.True);
        });
    }

    [TestCase("169.254.169.254", true)]
    [TestCase("169.254.0.1", true)]
    [TestCase("fe80::1", true)]
    [TestCase("fd00:ec2::254", true)]
    [TestCase("::ffff:169.254.169.254", true)]
    [TestCase("10.0.0.1", false)]
    [TestCase("127.0.0.1", false)]
    public void ShouldRecogniseLinkLocalAndMetadataAddresses(string address, bool linkLocal) =>
        Assert.That(HostAllowList.IsLinkLocalOrMetadata(IPAddress.Parse(address)), Is.EqualTo(linkLocal));

    [Test]
    public void ShouldRefuseMetadataAddresses_EvenWithoutAList_UnlessAllowed()
    {
        var metadata = new Uri("http://169.254.169.254/latest/meta-data/");

        Assert.Multiple(() =>
        {
            Assert.That(Policy(new()).Check(metadata, HostAllowList.Unrestricted, OutboundPolicy.ConnectorSetting), Does.Contain("link-local"));
            Assert.That(Policy(new() { AllowLinkLocal = true }).Check(metadata, HostAllowList.Unrestricted, OutboundPolicy.ConnectorSetting), Is.Null);
            Assert.That(Policy(new()).Check(new Uri("http://edc.example/api"), HostAllowList.Unrestricted, OutboundPolicy.ConnectorSetting), Is.Null);
        });
    }

    [Test]
    public void ShouldAllowAConnection_ByNameOrByResolvedAddress_ButNeverToMetadata()
    {
        var policy = Policy(new() { DataPlaneHosts = "data.example, 10.0.0.0/8" });

        Assert.Multiple(() =>
        {
            Assert.That(policy.MayConnect("data.example", IPAddress.Parse("203.0.113.5"), policy.DataPlanes), Is.True, "listed by name");
            Assert.That(policy.MayConnect("other.example", IPAddress.Parse("10.2.3.4"), policy.DataPlanes), Is.True, "resolves into a listed range");
            Assert.That(policy.MayConnect("other.example", IPAddress.Parse("203.0.113.5"), policy.DataPlanes), Is.False);
            Assert.That(policy.MayConnect("data.example", IPAddress.Parse("169.254.169.254"), policy.DataPlanes), Is.False, "a listed name resolving to metadata");
        });
    }

    [Test]
    public void ShouldReportEveryBadList_InOptionsValidation()
    {
        var options = new OutboundOptions { ConnectorHosts = "ok.example", CallbackHosts = "bad host" };

        var results = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToArray();

        Assert.That(results.Select(r => r.ErrorMessage), Has.One.StartsWith("CallbackHosts:").And.Contains("bad host"));
    }
}
