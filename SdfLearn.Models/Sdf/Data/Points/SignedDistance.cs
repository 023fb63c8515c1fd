namespace SdfLearn.Sdf.Data;

/// <summary>A shape as its signed distance function: the distance from <paramref name="point"/> to the surface, negative inside.</summary>
/// <param name="point">The d coordinates of a point.</param>
public delegate float SignedDistance(ReadOnlySpan<float> point);
