using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace DataOrchestrator.EdcSimulator.Faults;

/// <summary>The HTTP/1.1 status line and headers of a response that bypasses Kestrel (see <see cref="RawConnection"/>).</summary>
internal static class ResponseHead
{
    /// <summary>
    /// The response's status and headers, framed by <paramref name="contentLength"/>, or chunked when it is null.
    /// </summary>
    public static byte[] Serialize(HttpResponse response, long? contentLength, DateTimeOffset now)
    {
        var status = response.StatusCode;
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ReasonPhrases.GetReasonPhrase(status)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"{HeaderNames.Date}: {now:r}\r\n");
        foreach (var (name, values) in response.Headers)
        {
            if (IsFraming(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        head.Append(contentLength is { } length
            ? string.Create(CultureInfo.InvariantCulture, $"{HeaderNames.ContentLength}: {length}\r\n")
            : $"{HeaderNames.TransferEncoding}: chunked\r\n");
        return Encoding.Latin1.GetBytes(head.Append("\r\n").ToString());
    }

    private static bool IsFraming(string name) =>
        string.Equals(name, HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, HeaderNames.Date, StringComparison.OrdinalIgnoreCase);
}
