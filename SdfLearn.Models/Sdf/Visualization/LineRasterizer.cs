namespace SdfLearn.Sdf.Visualization;

/// <summary>
/// Draws anti-aliased lines of a given width with round joins and ends: every segment adds, per pixel of a clip
/// rectangle, the share of the pixel it covers (estimated from the distance of the pixel's centre to the segment);
/// a pixel keeps the largest share over all segments, so joints are not painted twice. <see cref="Paint"/> then
/// blends the colour in once.
/// </summary>
internal sealed class LineRasterizer
{
    private readonly float[] _coverage;
    private readonly int _left, _top, _width, _height;

    /// <summary>A rasteriser drawing only inside the rectangle <paramref name="width"/> x <paramref name="height"/> at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    public LineRasterizer(int left, int top, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        (_left, _top, _width, _height) = (left, top, width, height);
        _coverage = new float[width * height];
    }

    /// <summary>Adds the polyline through <paramref name="points"/> (x right, y down, in pixels; a pixel's centre is at +0.5), closed back to its start if <paramref name="closed"/>.</summary>
    public void AddPolyline(IReadOnlyList<(float X, float Y)> points, bool closed, float lineWidth)
    {
        ArgumentNullException.ThrowIfNull(points);
        for (int k = 0; k + 1 < points.Count; k++) AddSegment(points[k], points[k + 1], lineWidth);
        if (closed && points.Count > 2) AddSegment(points[^1], points[0], lineWidth);
        if (points.Count == 1) AddSegment(points[0], points[0], lineWidth);
    }

    /// <summary>Adds the segment from <paramref name="a"/> to <paramref name="b"/>.</summary>
    public void AddSegment((float X, float Y) a, (float X, float Y) b, float lineWidth)
    {
        float half = lineWidth / 2f, reach = half + 1f;
        int x0 = Math.Max(_left, (int)MathF.Floor(MathF.Min(a.X, b.X) - reach));
        int x1 = Math.Min(_left + _width, (int)MathF.Ceiling(MathF.Max(a.X, b.X) + reach));
        int y0 = Math.Max(_top, (int)MathF.Floor(MathF.Min(a.Y, b.Y) - reach));
        int y1 = Math.Min(_top + _height, (int)MathF.Ceiling(MathF.Max(a.Y, b.Y) + reach));
        float dx = b.X - a.X, dy = b.Y - a.Y, lengthSquared = dx * dx + dy * dy;
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                float px = x + 0.5f - a.X, py = y + 0.5f - a.Y;
                float t = lengthSquared > 0 ? Math.Clamp((px * dx + py * dy) / lengthSquared, 0f, 1f) : 0f;
                float ex = px - t * dx, ey = py - t * dy;
                float cover = Math.Clamp(half + 0.5f - MathF.Sqrt(ex * ex + ey * ey), 0f, 1f);
                ref float slot = ref _coverage[(y - _top) * _width + (x - _left)];
                slot = MathF.Max(slot, cover);
            }
        }
    }

    /// <summary>Blends <paramref name="color"/> into <paramref name="image"/> by the coverage gathered so far.</summary>
    public void Paint(RgbImage image, Rgb color)
    {
        ArgumentNullException.ThrowIfNull(image);
        for (int y = 0; y < _height; y++)
            for (int x = 0; x < _width; x++)
                image.Blend(_left + x, _top + y, color, _coverage[y * _width + x]);
    }
}
