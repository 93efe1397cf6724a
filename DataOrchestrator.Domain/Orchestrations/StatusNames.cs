using System.Collections.Frozen;
using System.Text.Json;

namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>
/// The wire names of the statuses, the one source for the API, the OpenAPI document, the store's SQL and the docs'
/// check: the enum member's name in SCREAMING_SNAKE_CASE, as the original service spelled them
/// (<c>DataAddressRetrieved</c> is <c>DATA_ADDRESS_RETRIEVED</c>). A new status is a new enum member, nothing else.
/// </summary>
public static class StatusNames
{
    public static string ToWireName(this ItemStatus status) => WireName(status);

    public static string ToWireName(this ProcessStatus status) => WireName(status);

    public static string ToWireName(this CallbackState state) => WireName(state);

    public static bool TryParseItemStatus(string name, out ItemStatus status) => TryParse(name, out status);

    public static bool TryParseProcessStatus(string name, out ProcessStatus status) => TryParse(name, out status);

    public static bool TryParseCallbackState(string name, out CallbackState state) => TryParse(name, out state);

    /// <summary>The rule itself, for a member's name.</summary>
    public static string Of(string memberName) => JsonNamingPolicy.SnakeCaseUpper.ConvertName(memberName);

    /// <summary>Every wire name of <typeparamref name="T"/>, in the order of its members.</summary>
    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum => Names<T>.InOrder;

    public static string WireName<T>(T value)
        where T : struct, Enum =>
        Names<T>.ByValue.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    /// <summary>Exact (ordinal) match of a wire name.</summary>
    public static bool TryParse<T>(string name, out T value)
        where T : struct, Enum => Names<T>.ByName.TryGetValue(name, out value);

    // Computed once per enum: names are asked for on every status written and every row read.
    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly string[] InOrder = Enum.GetValues<T>().Select(v => Of(v.ToString())).ToArray();

        public static readonly FrozenDictionary<T, string> ByValue = Enum.GetValues<T>().ToFrozenDictionary(v => v, v => Of(v.ToString()));

        public static readonly FrozenDictionary<string, T> ByName = ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
