using System.Numerics;

namespace SdfLearn.Sdf.Geometry;

/// <summary>A pinhole camera at <paramref name="Eye"/> looking at <paramref name="Target"/>, <paramref name="Up"/> pointing up in the picture.</summary>
/// <param name="Eye">The centre of projection.</param>
/// <param name="Target">The point seen at the picture's centre.</param>
/// <param name="Up">Roughly the picture's upward direction (made orthogonal to the view direction).</param>
/// <param name="FieldOfViewDegrees">The vertical field of view.</param>
public sealed record Camera(Vector3 Eye, Vector3 Target, Vector3 Up, float FieldOfViewDegrees = 35f)
{
    /// <summary>
    /// A camera circling the ball of <paramref name="radius"/> around <paramref name="center"/> (e.g. the unit sphere a
    /// normalised shape lies in), <paramref name="azimuthDegrees"/> around the y axis (0: looking along -z) and
    /// <paramref name="elevationDegrees"/> above the xz plane, just far enough for the whole ball to fit.
    /// </summary>
    public static Camera Orbit(Vector3 center, float radius, float azimuthDegrees = 30f, float elevationDegrees = 20f, float fieldOfViewDegrees = 35f)
    {
        float azimuth = azimuthDegrees * MathF.PI / 180f, elevation = elevationDegrees * MathF.PI / 180f;
        var direction = new Vector3(MathF.Cos(elevation) * MathF.Sin(azimuth), MathF.Sin(elevation), MathF.Cos(elevation) * MathF.Cos(azimuth));
        float distance = radius / MathF.Sin(0.5f * fieldOfViewDegrees * MathF.PI / 180f);
        return new Camera(center + direction * distance, center, Vector3.UnitY, fieldOfViewDegrees);
    }

    /// <summary>The unit direction of the ray through pixel (<paramref name="x"/>, <paramref name="y"/>) (centres at +0.5) of a <paramref name="width"/> x <paramref name="height"/> picture.</summary>
    public Vector3 RayDirection(float x, float y, int width, int height)
    {
        var forward = Vector3.Normalize(Target - Eye);
        var right = Vector3.Normalize(Vector3.Cross(forward, Up));
        var up = Vector3.Cross(right, forward);
        float halfHeight = MathF.Tan(0.5f * FieldOfViewDegrees * MathF.PI / 180f);
        float u = (2f * x / width - 1f) * halfHeight * width / height, v = (1f - 2f * y / height) * halfHeight;
        return Vector3.Normalize(forward + u * right + v * up);
    }
}
