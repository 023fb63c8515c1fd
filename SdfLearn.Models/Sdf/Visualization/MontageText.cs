using SkiaSharp;

namespace SdfLearn.Sdf.Visualization;

/// <summary>Chooses a font for labels: a common sans-serif family if installed, else Skia's default.</summary>
internal static class MontageText
{
    private static readonly Lazy<SKTypeface> Typeface = new(Choose);

    public static SKFont Font(float size) => new(Typeface.Value, size) { Edging = SKFontEdging.Antialias };

    private static SKTypeface Choose()
    {
        foreach (var family in new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI", "Noto Sans" })
        {
            var typeface = SKFontManager.Default.MatchFamily(family);
            if (typeface is not null) return typeface;
        }
        return SKTypeface.Default;
    }
}
