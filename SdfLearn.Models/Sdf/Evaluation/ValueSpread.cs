namespace SdfLearn.Sdf.Evaluation;

/// <summary>
/// Where a set of signed distances lies: extremes, 1st and 99th percentiles (robust to a few odd digits), and the
/// share inside (value &lt; 0). Comparing a model's outputs with the data's shows whether they span the same range.
/// </summary>
/// <param name="Min">Smallest value.</param>
/// <param name="P01">1st percentile (nearest rank).</param>
/// <param name="P99">99th percentile (nearest rank).</param>
/// <param name="Max">Largest value.</param>
/// <param name="InsideFraction">Share of values below 0.</param>
public sealed record ValueSpread(double Min, double P01, double P99, double Max, double InsideFraction)
{
    /// <summary>The spread of <paramref name="values"/> (sorted in a copy; the input is not changed).</summary>
    /// <exception cref="ArgumentException">There are no values, or one is NaN.</exception>
    public static ValueSpread Of(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty) throw new ArgumentException("A value spread needs at least one value.", nameof(values));
        var sorted = values.ToArray();
        Array.Sort(sorted);
        if (float.IsNaN(sorted[^1]) || float.IsNaN(sorted[0])) throw new ArgumentException("The values contain NaN.", nameof(values));
        int inside = 0;
        while (inside < sorted.Length && sorted[inside] < 0) inside++;
        return new ValueSpread(sorted[0], Percentile(sorted, 0.01), Percentile(sorted, 0.99), sorted[^1], (double)inside / sorted.Length);
    }

    /// <summary>The nearest-rank percentile: the smallest value with at least a share <paramref name="p"/> of values at or below it.</summary>
    private static double Percentile(float[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>"[min, max], 1-99%: [p01, p99], inside x%".</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"[{Min:F3}, {Max:F3}], 1-99%: [{P01:F3}, {P99:F3}], inside {100 * InsideFraction:F1}%");
}
