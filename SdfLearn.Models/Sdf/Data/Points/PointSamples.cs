using SdfLearn.Core;

namespace SdfLearn.Sdf.Data;

/// <summary>
/// Shapes given as sampled points in memory: for each of N shapes, P points with d coordinates each (any d: 2 for
/// outlines, 3 for surfaces), the signed distance at each point and, optionally, the surface normal there. Serve it
/// with <see cref="PointSampleLoader"/>.
/// </summary>
public sealed class PointSamples
{
    /// <summary>Takes the tensors as they are (not copied).</summary>
    /// <param name="coordinates">Point coordinates, [N, P, d].</param>
    /// <param name="values">Signed distances, [N, P].</param>
    /// <param name="normals">Normals, [N, P, d], or null.</param>
    /// <exception cref="ArgumentException">The shapes do not agree (the message gives them).</exception>
    public PointSamples(Tensor<float> coordinates, Tensor<float> values, Tensor<float>? normals = null)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        ArgumentNullException.ThrowIfNull(values);
        if (coordinates.Shape.Rank != 3 || coordinates.Shape[0] < 1 || coordinates.Shape[1] < 1 || coordinates.Shape[2] < 1)
            throw new ArgumentException($"Coordinates must be [N, P, d] with every size at least 1; got {coordinates.Shape}.", nameof(coordinates));
        if (values.Shape.Rank != 2 || values.Shape[0] != coordinates.Shape[0] || values.Shape[1] != coordinates.Shape[1])
            throw new ArgumentException($"Values must be [N, P] = [{coordinates.Shape[0]}, {coordinates.Shape[1]}] to match the coordinates; got {values.Shape}.", nameof(values));
        if (normals is not null && !normals.Shape.Dims.SequenceEqual(coordinates.Shape.Dims))
            throw new ArgumentException($"Normals must have the coordinates' shape {coordinates.Shape}; got {normals.Shape}.", nameof(normals));
        (Coordinates, Values, Normals) = (coordinates, values, normals);
    }

    /// <summary>Point coordinates, [N, P, d].</summary>
    public Tensor<float> Coordinates { get; }

    /// <summary>Signed distances, [N, P].</summary>
    public Tensor<float> Values { get; }

    /// <summary>Surface normals, [N, P, d], or null.</summary>
    public Tensor<float>? Normals { get; }

    /// <summary>Number of shapes N.</summary>
    public int Count => Coordinates.Shape[0];

    /// <summary>Points per shape P.</summary>
    public int PointsPerShape => Coordinates.Shape[1];

    /// <summary>Coordinates per point d.</summary>
    public int Dimensions => Coordinates.Shape[2];
}
