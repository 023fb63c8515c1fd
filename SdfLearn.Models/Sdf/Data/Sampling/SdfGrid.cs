namespace SdfLearn.Sdf.Data;

/// <summary>
/// Maps between grid indices and coordinates (pixel (i, j) of an S x S field sits at ((i / S) - 0.5, (j / S) - 0.5),
/// row then column) and reads a field between pixel centres by bilinear interpolation.
/// </summary>
public static class SdfGrid
{
    /// <summary>The coordinate of grid index <paramref name="index"/> on an S-wide axis: index / S - 0.5.</summary>
    public static float Coordinate(int index, int resolution) => (float)index / resolution - 0.5f;

    /// <summary>The largest coordinate of a pixel centre, 0.5 - 1/S: points in [-0.5, this] lie between pixel centres.</summary>
    public static float MaxCoordinate(int resolution) => 0.5f - 1f / resolution;

    /// <summary>
    /// The field at (<paramref name="row"/>, <paramref name="column"/>) in coordinates, interpolated bilinearly
    /// between the four surrounding pixel centres; points beyond the outermost centres take the edge value.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="field"/> is not S x S.</exception>
    public static float Sample(ReadOnlySpan<float> field, int resolution, float row, float column)
    {
        if (field.Length != resolution * resolution)
            throw new ArgumentException($"Field has {field.Length} values; resolution {resolution} needs {resolution * resolution}.", nameof(field));
        float u = Math.Clamp((row + 0.5f) * resolution, 0f, resolution - 1);
        float v = Math.Clamp((column + 0.5f) * resolution, 0f, resolution - 1);
        int i0 = Math.Min((int)u, resolution - 2), j0 = Math.Min((int)v, resolution - 2);
        float a = u - i0, b = v - j0;
        int p = i0 * resolution + j0;
        float top = field[p] + b * (field[p + 1] - field[p]);
        float bottom = field[p + resolution] + b * (field[p + resolution + 1] - field[p + resolution]);
        return top + a * (bottom - top);
    }
}
