using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace DataOrchestrator.Tests.Support.Simulator;

/// <summary>
/// What a client saw of one call, read byte by byte as far as the connection allowed: the status and headers (when
/// they arrived), the body bytes received and the exception that ended the read, if any.
/// </summary>
internal sealed record ObservedResponse(
    HttpStatusCode? Status, HttpResponseHeaders? Headers, long? ContentLength, byte[] Body, Exception? Failure)
{
    /// <summary>True when the failure came from a TCP reset (RST) rather than an orderly close.</summary>
    public bool WasReset => Chain.OfType<SocketException>().Any(ex => ex.SocketErrorCode == SocketError.ConnectionReset);

    /// <summary>True when the connection closed in order before the response was complete.</summary>
    public bool EndedEarly => Chain.OfType<HttpIOException>().Any(ex => ex.HttpRequestError == HttpRequestError.ResponseEnded);

    private IEnumerable<Exception> Chain
    {
        get
        {
            for (var ex = Failure; ex is not null; ex = ex.InnerException)
            {
                yield return ex;
            }
        }
    }

    public static async Task<ObservedResponse> ReadAsync(HttpClient http, HttpRequestMessage request)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException ex)
        {
            return new ObservedResponse(null, null, null, [], ex);
        }

        using (response)
        {
            using var body = new MemoryStream();
            Exception? failure = null;
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync();
                await stream.CopyToAsync(body);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                failure = ex;
            }

            return new ObservedResponse(response.StatusCode, response.Headers, response.Content.Headers.ContentLength, body.ToArray(), failure);
        }
    }
}
