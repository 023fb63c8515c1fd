namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// A signed distance function evaluated on many points at once: <paramref name="points"/> holds x, y, z for each point
/// (3·N floats) and <paramref name="values"/> receives the N signed distances, negative inside. Batches let a neural
/// decoder evaluate many points per call. Mesh extraction and rendering may call it from several threads at once
/// (on disjoint buffers), so an implementation must be thread-safe.
/// </summary>
public delegate void SignedDistanceBatch(ReadOnlySpan<float> points, Span<float> values);
