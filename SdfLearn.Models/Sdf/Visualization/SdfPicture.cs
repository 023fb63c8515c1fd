using SkiaSharp;

namespace SdfLearn.Sdf.Visualization;

/// <summary>
/// Draws one signed distance field: each grid sample as a square a few screen pixels wide coloured by a
/// <see cref="DivergingColorMap"/>, with the zero level set (from <see cref="MarchingSquares"/>) as a dark line.
/// </summary>
public static class SdfPicture
{
    private static readonly SKColor ContourColor = new(20, 20, 20);

    /// <summary>Draws the field into <paramref name="canvas"/> with its top-left corner at (<paramref name="left"/>, <paramref name="top"/>), <paramref name="size"/> pixels wide.</summary>
    /// <exception cref="ArgumentException">The field is not resolution x resolution.</exception>
    public static void Draw(SKCanvas canvas, ReadOnlySpan<float> field, int resolution, float left, float top, float size, DivergingColorMap colors)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(colors);
        if (field.Length != resolution * resolution)
            throw new ArgumentException($"Field has {field.Length} values; resolution {resolution} needs {resolution * resolution}.", nameof(field));
        using var bitmap = new SKBitmap(resolution, resolution, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (int i = 0; i < resolution; i++)
            for (int j = 0; j < resolution; j++)
                bitmap.SetPixel(j, i, colors.Map(field[i * resolution + j]));
        using var image = SKImage.FromBitmap(bitmap);
        float cell = size / resolution;
        canvas.DrawImage(image, SKRect.Create(left, top, size, size), new SKSamplingOptions(SKFilterMode.Nearest));

        using var pen = new SKPaint { Color = ContourColor, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = Math.Max(1.2f, cell * 0.35f), StrokeJoin = SKStrokeJoin.Round };
        using var path = new SKPath();
        foreach (var line in MarchingSquares.Trace(field, resolution, resolution))
        {
            for (int k = 0; k < line.Points.Count; k++)
            {
                var (row, column) = line.Points[k];
                float x = left + (column + 0.5f) * cell, y = top + (row + 0.5f) * cell;
                if (k == 0) path.MoveTo(x, y);
                else path.LineTo(x, y);
            }
            if (line.Closed) path.Close();
        }
        canvas.DrawPath(path, pen);
    }

    /// <summary>Saves one field as a PNG, <paramref name="pixelScale"/> screen pixels per grid sample.</summary>
    public static void SavePng(string path, ReadOnlySpan<float> field, int resolution, int pixelScale = 4, DivergingColorMap? colors = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelScale);
        int size = resolution * pixelScale;
        using var surface = SKSurface.Create(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        Draw(surface.Canvas, field, resolution, 0, 0, size, colors ?? new DivergingColorMap());
        using var image = surface.Snapshot();
        PngFile.Save(image, path);
    }
}
