using System.Globalization;
using System.Text;

namespace DataOrchestrator.Tests.Support.Metrics;

/// <summary>A parsed <c>GET /metrics</c> answer (Prometheus text exposition format 0.0.4), for asserting on.</summary>
internal sealed class PrometheusScrape
{
    private PrometheusScrape(string text, IReadOnlyList<PrometheusSample> samples)
    {
        Text = text;
        Samples = samples;
    }

    public string Text { get; }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    public static PrometheusScrape Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0 && line[0] != '#')
            {
                samples.Add(ParseLine(line.TrimEnd('\r')));
            }
        }

        return new PrometheusScrape(text, samples);
    }

    /// <summary>Samples of one metric name whose labels include every given label.</summary>
    public IEnumerable<PrometheusSample> Where(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s[l.Label] == l.Value));

    /// <summary>The sum of the matching samples (0 when there are none).</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) => Where(name, labels).Sum(s => s.Value);

    /// <summary>The matching samples summed per value of <paramref name="label"/>.</summary>
    public Dictionary<string, double> By(string name, string label, params (string Label, string Value)[] labels) =>
        Where(name, labels).GroupBy(s => s[label] ?? string.Empty).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));

    private static PrometheusSample ParseLine(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var nameEnd = line.IndexOfAny(['{', ' ']);
        var name = line[..nameEnd];
        var position = nameEnd;
        if (line[position] == '{')
        {
            position++;
            while (line[position] != '}')
            {
                var equals = line.IndexOf('=', position);
                var label = line[position..equals];
                position = equals + 2; // past ="
                var value = new StringBuilder();
                for (; line[position] != '"'; position++)
                {
                    if (line[position] == '\\')
                    {
                        position++;
                        value.Append(line[position] == 'n' ? '\n' : line[position]);
                    }
                    else
                    {
                        value.Append(line[position]);
                    }
                }

                labels[label] = value.ToString();
                position++; // past the closing quote
                if (line[position] == ',')
                {
                    position++;
                }
            }

            position++;
        }

        // The value, then an optional timestamp.
        var fields = line[position..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var number = fields[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var text => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new PrometheusSample(name, labels, number);
    }
}
