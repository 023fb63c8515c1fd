using System.Numerics;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// A uniform scaling followed by a translation, p ↦ p · <see cref="Scale"/> + <see cref="Translation"/>: what maps a
/// mesh into the unit sphere and back. Distances scale by <see cref="Scale"/>, so signed distances map too.
/// </summary>
/// <param name="Scale">The scale factor (positive for the normalisations here; a negative one also mirrors through the origin).</param>
/// <param name="Translation">The translation applied after scaling.</param>
public readonly record struct SimilarityTransform(float Scale, Vector3 Translation)
{
    /// <summary>The identity.</summary>
    public static SimilarityTransform Identity => new(1f, Vector3.Zero);

    /// <summary>The image of <paramref name="point"/>.</summary>
    public Vector3 Apply(Vector3 point) => point * Scale + Translation;

    /// <summary>
    /// The image of the surface normal <paramref name="normal"/>: normals map by the inverse transpose of the linear
    /// part, (1 / scale)·I, so they keep their direction under a positive scale and reverse under a mirroring
    /// (negative) one, then are renormalised (a zero normal stays zero).
    /// </summary>
    public Vector3 ApplyToNormal(Vector3 normal)
    {
        var turned = Scale < 0 ? -normal : normal;
        float length = turned.Length();
        return length > 0 ? turned / length : turned;
    }

    /// <summary>The transform undoing this one.</summary>
    public SimilarityTransform Inverse => new(1f / Scale, -Translation / Scale);

    /// <summary>This transform after <paramref name="first"/>: p ↦ this(first(p)).</summary>
    public SimilarityTransform After(SimilarityTransform first) => new(Scale * first.Scale, first.Translation * Scale + Translation);

    /// <summary>
    /// The transform that moves the centre of <paramref name="mesh"/>'s bounding box to the origin and scales it so that
    /// its farthest vertex lies at distance 1 / (1 + <paramref name="padding"/>) (DeepSDF's normalisation, with a
    /// margin so that the surface stays clear of the unit sphere).
    /// </summary>
    /// <exception cref="ArgumentException">The mesh has no extent (fewer than two distinct vertices).</exception>
    public static SimilarityTransform IntoUnitSphere(TriangleMesh mesh, float padding = 0.03f)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        var center = mesh.Bounds.Center;
        float radius = 0f;
        foreach (var p in mesh.Positions) radius = MathF.Max(radius, Vector3.Distance(p, center));
        if (!(radius > 0f)) throw new ArgumentException("The mesh has no extent: every vertex is at the same place.", nameof(mesh));
        float scale = 1f / (radius * (1f + padding));
        return new SimilarityTransform(scale, -center * scale);
    }
}
