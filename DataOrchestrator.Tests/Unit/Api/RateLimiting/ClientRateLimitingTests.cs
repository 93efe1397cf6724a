using System.Net;
using System.Security.Claims;
using DataOrchestrator.Api.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace DataOrchestrator.Tests.Unit.Api.RateLimiting;

public sealed class ClientRateLimitingTests
{
    private static DefaultHttpContext Request(string? apiKey, bool authenticated, string remoteAddress = "203.0.113.7")
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
        if (apiKey is not null)
        {
            context.Request.Headers["X-Api-Key"] = apiKey;
        }

        if (authenticated)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-client")], "ApiKey"));
        }

        return context;
    }

    [Test]
    public void ShouldPartitionAuthenticatedRequests_ByTheKeysHash_NeverTheKeyItself()
    {
        var first = ClientRateLimiting.PartitionKey(Request("client-key-one", authenticated: true));
        var again = ClientRateLimiting.PartitionKey(Request("client-key-one", authenticated: true, remoteAddress: "198.51.100.1"));
        var other = ClientRateLimiting.PartitionKey(Request("client-key-two", authenticated: true));

        Assert.Multiple(() =>
        {
            Assert.That(first, Does.StartWith("key:").And.Not.Contain("client-key-one"));
            Assert.That(again, Is.EqualTo(first), "one key shares one bucket from every address");
            Assert.That(other, Is.Not.EqualTo(first));
        });
    }

    [Test]
    public void ShouldPartitionUnauthenticatedRequests_ByRemoteAddress_WhateverKeyTheyPresent()
    {
        var wrongKey = ClientRateLimiting.PartitionKey(Request("guess-1", authenticated: false));
        var otherWrongKey = ClientRateLimiting.PartitionKey(Request("guess-2", authenticated: false));
        var noKey = ClientRateLimiting.PartitionKey(Request(null, authenticated: false));

        Assert.Multiple(() =>
        {
            Assert.That(wrongKey, Is.EqualTo("address:203.0.113.7"));
            Assert.That(otherWrongKey, Is.EqualTo(wrongKey), "random keys do not get fresh buckets");
            Assert.That(noKey, Is.EqualTo(wrongKey));
        });
    }
}
