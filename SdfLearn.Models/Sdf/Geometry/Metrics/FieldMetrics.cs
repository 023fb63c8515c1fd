using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Sdf.Geometry;

/// <summary>Measures of a learnt field itself, rather than of a mesh extracted from it.</summary>
public static class FieldMetrics
{
    /// <summary>
    /// The mean ||∇f| − 1| of <paramref name="gradient"/> at <paramref name="count"/> points drawn uniformly from the
    /// cube [-1, 1]³ with <paramref name="seed"/>: 0 for a true signed distance.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    public static double EikonalResidual(GradientBatch gradient, int count = 65536, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var points = new float[3 * count];
        new SeededRandom(seed).FillUniform<float>(points, -1f, 1f);
        var gradients = new float[3 * count];
        gradient(points, gradients);
        double sum = 0;
        for (int i = 0; i < count; i++) sum += Math.Abs(new Vector3(gradients.AsSpan(3 * i, 3)).Length() - 1);
        return sum / count;
    }
}
