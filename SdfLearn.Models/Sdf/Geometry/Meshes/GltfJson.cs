using System.Text.Json;
using SdfLearn.Nn;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Typed, checked access to a glTF JSON document: every value is tested for its kind and range before use, so a
/// malformed document gives an <see cref="InvalidDataException"/> naming the file and the JSON path (such as
/// <c>accessors[2].count</c>) instead of an exception from the JSON API. Top-level arrays are indexed once.
/// </summary>
internal sealed class GltfJson
{
    private readonly JsonElement _root;
    private readonly Dictionary<string, JsonElement[]> _arrays = [];

    /// <summary>Wraps the parsed JSON chunk; <paramref name="name"/> names the file in error messages.</summary>
    /// <exception cref="InvalidDataException">The root is not a JSON object.</exception>
    public GltfJson(JsonElement root, string name)
    {
        Name = name;
        if (root.ValueKind != JsonValueKind.Object) throw Error("the JSON chunk", "is not a JSON object");
        _root = root;
    }

    /// <summary>The file, for error messages.</summary>
    public string Name { get; }

    /// <summary>The document's root object.</summary>
    public JsonElement Root => _root;

    /// <summary>How many items the top-level array <paramref name="array"/> holds (0 when absent).</summary>
    public int Count(string array) => Items(array).Length;

    /// <summary>Item <paramref name="index"/> of the top-level array <paramref name="array"/>, which must be an object.</summary>
    public JsonElement Item(string array, int index)
    {
        var items = Items(array);
        if ((uint)index >= (uint)items.Length) throw Error($"{array}[{index}]", $"does not exist: there are {items.Length} {array}");
        if (items[index].ValueKind != JsonValueKind.Object) throw Error($"{array}[{index}]", "is not a JSON object");
        return items[index];
    }

    /// <summary>Whether <paramref name="owner"/> has <paramref name="property"/>.</summary>
    public static bool Has(JsonElement owner, string property) => owner.TryGetProperty(property, out _);

    /// <summary>The integer <paramref name="property"/> of <paramref name="owner"/> in [<paramref name="min"/>, <paramref name="max"/>], or null when absent.</summary>
    public long? Integer(JsonElement owner, string path, string property, long min, long max)
    {
        if (!owner.TryGetProperty(property, out var value)) return null;
        long? number = value.ValueKind != JsonValueKind.Number ? null
            : value.TryGetInt64(out long integer) ? integer
            : value.TryGetDouble(out double real) && real == Math.Floor(real) && Math.Abs(real) < 1e18 ? (long)real
            : null;
        if (number is not { } n || n < min || n > max)
            throw Error($"{path}.{property}", $"is {Quoted(value)}; expected an integer in [{min}, {max}]");
        return n;
    }

    /// <summary>The integer <paramref name="property"/> of <paramref name="owner"/> in [<paramref name="min"/>, <paramref name="max"/>], which must be present.</summary>
    public long Required(JsonElement owner, string path, string property, long min, long max) =>
        Integer(owner, path, property, min, max) ?? throw Error(path, $"lacks the required property '{property}'");

    /// <summary>The index <paramref name="property"/> of <paramref name="owner"/> into the top-level <paramref name="array"/>, or null when absent.</summary>
    public int? Index(JsonElement owner, string path, string property, string array) => Index(owner, path, property, array, required: false);

    /// <summary>The index <paramref name="property"/> of <paramref name="owner"/> into the top-level <paramref name="array"/>, which must be present.</summary>
    public int RequiredIndex(JsonElement owner, string path, string property, string array) =>
        Index(owner, path, property, array, required: true)!.Value;

    /// <summary>The indices in the array <paramref name="property"/> of <paramref name="owner"/> into the top-level <paramref name="array"/> (empty when absent).</summary>
    public int[] Indices(JsonElement owner, string path, string property, string array)
    {
        if (!owner.TryGetProperty(property, out var list)) return [];
        if (list.ValueKind != JsonValueKind.Array) throw Error($"{path}.{property}", "is not an array");
        var indices = new int[list.GetArrayLength()];
        int k = 0;
        foreach (var item in list.EnumerateArray())
        {
            long? index = item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out long n) ? n : null;
            if (index is not { } i || i < 0 || i >= Count(array))
                throw Error($"{path}.{property}[{k}]", $"is {Quoted(item)}; expected an index below {Count(array)} into {array}");
            indices[k++] = (int)i;
        }
        return indices;
    }

    /// <summary>The array of <paramref name="length"/> finite numbers <paramref name="property"/> of <paramref name="owner"/>, or null when absent.</summary>
    public float[]? Numbers(JsonElement owner, string path, string property, int length)
    {
        if (!owner.TryGetProperty(property, out var list)) return null;
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() != length)
            throw Error($"{path}.{property}", $"is not an array of {length} numbers");
        var numbers = new float[length];
        int k = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out double value) || !float.IsFinite((float)value))
                throw Error($"{path}.{property}[{k}]", $"is {Quoted(item)}, not a finite number");
            numbers[k++] = (float)value;
        }
        return numbers;
    }

    /// <summary>A JSON value as written in the file, quoted and cut to a readable length for a message.</summary>
    public static string Quoted(JsonElement value) => BoundedText.Quote(value.GetRawText());

    /// <summary>An error about the value at <paramref name="path"/>: "<c>file: path problem.</c>"</summary>
    public InvalidDataException Error(string path, string problem) => new($"{Name}: {path} {problem}.");

    private int? Index(JsonElement owner, string path, string property, string array, bool required)
    {
        long? index = required ? Required(owner, path, property, 0, int.MaxValue) : Integer(owner, path, property, 0, int.MaxValue);
        if (index >= Count(array))
            throw Error($"{path}.{property}", $"is {index}, but there are {Count(array)} {array}");
        return (int?)index;
    }

    private JsonElement[] Items(string array)
    {
        if (_arrays.TryGetValue(array, out var items)) return items;
        if (!_root.TryGetProperty(array, out var list)) items = [];
        else if (list.ValueKind != JsonValueKind.Array) throw Error(array, "is not an array");
        else items = [.. list.EnumerateArray()];
        _arrays[array] = items;
        return items;
    }
}
