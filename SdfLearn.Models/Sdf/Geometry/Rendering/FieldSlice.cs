using System.Numerics;
using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// A picture of a field on an axis-aligned plane through a box: blue inside, orange outside, deeper with |f|, faint
/// bands every tenth of the box's half-diagonal, and the zero contour as an anti-aliased dark line.
/// </summary>
public static class FieldSlice
{
    private static readonly Rgb Inside = new(60, 110, 200);
    private static readonly Rgb Outside = new(230, 140, 60);
    private static readonly Rgb Contour = new(20, 20, 20);

    /// <summary>
    /// Renders <paramref name="sdf"/> on the plane where coordinate <paramref name="axis"/> (0 x, 1 y, 2 z) equals
    /// <paramref name="position"/>, over <paramref name="bounds"/>' extent in the other two axes, <paramref name="size"/> pixels
    /// along the longer one. The picture's right is the next axis after <paramref name="axis"/>, its up the one after that.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is not 0, 1 or 2, or the size is below 2.</exception>
    public static RgbImage Render(SignedDistanceBatch sdf, BoundingBox bounds, int axis, float position, int size = 384)
    {
        ArgumentNullException.ThrowIfNull(sdf);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)axis, 2u, nameof(axis));
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        int u = (axis + 1) % 3, v = (axis + 2) % 3;
        float extentU = bounds.Size[u], extentV = bounds.Size[v];
        float pixel = MathF.Max(extentU, extentV) / size;
        int width = Math.Max(2, (int)MathF.Round(extentU / pixel)), height = Math.Max(2, (int)MathF.Round(extentV / pixel));
        var points = new float[3 * width * height];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                var p = Vector3.Zero;
                p[axis] = position;
                p[u] = bounds.Min[u] + (x + 0.5f) * pixel;
                p[v] = bounds.Max[v] - (y + 0.5f) * pixel;
                p.CopyTo(points, 3 * (y * width + x));
            }
        var values = new float[width * height];
        sdf(points, values);

        float scale = 0.5f * bounds.Diagonal;
        var image = new RgbImage(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                float f = values[y * width + x];
                float depth = MathF.Min(1f, MathF.Abs(f) / scale);
                float band = 0.85f + 0.15f * MathF.Cos(2 * MathF.PI * 10f * f / scale);
                var tint = f < 0 ? Inside : Outside;
                float strength = (0.35f + 0.65f * MathF.Sqrt(depth)) * band;
                image[x, y] = new Rgb(Mix(255, tint.R, strength), Mix(255, tint.G, strength), Mix(255, tint.B, strength));
            }
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                float f = values[y * width + x];
                float gx = values[y * width + Math.Min(x + 1, width - 1)] - values[y * width + Math.Max(x - 1, 0)];
                float gy = values[Math.Min(y + 1, height - 1) * width + x] - values[Math.Max(y - 1, 0) * width + x];
                float slope = 0.5f * MathF.Sqrt(gx * gx + gy * gy);
                if (slope > 0) image.Blend(x, y, Contour, 1.5f - MathF.Abs(f) / slope);
            }
        return image;
    }

    private static byte Mix(byte from, byte to, float amount) => (byte)Math.Clamp(MathF.Round(from + (to - from) * amount), 0, 255);
}
