namespace SdfLearn.Sdf.Geometry;

/// <summary>Gradients of a <see cref="SignedDistanceBatch"/> by central differences, all six offsets of every point in one batch call.</summary>
public static class CentralDifferences
{
    /// <summary>The gradient of <paramref name="sdf"/> by central differences with step <paramref name="step"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The step is not positive.</exception>
    public static GradientBatch Of(SignedDistanceBatch sdf, float step = 1e-3f)
    {
        ArgumentNullException.ThrowIfNull(sdf);
        if (!(step > 0)) throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive.");
        return (points, gradients) =>
        {
            int count = points.Length / 3;
            var probes = new float[count * 18];
            var values = new float[count * 6];
            for (int i = 0; i < count; i++)
            {
                for (int k = 0; k < 6; k++)
                {
                    var probe = probes.AsSpan((i * 6 + k) * 3, 3);
                    points.Slice(3 * i, 3).CopyTo(probe);
                    probe[k >> 1] += (k & 1) == 0 ? step : -step;
                }
            }
            sdf(probes, values);
            float scale = 0.5f / step;
            for (int i = 0; i < count; i++)
                for (int axis = 0; axis < 3; axis++)
                    gradients[3 * i + axis] = (values[6 * i + 2 * axis] - values[6 * i + 2 * axis + 1]) * scale;
        };
    }
}
