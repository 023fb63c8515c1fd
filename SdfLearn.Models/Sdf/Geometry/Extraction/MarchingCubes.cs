using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Extracts the zero level set of a <see cref="SignedDistanceBatch"/> as a triangle mesh: marching cubes over a grid
/// of resolution³ cells spanning a box, evaluated and meshed in slabs of cell layers on up to
/// <see cref="ComputeThreads.MaxThreads"/> threads. Ambiguous faces are resolved by the asymptotic decider (the
/// bilinear saddle's sign), the same way from both cubes sharing them, so a surface that stays inside the box gives a
/// closed mesh: every edge in exactly two triangles. Vertices are numbered in cell order, so the output depends only on
/// the field and the grid, not on the thread count. Triangles face outward (towards positive values).
/// </summary>
public static class MarchingCubes
{
    private const int LayersPerChunk = 8;

    /// <summary>Meshes the surface <paramref name="sdf"/> = <paramref name="level"/> inside <paramref name="bounds"/>, <paramref name="resolution"/> cells along each axis.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The resolution is below 1 or above 2048, or the box is empty.</exception>
    public static TriangleMesh Extract(SignedDistanceBatch sdf, BoundingBox bounds, int resolution, float level = 0f)
    {
        ArgumentNullException.ThrowIfNull(sdf);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(resolution, 2048);
        if (!(bounds.Size.X > 0 && bounds.Size.Y > 0 && bounds.Size.Z > 0))
            throw new ArgumentOutOfRangeException(nameof(bounds), bounds, "The box must have a positive size along every axis.");
        var grid = new Grid(bounds.Min, bounds.Size / resolution, resolution);
        int chunks = (resolution + LayersPerChunk - 1) / LayersPerChunk;
        var slabs = new Slab[chunks];
        ComputeThreads.For(chunks, c => slabs[c] = MeshSlab(sdf, grid, c * LayersPerChunk, Math.Min(resolution, (c + 1) * LayersPerChunk), level));
        return Join(slabs, grid);
    }

    private static Slab MeshSlab(SignedDistanceBatch sdf, Grid grid, int k0, int k1, float level)
    {
        int n = grid.Resolution + 1;
        int layers = k1 - k0 + 1;
        var values = new float[layers * n * n];
        var points = new float[3 * values.Length];
        for (int k = 0; k < layers; k++)
            for (int j = 0; j < n; j++)
                for (int i = 0; i < n; i++)
                {
                    var p = grid.Point(i, j, k0 + k);
                    int at = 3 * ((k * n + j) * n + i);
                    (points[at], points[at + 1], points[at + 2]) = (p.X, p.Y, p.Z);
                }
        sdf(points, values);
        if (level != 0f)
            for (int i = 0; i < values.Length; i++) values[i] -= level;

        var slab = new Slab(k0, k1);
        var local = new Dictionary<long, int>();
        Span<float> corner = stackalloc float[8];
        Span<int> ids = stackalloc int[16];
        for (int k = 0; k < k1 - k0; k++)
            for (int j = 0; j < grid.Resolution; j++)
                for (int i = 0; i < grid.Resolution; i++)
                {
                    int mask = 0;
                    for (int c = 0; c < 8; c++)
                    {
                        corner[c] = values[((k + (c >> 2 & 1)) * n + j + (c >> 1 & 1)) * n + i + (c & 1)];
                        if (corner[c] < 0) mask |= 1 << c;
                    }
                    if (mask is 0 or 255) continue;
                    var cubeCase = CubeCases.Get(mask, ConnectedFaces(mask, corner));
                    for (int e = 0; e < 12; e++) ids[e] = -1;
                    foreach (int id in cubeCase.Triangles)
                    {
                        if (id >= 12 || ids[id] >= 0) continue;
                        var (from, to) = CubeCases.EdgeCorners[id];
                        int axis = id >> 2;
                        long key = grid.EdgeKey(i + (from & 1), j + (from >> 1 & 1), k0 + k + (from >> 2 & 1), axis);
                        if (!local.TryGetValue(key, out int vertex))
                        {
                            float t = corner[from] / (corner[from] - corner[to]);
                            var a = grid.Point(i + (from & 1), j + (from >> 1 & 1), k0 + k + (from >> 2 & 1));
                            var b = grid.Point(i + (to & 1), j + (to >> 1 & 1), k0 + k + (to >> 2 & 1));
                            vertex = slab.AddVertex(a + (b - a) * t, key);
                            local.Add(key, vertex);
                        }
                        ids[id] = vertex;
                    }
                    for (int centre = 0; centre < cubeCase.Centres.Length; centre++)
                    {
                        var sum = Vector3.Zero;
                        foreach (int e in cubeCase.Centres[centre]) sum += slab.Positions[ids[e]];
                        ids[12 + centre] = slab.AddVertex(sum / cubeCase.Centres[centre].Length, -1);
                    }
                    foreach (int id in cubeCase.Triangles) slab.Triangles.Add(ids[id]);
                }
        return slab;
    }

