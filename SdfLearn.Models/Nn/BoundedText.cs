namespace SdfLearn.Nn;

/// <summary>
/// Pieces of error messages that come from a file or a caller and so can be of any length: a name is cut to a few
/// dozen characters, a list to its first few items and "and N more", so a message stays readable whatever the input.
/// </summary>
internal static class BoundedText
{
    private const int MaxNameLength = 80;
    private const int MaxItems = 5;

    /// <summary><paramref name="text"/> in single quotes, cut after 80 characters with its full length noted.</summary>
    public static string Quote(string text) => text.Length <= MaxNameLength
        ? $"'{text}'"
        : $"'{text[..MaxNameLength]}...' ({text.Length:N0} characters)";

    /// <summary>The first five items, quoted, then "and N more".</summary>
    public static string List(IReadOnlyCollection<string> items)
    {
        var shown = string.Join(", ", items.Take(MaxItems).Select(Quote));
        return items.Count <= MaxItems ? shown : $"{shown} and {items.Count - MaxItems:N0} more";
    }

    /// <summary>A shape or other list of numbers as "[a, b, c]", or its first items and the count when long.</summary>
    public static string Numbers(IReadOnlyCollection<long> values) => values.Count <= 2 * MaxItems
        ? $"[{string.Join(", ", values)}]"
        : $"[{string.Join(", ", values.Take(2 * MaxItems))}, ... ({values.Count:N0} entries)]";
}
