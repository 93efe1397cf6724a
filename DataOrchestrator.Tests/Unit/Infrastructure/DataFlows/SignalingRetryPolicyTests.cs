using System.Net;
using DataOrchestrator.Infrastructure.DataFlows;
using Polly;
using Polly.Retry;

namespace DataOrchestrator.Tests.Unit.Infrastructure.DataFlows;

public sealed class SignalingRetryPolicyTests
{
    [TestCase("completed", HttpStatusCode.Conflict, true)]
    [TestCase("errored", HttpStatusCode.Conflict, false)]
    [TestCase("completed", HttpStatusCode.Unauthorized, false)]
    [TestCase("completed", HttpStatusCode.BadRequest, false)]
    [TestCase("completed", HttpStatusCode.ServiceUnavailable, true)]
    [TestCase("errored", HttpStatusCode.InternalServerError, true)]
    [TestCase("completed", HttpStatusCode.OK, false)]
    public async Task ShouldRetryTransientFailures_AndACompletedRefusedBeforeTheTransferStarted(string callback, HttpStatusCode status, bool retried)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://cp.example/api/signaling/transfers/t-1/dataflow/{callback}");
        using var response = new HttpResponseMessage(status) { RequestMessage = request };
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            var decision = await SignalingRetryPolicy.ShouldRetry(new RetryPredicateArguments<HttpResponseMessage>(context, Outcome.FromResult(response), 0));
            Assert.That(decision, Is.EqualTo(retried));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
