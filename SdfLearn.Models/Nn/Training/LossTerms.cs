using System.Text.Json.Serialization;

namespace SdfLearn.Nn.Training;

/// <summary>
/// The value of a loss and its named parts (e.g. <c>reconstruction</c>, <c>kl</c>) on one batch, or summed or averaged
/// over many. Parts missing on one side of a sum count as 0; the order of first appearance is kept for display.
/// </summary>
public sealed class LossTerms : IEquatable<LossTerms>
{
    private readonly KeyValuePair<string, double>[] _parts;

    /// <summary>A loss value and its parts.</summary>
    /// <exception cref="ArgumentException">A part name is empty or repeated.</exception>
    [JsonConstructor]
    public LossTerms(double total, IReadOnlyDictionary<string, double>? parts = null)
        : this(total, (parts ?? new Dictionary<string, double>()).ToArray())
    {
    }

    private LossTerms(double total, KeyValuePair<string, double>[] parts)
    {
        if (parts.Any(p => string.IsNullOrEmpty(p.Key)) || parts.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count() != parts.Length)
            throw new ArgumentException("Loss part names must be non-empty and distinct.", nameof(parts));
        Total = total;
        _parts = parts;
    }

    /// <summary>A loss made of named parts, e.g. <c>LossTerms.Of(total, ("reconstruction", r), ("kl", kl))</c>.</summary>
    public static LossTerms Of(double total, params (string Name, double Value)[] parts) =>
        new(total, parts.Select(p => KeyValuePair.Create(p.Name, p.Value)).ToArray());

    /// <summary>Zero, with no parts: the start of a sum.</summary>
    public static LossTerms Zero { get; } = new(0, []);

    /// <summary>What is minimised.</summary>
    public double Total { get; }

    /// <summary>The named parts, in order of first appearance.</summary>
    public IReadOnlyDictionary<string, double> Parts => _parts.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>The names of the parts, in order.</summary>
    [JsonIgnore]
    public IEnumerable<string> Names => _parts.Select(p => p.Key);

    /// <summary>The part called <paramref name="name"/>, or 0 when there is none.</summary>
    public double this[string name] => Array.Find(_parts, p => p.Key == name).Value;

    /// <summary>Whether the total and every part are finite numbers.</summary>
    [JsonIgnore]
    public bool IsFinite => double.IsFinite(Total) && _parts.All(p => double.IsFinite(p.Value));

    /// <summary>Sum by name.</summary>
    public static LossTerms operator +(LossTerms a, LossTerms b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var names = a.Names.Concat(b.Names).Distinct(StringComparer.Ordinal);
        return new(a.Total + b.Total, names.Select(n => KeyValuePair.Create(n, a[n] + b[n])).ToArray());
    }

    /// <summary>Division of the total and every part (for averages).</summary>
    public static LossTerms operator /(LossTerms a, double divisor)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Total / divisor, a._parts.Select(p => KeyValuePair.Create(p.Key, p.Value / divisor)).ToArray());
    }

    /// <inheritdoc/>
    public bool Equals(LossTerms? other) =>
        other is not null && Total.Equals(other.Total) && _parts.SequenceEqual(other._parts);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as LossTerms);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Total, _parts.Length);

    /// <summary>The total and the parts, e.g. <c>1.2 (reconstruction 1.1, kl 0.1)</c>.</summary>
    public override string ToString() =>
        _parts.Length == 0 ? $"{Total:G4}" : $"{Total:G4} ({string.Join(", ", _parts.Select(p => $"{p.Key} {p.Value:G4}"))})";
}
