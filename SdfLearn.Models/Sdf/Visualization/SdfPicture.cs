namespace SdfLearn.Sdf.Visualization;

/// <summary>
/// Draws one signed distance field: each grid sample as a square a few screen pixels wide coloured by a
/// <see cref="DivergingColorMap"/>, with the zero level set (from <see cref="MarchingSquares"/>) as a dark
/// anti-aliased line.
/// </summary>
public static class SdfPicture
{
    private static readonly Rgb ContourColor = new(20, 20, 20);

    /// <summary>
    /// Draws the field into <paramref name="image"/> as a square of <paramref name="size"/> pixels with its top-left
    /// corner at (<paramref name="left"/>, <paramref name="top"/>); the part outside the picture is skipped.
    /// </summary>
    /// <exception cref="ArgumentException">The field is not resolution x resolution.</exception>
    public static void Draw(RgbImage image, ReadOnlySpan<float> field, int resolution, int left, int top, int size, DivergingColorMap colors)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(colors);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (field.Length != resolution * resolution)
            throw new ArgumentException($"Field has {field.Length} values; resolution {resolution} needs {resolution * resolution}.", nameof(field));
        var pixels = new Rgb[field.Length];
        for (int p = 0; p < pixels.Length; p++) pixels[p] = colors.Map(field[p]);
        image.DrawBlocks(pixels, resolution, resolution, left, top, size);

        float cell = size / (float)resolution;
        var pen = new LineRasterizer(left, top, size, size);
        foreach (var line in MarchingSquares.Trace(field, resolution, resolution))
        {
            var points = line.Points.Select(p => (left + (p.Column + 0.5f) * cell, top + (p.Row + 0.5f) * cell)).ToArray();
            pen.AddPolyline(points, line.Closed, Math.Max(1.2f, cell * 0.35f));
        }
        pen.Paint(image, ContourColor);
    }

    /// <summary>One field as a picture, <paramref name="pixelScale"/> screen pixels per grid sample.</summary>
    public static RgbImage Render(ReadOnlySpan<float> field, int resolution, int pixelScale = 4, DivergingColorMap? colors = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resolution);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelScale);
        int size = resolution * pixelScale;
        var image = new RgbImage(size, size);
        Draw(image, field, resolution, 0, 0, size, colors ?? new DivergingColorMap());
        return image;
    }

    /// <summary>Saves one field as a PNG, <paramref name="pixelScale"/> screen pixels per grid sample.</summary>
    public static void SavePng(string path, ReadOnlySpan<float> field, int resolution, int pixelScale = 4, DivergingColorMap? colors = null) =>
        Render(field, resolution, pixelScale, colors).SavePng(path);
}
