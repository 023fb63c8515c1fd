using SdfLearn.Core;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Sdf.Reconstruction;

/// <summary>
/// Points on a 2D surface (a curve) with their outward unit normals, in the grid's coordinates (row, column) in
/// [-0.5, 0.5) (see <see cref="SdfGrid"/>): the input of <see cref="PointFit"/>.
/// </summary>
/// <param name="Points">The points [N, 2].</param>
/// <param name="Normals">Unit normals [N, 2], pointing where the field grows (outwards).</param>
public sealed record SurfacePoints(Tensor<float> Points, Tensor<float> Normals)
{
    /// <summary>The number of points.</summary>
    public int Count => Points.Shape[0];

    /// <summary>
    /// The vertices of the zero contour of an S × S field (<see cref="MarchingSquares"/>: one per crossed cell edge, so
    /// about one per pixel of outline), each with the normal of its polyline (perpendicular to the chord through its two
    /// neighbours), turned towards where the field grows.
    /// </summary>
    /// <exception cref="ArgumentException">The field is not S × S or has no zero contour.</exception>
    public static SurfacePoints FromField(ReadOnlySpan<float> field, int resolution)
    {
        var points = new List<(float Row, float Column)>();
        var normals = new List<(float Row, float Column)>();
        float step = 0.5f / resolution;
        foreach (var line in MarchingSquares.Trace(field, resolution, resolution))
        {
            var vertices = line.Points.Select(p => (Row: p.Row / resolution - 0.5f, Column: p.Column / resolution - 0.5f)).ToList();
            if (line.Closed && vertices.Count > 1 && vertices[0] == vertices[^1]) vertices.RemoveAt(vertices.Count - 1);
            int n = vertices.Count;
            for (int k = 0; k < n; k++)
            {
                var previous = vertices[line.Closed ? (k + n - 1) % n : Math.Max(k - 1, 0)];
                var next = vertices[line.Closed ? (k + 1) % n : Math.Min(k + 1, n - 1)];
                float tr = next.Row - previous.Row, tc = next.Column - previous.Column, length = MathF.Sqrt(tr * tr + tc * tc);
                if (length == 0) continue;
                var (p, nr, nc) = (vertices[k], tc / length, -tr / length);
                float outside = SdfGrid.Sample(field, resolution, p.Row + step * nr, p.Column + step * nc);
                float inside = SdfGrid.Sample(field, resolution, p.Row - step * nr, p.Column - step * nc);
                if (outside < inside) (nr, nc) = (-nr, -nc);
                points.Add(p);
                normals.Add((nr, nc));
            }
        }
        if (points.Count == 0) throw new ArgumentException("The field has no zero contour to sample points from.", nameof(field));
        return new SurfacePoints(ToTensor(points), ToTensor(normals));
    }

    private static Tensor<float> ToTensor(List<(float Row, float Column)> pairs)
    {
        var tensor = new Tensor<float>(new Shape(pairs.Count, 2));
        for (int i = 0; i < pairs.Count; i++) (tensor.Span[2 * i], tensor.Span[2 * i + 1]) = pairs[i];
        return tensor;
    }
}