    /// <summary>The asymptotic decider on each ambiguous face: its inside corners join when the bilinear saddle is inside, i.e. when the product of the inside values exceeds that of the outside values.</summary>
    private static int ConnectedFaces(int mask, ReadOnlySpan<float> corner)
    {
        int ambiguous = CubeCases.AmbiguousFaces[mask], connected = 0;
        for (int face = 0; ambiguous != 0; face++, ambiguous >>= 1)
        {
            if ((ambiguous & 1) == 0) continue;
            var q = CubeCases.FaceCorners[face];
            float diagonal = corner[q[0]] * corner[q[2]], other = corner[q[1]] * corner[q[3]];
            float inside = corner[q[0]] < 0 ? diagonal : other, outside = corner[q[0]] < 0 ? other : diagonal;
            if (inside > outside) connected |= 1 << face;
        }
        return connected;
    }

    /// <summary>Numbers the slabs' vertices in slab order, merging each slab's bottom-plane vertices with the previous slab's top plane.</summary>
    private static TriangleMesh Join(Slab[] slabs, Grid grid)
    {
        var positions = new List<Vector3>();
        var indices = new List<int>();
        var previousTop = new Dictionary<long, int>();
        foreach (var slab in slabs)
        {
            var top = new Dictionary<long, int>();
            var global = new int[slab.Positions.Count];
            for (int v = 0; v < global.Length; v++)
            {
                long key = slab.Keys[v];
                int plane = key < 0 ? -1 : grid.PlaneOf(key);
                if (plane == slab.K0 && previousTop.TryGetValue(key, out int shared))
                {
                    global[v] = shared;
                    continue;
                }
                global[v] = positions.Count;
                positions.Add(slab.Positions[v]);
                if (plane == slab.K1) top.Add(key, global[v]);
            }
            foreach (int v in slab.Triangles) indices.Add(global[v]);
            previousTop = top;
        }
        return new TriangleMesh([.. positions], [.. indices]);
    }

    private readonly record struct Grid(Vector3 Origin, Vector3 Step, int Resolution)
    {
        public Vector3 Point(int i, int j, int k) => Origin + new Vector3(i, j, k) * Step;

        public long EdgeKey(int i, int j, int k, int axis) => (((long)k * (Resolution + 1) + j) * (Resolution + 1) + i) * 3 + axis;

        /// <summary>The z layer of an edge lying in a z plane (along x or y), or -1 for an edge along z.</summary>
        public int PlaneOf(long key) => key % 3 == 2 ? -1 : (int)(key / 3 / ((long)(Resolution + 1) * (Resolution + 1)));
    }

    private sealed class Slab(int k0, int k1)
    {
        public int K0 { get; } = k0;

        public int K1 { get; } = k1;

        public List<Vector3> Positions { get; } = [];

        public List<long> Keys { get; } = [];

        public List<int> Triangles { get; } = [];

        public int AddVertex(Vector3 position, long key)
        {
            Positions.Add(position);
            Keys.Add(key);
            return Positions.Count - 1;
        }
    }
}
