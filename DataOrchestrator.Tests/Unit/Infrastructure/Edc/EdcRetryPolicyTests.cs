using System.Net;
using DataOrchestrator.Infrastructure.Edc;
using Polly;
using Polly.Retry;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Edc;

/// <summary>
/// A transfer start is repeated only where EDC cannot have acted on it: EDC 0.17 and later start a new process for
/// every request whatever its <c>@id</c>, so after a 500 the pipeline looks the transfer up instead.
/// </summary>
public sealed class EdcRetryPolicyTests
{
    [TestCase("POST", "/v3/transferprocesses", HttpStatusCode.InternalServerError, false)]
    [TestCase("POST", "/v4/transferprocesses", HttpStatusCode.GatewayTimeout, false)]
    [TestCase("POST", "/v3/transferprocesses", HttpStatusCode.ServiceUnavailable, true)]
    [TestCase("POST", "/v3/transferprocesses", HttpStatusCode.TooManyRequests, true)]
    [TestCase("POST", "/v3/transferprocesses/request", HttpStatusCode.InternalServerError, true)]
    [TestCase("POST", "/v4/transferprocesses/request", HttpStatusCode.BadGateway, true)]
    [TestCase("POST", "/v3/contractnegotiations", HttpStatusCode.InternalServerError, false)]
    [TestCase("GET", "/v3/transferprocesses/t-1/state", HttpStatusCode.InternalServerError, true)]
    [TestCase("GET", "/v3/transferprocesses/t-1/state", HttpStatusCode.NotFound, false)]
    [TestCase("POST", "/v3/catalog/dataset/request", HttpStatusCode.ServiceUnavailable, true)]
    [TestCase("POST", "/v4/catalog/dataset/request", HttpStatusCode.InternalServerError, true)]
    [TestCase("POST", "/v3/catalog/dataset/request", HttpStatusCode.BadGateway, false)]
    [TestCase("POST", "/v4/contractagreements/request", HttpStatusCode.InternalServerError, true)]
    [TestCase("POST", "/v3/edrs/request", HttpStatusCode.BadGateway, true)]
    public async Task ShouldRepeatOnlyWhatCannotStartASecondProcess(string method, string path, HttpStatusCode status, bool retried)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"http://edc.example/management{path}");
        using var response = new HttpResponseMessage(status) { RequestMessage = request };
        Assert.That(await DecideAsync(Outcome.FromResult(response)), Is.EqualTo(retried));
    }

    [Test]
    public async Task ShouldNotRepeatATransferStart_WhoseAnswerTimedOut()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://edc.example/management/v3/transferprocesses");
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            context.SetRequestMessage(request);
            var timedOut = Outcome.FromException<HttpResponseMessage>(new Polly.Timeout.TimeoutRejectedException());
            Assert.That(await EdcRetryPolicy.ShouldRetry(new RetryPredicateArguments<HttpResponseMessage>(context, timedOut, 0)), Is.False);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    [TestCase("/v3/catalog/dataset/request", HttpStatusCode.BadGateway, false)]
    [TestCase("/v4/catalog/dataset/request", HttpStatusCode.ServiceUnavailable, true)]
    [TestCase("/v3/transferprocesses", HttpStatusCode.BadGateway, true)]
    [TestCase("/v3/contractagreements/request", HttpStatusCode.NotFound, false)]
    public async Task ShouldCountAsAConnectorFailure_OnlyWhatSaysTheConnectorIsUnwell(string path, HttpStatusCode status, bool counted)
    {
        // An unknown asset's 502 is the provider's answer relayed by a working connector: many of them must not pause it.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://edc.example/management{path}");
        using var response = new HttpResponseMessage(status) { RequestMessage = request };
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            var arguments = new Polly.CircuitBreaker.CircuitBreakerPredicateArguments<HttpResponseMessage>(context, Outcome.FromResult(response));
            Assert.That(await EdcRetryPolicy.IsConnectorFailure(arguments), Is.EqualTo(counted));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static async Task<bool> DecideAsync(Outcome<HttpResponseMessage> outcome)
    {
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            return await EdcRetryPolicy.ShouldRetry(new RetryPredicateArguments<HttpResponseMessage>(context, outcome, 0));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
