namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// The gradient ∇f of a signed distance function on many points at once: <paramref name="points"/> holds x, y, z for
/// each point and <paramref name="gradients"/> receives ∂f/∂x, ∂f/∂y, ∂f/∂z for each (3·N floats each).
/// <see cref="VertexNormals.FromField"/> calls it from several threads at once (on disjoint buffers), like marching
/// cubes calls a <see cref="SignedDistanceBatch"/>, so an implementation given there must be thread-safe.
/// </summary>
public delegate void GradientBatch(ReadOnlySpan<float> points, Span<float> gradients);
