using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Synthetic shape collections for auto-decoders: spheres, boxes, tori, capsules and unions of two of them, with random
/// sizes and placements, each inside the ball of radius 0.9 around the origin.
/// </summary>
public static class RandomShapes
{
    /// <summary><paramref name="count"/> shapes drawn from <paramref name="seed"/>, cycling through the five kinds.</summary>
    public static IReadOnlyList<AnalyticShape> Create(int count, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var shapes = new AnalyticShape[count];
        for (int i = 0; i < count; i++)
        {
            var random = SeededRandom.Derive(seed, (ulong)i);
            shapes[i] = (i % 5) switch
            {
                4 => new ShapeUnion(Primitive(random, random.NextInt(4), 0.5f, Offset(random, 0.3f)),
                    Primitive(random, random.NextInt(4), 0.5f, Offset(random, 0.3f))),
                var kind => Primitive(random, kind, 0.85f, Offset(random, 0.05f)),
            };
        }
        return shapes;
    }

    /// <summary>A primitive of the given kind reaching at most <paramref name="reach"/> from <paramref name="center"/>.</summary>
    private static AnalyticShape Primitive(SeededRandom random, int kind, float reach, Vector3 center)
    {
        float Between(float low, float high) => low + (high - low) * (float)random.NextDouble();
        switch (kind)
        {
            case 0:
                return new Sphere(center, reach * Between(0.5f, 1f));
            case 1:
                var half = new Vector3(Between(0.3f, 0.58f), Between(0.3f, 0.58f), Between(0.3f, 0.58f)) * reach;
                return new Box(center, half);
            case 2:
                float major = reach * Between(0.5f, 0.7f);
                return new Torus(center, major, Math.Min(reach - major, major * Between(0.25f, 0.6f)));
            default:
                float radius = reach * Between(0.2f, 0.4f);
                var axis = Vector3.Normalize(new Vector3(Between(-1, 1), Between(-1, 1), Between(-1, 1)) + new Vector3(0, 0.01f, 0));
                return new Capsule(center - axis * (reach - radius), center + axis * (reach - radius), radius);
        }
    }

    private static Vector3 Offset(SeededRandom random, float size) =>
        new Vector3((float)random.NextDouble() * 2 - 1, (float)random.NextDouble() * 2 - 1, (float)random.NextDouble() * 2 - 1) * size;
}
