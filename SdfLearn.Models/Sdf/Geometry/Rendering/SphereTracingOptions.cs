using System.Numerics;
using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Sdf.Geometry;

/// <summary>Picture size, marching and shading settings of <see cref="SphereTracer"/>.</summary>
public sealed record SphereTracingOptions
{
    /// <summary>Width in pixels.</summary>
    public int Width { get; init; } = 512;

    /// <summary>Height in pixels.</summary>
    public int Height { get; init; } = 512;

    /// <summary>The most steps a ray takes.</summary>
    public int MaxSteps { get; init; } = 160;

    /// <summary>A ray hits when |f| falls below this fraction of the box diagonal.</summary>
    public float HitTolerance { get; init; } = 2e-4f;

    /// <summary>Each step advances this fraction of f: below 1 for learnt fields, which are not exact distances.</summary>
    public float StepScale { get; init; } = 0.9f;

    /// <summary>The surface's colour under full light.</summary>
    public Rgb SurfaceColor { get; init; } = new(214, 170, 120);

    /// <summary>The colour where no surface is hit.</summary>
    public Rgb Background { get; init; } = Rgb.White;

    /// <summary>The share of light that reaches every point (the rest is Lambertian).</summary>
    public float Ambient { get; init; } = 0.25f;

    /// <summary>The direction towards the light in camera space (x right, y up, z towards the viewer).</summary>
    public Vector3 LightDirection { get; init; } = new(-0.4f, 0.7f, 0.6f);
}
