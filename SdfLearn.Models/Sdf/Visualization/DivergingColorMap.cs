namespace SdfLearn.Sdf.Visualization;

/// <summary>
/// A diverging colour map for signed distances: negative (inside) in blues, positive (outside) in reds, zero in
/// white, saturating at +-<see cref="Limit"/>. Each side runs white -> light -> dark (ColorBrewer RdBu hues) with
/// t = sqrt(|value| / Limit), so the eye reads distance from the surface as depth of colour.
/// </summary>
public sealed class DivergingColorMap
{
    private static readonly Rgb InsideLight = new(146, 197, 222), InsideDark = new(33, 102, 172);
    private static readonly Rgb OutsideLight = new(244, 165, 130), OutsideDark = new(178, 24, 43);

    /// <summary>Creates a map saturating at +-<paramref name="limit"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive and finite.</exception>
    public DivergingColorMap(float limit = 0.5f)
    {
        if (!(limit > 0f && float.IsFinite(limit)))
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The colour limit must be positive and finite.");
        Limit = limit;
    }

    /// <summary>The absolute value at which colours saturate.</summary>
    public float Limit { get; }

    /// <summary>The colour of <paramref name="value"/> (NaN is drawn grey).</summary>
    public Rgb Map(float value)
    {
        if (float.IsNaN(value)) return new Rgb(128, 128, 128);
        // Square root: thin strokes have small inside values, which a linear ramp would leave almost white.
        float t = MathF.Sqrt(Math.Min(Math.Abs(value) / Limit, 1f));
        var (light, dark) = value < 0 ? (InsideLight, InsideDark) : (OutsideLight, OutsideDark);
        return t < 0.5f ? Blend(Rgb.White, light, 2 * t) : Blend(light, dark, 2 * t - 1);
    }

    private static Rgb Blend(Rgb a, Rgb b, float t) => new(
        (byte)MathF.Round(a.R + (b.R - a.R) * t),
        (byte)MathF.Round(a.G + (b.G - a.G) * t),
        (byte)MathF.Round(a.B + (b.B - a.B) * t));
}
