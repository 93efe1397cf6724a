using System.Text;
using System.Text.Json.Nodes;

namespace DataOrchestrator.Tests.Support.Requests;

/// <summary>Edits of a valid JSON body that make it malformed in one known way.</summary>
internal static class JsonBodyEdits
{
    public static List<int> OutsideStrings(string json)
    {
        var positions = new List<int>();
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            if (!inString && i > 0)
            {
                positions.Add(i);
            }

            if (json[i] == '"' && (i == 0 || json[i - 1] != '\\'))
            {
                inString = !inString;
            }
        }

        return positions;
    }

    public static string With(string valid, string path, string valueJson)
    {
        var root = JsonNode.Parse(valid)!;
        var value = JsonNode.Parse(valueJson);
        if (path == "data[0]")
        {
            root["data"]!.AsArray()[0] = value;
        }
        else
        {
            var (parent, key) = Locate(root, path);
            parent[key] = value;
        }

        return root.ToJsonString();
    }

    public static string Without(string valid, IEnumerable<string> paths)
    {
        var root = JsonNode.Parse(valid)!;
        foreach (var path in paths.OrderByDescending(p => p.Length))
        {
            if (path == "data")
            {
                root.AsObject().Remove("data");
                continue;
            }

            if (root["data"] is null)
            {
                continue;
            }

            var (parent, key) = Locate(root, path);
            parent.AsObject().Remove(key);
        }

        return root.ToJsonString();
    }

    private static (JsonNode Parent, string Key) Locate(JsonNode root, string path)
    {
        return path.StartsWith("data[0].", StringComparison.Ordinal) ? (root["data"]![0]!, path["data[0].".Length..]) : (root, path);
    }

    public static byte[] Splice(string valid, string anchor, byte[] bytes)
    {
        var position = Encoding.UTF8.GetByteCount(valid[..(valid.IndexOf(anchor, StringComparison.Ordinal) + 1)]);
        var utf8 = Encoding.UTF8.GetBytes(valid);
        return [.. utf8[..position], .. bytes, .. utf8[position..]];
    }
}
