namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// The gradient ∇f of a signed distance function on many points at once: <paramref name="points"/> holds x, y, z for
/// each point and <paramref name="gradients"/> receives ∂f/∂x, ∂f/∂y, ∂f/∂z for each (3·N floats each).
/// </summary>
public delegate void GradientBatch(ReadOnlySpan<float> points, Span<float> gradients);
