using System.Numerics;
using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Renders the zero level set of a <see cref="SignedDistanceBatch"/> by sphere tracing: every pixel's ray advances by
/// the field's value until it falls below a tolerance (a negative value counts: the ray crossed the surface); all live rays step in lock-step, so each step is one batch call
/// (a neural decoder evaluates many points at once). Normals come from a <see cref="GradientBatch"/> (central
/// differences of the field by default; pass <see cref="DecoderField.GradientOf{T}"/> for a decoder's exact ∇f, as
/// <see cref="MeshFit.Gradient"/> does), shaded Lambert plus ambient.
/// </summary>
public static class SphereTracer
{
    /// <summary>Renders <paramref name="sdf"/> within <paramref name="bounds"/> (rays start where they enter the box and stop where they leave it).</summary>
    public static RgbImage Render(SignedDistanceBatch sdf, BoundingBox bounds, Camera camera, SphereTracingOptions? options = null, GradientBatch? gradient = null)
    {
        ArgumentNullException.ThrowIfNull(sdf);
        ArgumentNullException.ThrowIfNull(camera);
        options ??= new SphereTracingOptions();
        int width = options.Width, height = options.Height, pixels = width * height;
        var image = new RgbImage(width, height, options.Background);
        var directions = new Vector3[pixels];
        var t = new float[pixels];
        var far = new float[pixels];
        var live = new List<int>(pixels);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = y * width + x;
                directions[i] = camera.RayDirection(x + 0.5f, y + 0.5f, width, height);
                if (Enter(bounds, camera.Eye, directions[i], out t[i], out far[i])) live.Add(i);
            }

        float tolerance = options.HitTolerance * bounds.Diagonal;
        var hits = new List<int>();
        var points = new float[3 * live.Count];
        var values = new float[live.Count];
        for (int step = 0; step < options.MaxSteps && live.Count > 0; step++)
        {
            for (int k = 0; k < live.Count; k++) (camera.Eye + directions[live[k]] * t[live[k]]).CopyTo(points, 3 * k);
            sdf(points.AsSpan(0, 3 * live.Count), values.AsSpan(0, live.Count));
            int kept = 0;
            for (int k = 0; k < live.Count; k++)
            {
                int i = live[k];
                float value = values[k];
                if (value < tolerance) hits.Add(i); // a negative value: the step crossed the surface (or the ray starts inside)
                else if ((t[i] += value * options.StepScale) <= far[i] && float.IsFinite(value)) live[kept++] = i;
            }
            live.RemoveRange(kept, live.Count - kept);
        }
        Shade(image, hits, camera, directions, t, options, gradient ?? CentralDifferences.Of(sdf, 1e-3f * bounds.Diagonal));
        return image;
    }

    private static void Shade(RgbImage image, List<int> hits, Camera camera, Vector3[] directions, float[] t, SphereTracingOptions options, GradientBatch gradient)
    {
        if (hits.Count == 0) return;
        var points = new float[3 * hits.Count];
        var gradients = new float[3 * hits.Count];
        for (int k = 0; k < hits.Count; k++) (camera.Eye + directions[hits[k]] * t[hits[k]]).CopyTo(points, 3 * k);
        gradient(points, gradients);
        var forward = Vector3.Normalize(camera.Target - camera.Eye);
        var right = Vector3.Normalize(Vector3.Cross(forward, camera.Up));
        var up = Vector3.Cross(right, forward);
        var light = Vector3.Normalize(options.LightDirection.X * right + options.LightDirection.Y * up - options.LightDirection.Z * forward);
        var color = options.SurfaceColor;
        for (int k = 0; k < hits.Count; k++)
        {
            var g = new Vector3(gradients.AsSpan(3 * k, 3));
            var normal = g.LengthSquared() > 0 ? Vector3.Normalize(g) : -directions[hits[k]];
            float intensity = options.Ambient + (1 - options.Ambient) * MathF.Max(0, Vector3.Dot(normal, light));
            int i = hits[k];
            image[i % image.Width, i / image.Width] = new Rgb(Channel(color.R, intensity), Channel(color.G, intensity), Channel(color.B, intensity));
        }
    }

    private static byte Channel(byte value, float intensity) => (byte)Math.Clamp(MathF.Round(value * intensity), 0, 255);

    /// <summary>The ray's entry and exit distances through the box (slab test), false when it misses.</summary>
    private static bool Enter(BoundingBox box, Vector3 origin, Vector3 direction, out float near, out float far)
    {
        var inverse = Vector3.One / direction;
        var t0 = (box.Min - origin) * inverse;
        var t1 = (box.Max - origin) * inverse;
        var low = Vector3.Min(t0, t1);
        var high = Vector3.Max(t0, t1);
        near = MathF.Max(0f, MathF.Max(low.X, MathF.Max(low.Y, low.Z)));
        far = MathF.Min(high.X, MathF.Min(high.Y, high.Z));
        return near <= far;
    }
}
