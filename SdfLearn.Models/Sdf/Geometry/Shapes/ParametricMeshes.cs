using System.Numerics;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Triangle meshes of analytic shapes with every vertex exactly on the surface (outward, counter-clockwise triangles):
/// reference meshes for tests and metrics.
/// </summary>
public static class ParametricMeshes
{
    /// <summary>A UV sphere: <paramref name="stacks"/> bands from pole to pole (the y axis), <paramref name="slices"/> around it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 stacks or 3 slices.</exception>
    public static TriangleMesh Sphere(Sphere sphere, int stacks = 32, int slices = 64)
    {
        ArgumentNullException.ThrowIfNull(sphere);
        ArgumentOutOfRangeException.ThrowIfLessThan(stacks, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(slices, 3);
        var positions = new List<Vector3> { sphere.Center + new Vector3(0, sphere.Radius, 0) };
        for (int i = 1; i < stacks; i++)
        {
            float theta = MathF.PI * i / stacks;
            for (int j = 0; j < slices; j++)
            {
                float phi = 2 * MathF.PI * j / slices;
                positions.Add(sphere.Center + sphere.Radius * new Vector3(MathF.Sin(theta) * MathF.Cos(phi), MathF.Cos(theta), MathF.Sin(theta) * MathF.Sin(phi)));
            }
        }
        int bottom = positions.Count;
        positions.Add(sphere.Center - new Vector3(0, sphere.Radius, 0));
        int Ring(int i, int j) => 1 + (i - 1) * slices + j % slices;
        var indices = new List<int>();
        for (int j = 0; j < slices; j++)
        {
            indices.AddRange([0, Ring(1, j + 1), Ring(1, j)]);
            indices.AddRange([Ring(stacks - 1, j), Ring(stacks - 1, j + 1), bottom]);
            for (int i = 1; i + 1 < stacks; i++)
            {
                indices.AddRange([Ring(i, j), Ring(i, j + 1), Ring(i + 1, j)]);
                indices.AddRange([Ring(i, j + 1), Ring(i + 1, j + 1), Ring(i + 1, j)]);
            }
        }
        return new TriangleMesh([.. positions], [.. indices]);
    }

    /// <summary>A torus mesh: <paramref name="segments"/> steps around the y axis, <paramref name="sides"/> around the tube.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 3 segments or sides.</exception>
    public static TriangleMesh Torus(Torus torus, int segments = 96, int sides = 48)
    {
        ArgumentNullException.ThrowIfNull(torus);
        ArgumentOutOfRangeException.ThrowIfLessThan(segments, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(sides, 3);
        var positions = new Vector3[segments * sides];
        for (int i = 0; i < segments; i++)
        {
            float u = 2 * MathF.PI * i / segments;
            for (int j = 0; j < sides; j++)
            {
                float v = 2 * MathF.PI * j / sides;
                float ring = torus.MajorRadius + torus.MinorRadius * MathF.Cos(v);
                positions[i * sides + j] = torus.Center + new Vector3(ring * MathF.Cos(u), torus.MinorRadius * MathF.Sin(v), ring * MathF.Sin(u));
            }
        }
        int At(int i, int j) => i % segments * sides + j % sides;
        var indices = new List<int>();
        for (int i = 0; i < segments; i++)
        {
            for (int j = 0; j < sides; j++)
            {
                indices.AddRange([At(i, j), At(i, j + 1), At(i + 1, j + 1)]);
                indices.AddRange([At(i, j), At(i + 1, j + 1), At(i + 1, j)]);
            }
        }
        return new TriangleMesh(positions, [.. indices]);
    }

    /// <summary>The 12 triangles of a box.</summary>
    public static TriangleMesh Box(Box box)
    {
        ArgumentNullException.ThrowIfNull(box);
        var positions = new Vector3[8];
        for (int corner = 0; corner < 8; corner++)
        {
            var sign = new Vector3((corner & 1) != 0 ? 1 : -1, (corner & 2) != 0 ? 1 : -1, (corner & 4) != 0 ? 1 : -1);
            positions[corner] = box.Center + sign * box.HalfSize;
        }
        int[] indices =
        [
            0, 4, 6, 0, 6, 2, // -x
            1, 3, 7, 1, 7, 5, // +x
            0, 1, 5, 0, 5, 4, // -y
            2, 6, 7, 2, 7, 3, // +y
            0, 2, 3, 0, 3, 1, // -z
            4, 5, 7, 4, 7, 6, // +z
        ];
        return new TriangleMesh(positions, indices);
    }
}
