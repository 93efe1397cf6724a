using DataOrchestrator.Application.Transfers.Edc;

namespace DataOrchestrator.Tests.Unit.Application.Transfers.Edc;

public sealed class EdcConnectionTests
{
    [TestCase("http://host/consumer/cp", "/api/management", "http://host/consumer/cp/api/management")]
    [TestCase("http://host/consumer/cp/", "/api/management", "http://host/consumer/cp/api/management")]
    [TestCase("http://host/consumer/cp/api/management", "/api/management", "http://host/consumer/cp/api/management")]
    [TestCase("http://host/consumer/cp/api/management/", "api/management/", "http://host/consumer/cp/api/management")]
    [TestCase("http://host:8081", "/api/mgmt", "http://host:8081/api/mgmt")]
    public void ShouldAppendManagementPathOnce(string connectorAddress, string path, string expected) =>
        Assert.That(EdcConnection.For(connectorAddress, path, "key").ManagementBaseUrl.AbsoluteUri.TrimEnd('/'), Is.EqualTo(expected));

    [Test]
    public void ShouldNeverShowTheKey() =>
        Assert.That(EdcConnection.For("http://host/cp", "/api/management", "s3cret").ToString(), Does.Not.Contain("s3cret"));
}
