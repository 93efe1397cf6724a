namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// Reads each Management API answer whole inside the resilience pipeline. Without it the body is read after the
/// pipeline has returned, so an answer reset or cut short after its headers failed the call with no retry; here it
/// is a failed attempt, which the retry strategy repeats where <see cref="EdcRetryPolicy"/> allows.
/// </summary>
internal sealed class ResponseBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
