using System.Numerics;

namespace SdfLearn.Sdf.Geometry;

/// <summary>The result of a closest-point query on a mesh.</summary>
/// <param name="Point">The closest point of the surface.</param>
/// <param name="Triangle">The index of the triangle it lies on (in the mesh's order).</param>
/// <param name="Distance">The distance from the query point to <paramref name="Point"/>.</param>
public readonly record struct ClosestPoint(Vector3 Point, int Triangle, float Distance);
