using System.Numerics;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// The marching-cubes case table, derived here rather than typed in: for each cube configuration (which of the 8
/// corners are inside) and each way of resolving its ambiguous faces, the surface's cut through every face of the cube
/// is drawn as segments (inside on the left seen from outside), the segments are chained into loops and each loop is
/// triangulated. Because a face's segments depend only on that face's four values, two cubes sharing a face cut it the
/// same way and the mesh is watertight.
/// </summary>
/// <remarks>
/// Corner c sits at offset (c &amp; 1, c &gt;&gt; 1 &amp; 1, c &gt;&gt; 2 &amp; 1). Edge 4·a + j runs along axis a from the j-th corner (in
/// increasing order) whose bit a is clear. Face 2·a + s holds the corners whose bit a equals s. Vertex ids 0–11 are
/// edges; id 12 + k is the centre of loop k, used when no fan of the loop avoids drawing a diagonal inside a face
/// (which a neighbour might draw too).
/// </remarks>
internal static class CubeCases
{
    /// <summary>The two corners of each edge.</summary>
    public static readonly (int From, int To)[] EdgeCorners = BuildEdges();

    /// <summary>Each face's four corners in counter-clockwise order seen from outside the cube.</summary>
    public static readonly int[][] FaceCorners = BuildFaces();

    /// <summary>For each corner mask, the faces (bit f) whose corners alternate inside/outside around the face.</summary>
    public static readonly byte[] AmbiguousFaces = BuildAmbiguity();

    private static readonly Case?[] Cases = new Case?[256 * 64];

    /// <summary>
    /// The triangulation of corner mask <paramref name="mask"/> (bit c set: corner c inside) where bit f of
    /// <paramref name="connectedFaces"/> says that ambiguous face f joins its two inside corners (otherwise they are
    /// cut apart); bits of faces that are not ambiguous must be clear.
    /// </summary>
    public static Case Get(int mask, int connectedFaces)
    {
        int index = mask * 64 + connectedFaces;
        return Volatile.Read(ref Cases[index]) ?? (Cases[index] = Build(mask, connectedFaces));
    }

    private static Case Build(int mask, int connectedFaces)
    {
        var next = new int[12];
        Array.Fill(next, -1);
        for (int face = 0; face < 6; face++)
        {
            var q = FaceCorners[face];
            bool Inside(int i) => (mask >> q[i & 3] & 1) != 0;
            int Edge(int i) => EdgeBetween(q[i & 3], q[(i + 1) & 3]);
            bool ambiguous = (AmbiguousFaces[mask] >> face & 1) != 0;
            bool connected = (connectedFaces >> face & 1) != 0;
            for (int i = 0; i < 4; i++)
            {
                if (!Inside(i) || Inside(i + 1)) continue; // not an exit: the loop leaves the inside region through edge i
                int entry;
                if (!ambiguous)
                {
                    entry = i + 1;
                    while (Inside(entry) || !Inside(entry + 1)) entry++;
                }
                else entry = connected ? i + 1 : i + 3;
                next[Edge(i)] = Edge(entry);
            }
        }

        var triangles = new List<int>();
        var centres = new List<int[]>();
        var visited = new bool[12];
        for (int start = 0; start < 12; start++)
        {
            if (next[start] < 0 || visited[start]) continue;
            var loop = new List<int>();
            for (int e = start; !visited[e]; e = next[e])
            {
                visited[e] = true;
                loop.Add(e);
            }
            // The loop runs counter-clockwise around the inside region seen from outside the cube, so its right-hand
            // normal points into the shape: triangles are emitted reversed to face outward.
            int fan = FanStart(loop);
            if (fan >= 0)
            {
                for (int k = 1; k + 1 < loop.Count; k++)
                    triangles.AddRange([loop[fan], loop[(fan + k + 1) % loop.Count], loop[(fan + k) % loop.Count]]);
            }
            else
            {
                int centre = 12 + centres.Count;
                centres.Add([.. loop]);
                for (int k = 0; k < loop.Count; k++) triangles.AddRange([centre, loop[(k + 1) % loop.Count], loop[k]]);
            }
        }
        return new Case([.. triangles], [.. centres]);
    }

    /// <summary>A vertex of the loop whose fan draws no diagonal within a cube face, or -1.</summary>
    private static int FanStart(List<int> loop)
    {
        for (int s = 0; s < loop.Count; s++)
        {
            bool clean = true;
            for (int k = 2; k + 1 < loop.Count && clean; k++)
                clean = !ShareFace(loop[s], loop[(s + k) % loop.Count]);
            if (clean) return s;
        }
        return -1;
    }

    private static bool ShareFace(int edgeA, int edgeB)
    {
        foreach (var q in FaceCorners)
        {
            bool a = false, b = false;
            for (int i = 0; i < 4; i++)
            {
                int e = EdgeBetween(q[i], q[(i + 1) & 3]);
                a |= e == edgeA;
                b |= e == edgeB;
            }
            if (a && b) return true;
        }
        return false;
    }

    private static int EdgeBetween(int c0, int c1)
    {
        for (int e = 0; e < 12; e++)
            if (EdgeCorners[e] == (c0, c1) || EdgeCorners[e] == (c1, c0)) return e;
        throw new InvalidOperationException($"Corners {c0} and {c1} share no edge.");
    }

    private static (int, int)[] BuildEdges()
    {
        var edges = new (int, int)[12];
        for (int axis = 0; axis < 3; axis++)
        {
            int j = 0;
            for (int corner = 0; corner < 8; corner++)
                if ((corner >> axis & 1) == 0) edges[4 * axis + j++] = (corner, corner | 1 << axis);
        }
        return edges;
    }

    private static int[][] BuildFaces()
    {
        static Vector3 At(int c) => new(c & 1, c >> 1 & 1, c >> 2 & 1);
        var faces = new int[6][];
        for (int axis = 0; axis < 3; axis++)
        {
            int u = 1 << (axis + 1) % 3, v = 1 << (axis + 2) % 3;
            for (int side = 0; side < 2; side++)
            {
                int b = side << axis;
                int[] q = [b, b | u, b | u | v, b | v];
                var outward = At(1 << axis) * (side == 1 ? 1 : -1);
                if (Vector3.Dot(Vector3.Cross(At(q[1]) - At(q[0]), At(q[2]) - At(q[1])), outward) < 0) Array.Reverse(q);
                faces[2 * axis + side] = q;
            }
        }
        return faces;
    }

    private static byte[] BuildAmbiguity()
    {
        var result = new byte[256];
        for (int mask = 0; mask < 256; mask++)
        {
            for (int face = 0; face < 6; face++)
            {
                var q = FaceCorners[face];
                bool i0 = (mask >> q[0] & 1) != 0, i1 = (mask >> q[1] & 1) != 0, i2 = (mask >> q[2] & 1) != 0, i3 = (mask >> q[3] & 1) != 0;
                if (i0 == i2 && i1 == i3 && i0 != i1) result[mask] |= (byte)(1 << face);
            }
        }
        return result;
    }

    /// <summary>One configuration's triangles (vertex ids, three per triangle) and, per loop centre, the edges it averages.</summary>
    public sealed record Case(int[] Triangles, int[][] Centres);
}
