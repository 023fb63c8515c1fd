using System.Globalization;

namespace SdfLearn.Sdf.Data;

/// <summary>
/// How digits become signed distance fields (the MNISTSDF convention of docs/reference.md by default): resize to
/// <see cref="Resolution"/> squared, inside = intensity &gt;= <see cref="Threshold"/>,
/// sdf = <see cref="Scale"/> x (distance to nearest inside pixel - distance to nearest outside pixel) / <see cref="Resolution"/>,
/// then clamped to [-<see cref="Truncation"/>, <see cref="Truncation"/>] when a truncation is set (DeepSDF's clamp).
/// </summary>
public sealed record SdfOptions
{
    /// <summary>Side S of the square output grid (default 64).</summary>
    public int Resolution { get; init; } = 64;

    /// <summary>Intensity in (0, 1] at or above which a resized pixel is inside (default 0.5).</summary>
    public float Threshold { get; init; } = 0.5f;

    /// <summary>Factor applied after dividing by the resolution (default 1: the grid spans one unit).</summary>
    public float Scale { get; init; } = 1f;

    /// <summary>If set, values are clamped to [-Truncation, Truncation] (DeepSDF's clamp); null = no clamp.</summary>
    public float? Truncation { get; init; }

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message names it).</exception>
    public void Validate()
    {
        if (Resolution is < 2 or > 4096)
            throw new ArgumentOutOfRangeException(nameof(Resolution), Resolution, "Resolution must be in [2, 4096].");
        if (!(Threshold > 0f && Threshold <= 1f))
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "Threshold must be in (0, 1].");
        if (!(Scale > 0f && float.IsFinite(Scale)))
            throw new ArgumentOutOfRangeException(nameof(Scale), Scale, "Scale must be positive and finite.");
        if (Truncation is { } t && !(t > 0f && float.IsFinite(t)))
            throw new ArgumentOutOfRangeException(nameof(Truncation), t, "Truncation must be positive and finite (or null for none).");
    }

    /// <summary>A stable text naming every option, used in cache keys.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture,
        $"S={Resolution};threshold={Threshold:R};scale={Scale:R};truncation={(Truncation is { } t ? t.ToString("R", CultureInfo.InvariantCulture) : "none")}");
}
