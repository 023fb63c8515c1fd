using SdfLearn.Sdf.Geometry;

namespace SdfLearn.Tests.Sdf.Geometry;

/// <summary>Mesh checks shared by the geometry tests.</summary>
internal static class MeshTopology
{
    /// <summary>Whether every undirected edge is used by exactly two triangles, once in each direction (closed and consistently oriented).</summary>
    public static bool IsClosedAndOriented(TriangleMesh mesh)
    {
        var directed = new Dictionary<(int, int), int>();
        var idx = mesh.Indices;
        for (int t = 0; t < idx.Length; t += 3)
            for (int k = 0; k < 3; k++)
            {
                var edge = (idx[t + k], idx[t + (k + 1) % 3]);
                directed[edge] = directed.GetValueOrDefault(edge) + 1;
            }
        foreach (var ((a, b), count) in directed)
            if (count != 1 || directed.GetValueOrDefault((b, a)) != 1) return false;
        return true;
    }

    /// <summary>The signed volume of triangles [<paramref name="firstTriangle"/>, + <paramref name="triangles"/>): positive for a closed surface facing out.</summary>
    public static double SignedVolume(TriangleMesh mesh, int firstTriangle, int triangles)
    {
        double volume = 0;
        for (int t = firstTriangle; t < firstTriangle + triangles; t++)
        {
            var (a, b, c) = mesh.Triangle(t);
            volume += System.Numerics.Vector3.Dot(a, System.Numerics.Vector3.Cross(b, c)) / 6.0;
        }
        return volume;
    }
}
