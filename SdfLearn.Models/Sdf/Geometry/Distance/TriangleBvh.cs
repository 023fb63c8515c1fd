using System.Numerics;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// A bounding-volume hierarchy over a mesh's triangles (median splits along the longest axis, up to four triangles a
/// leaf) answering exact closest-point queries and fast generalised winding numbers (Barill et al. 2018: a node far
/// from the query contributes through the first two terms of its expansion, the area-weighted normal (a dipole) and
/// its first moment, instead of its triangles). Immutable once
/// built, so queries may run on many threads.
/// </summary>
public sealed class TriangleBvh
{
    private const int LeafSize = 4;
    private const int MaxDepth = 60;
    private readonly Node[] _nodes;
    private readonly Vector3[] _a, _b, _c;
    private readonly int[] _triangleIds;

    /// <summary>Builds the hierarchy over <paramref name="mesh"/>'s triangles.</summary>
    /// <param name="mesh">The mesh.</param>
    /// <param name="farFieldRatio">
    /// β: a node whose centre is farther than β times its radius from the query counts as a dipole in
    /// <see cref="WindingNumber"/>; larger is more exact and slower (Barill et al. use 2).
    /// </param>
    /// <exception cref="ArgumentException">The mesh has no triangle.</exception>
    public TriangleBvh(TriangleMesh mesh, float farFieldRatio = 2f)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        if (mesh.TriangleCount == 0) throw new ArgumentException("The mesh has no triangle.", nameof(mesh));
        if (!(farFieldRatio > 1f)) throw new ArgumentOutOfRangeException(nameof(farFieldRatio), farFieldRatio, "β must exceed 1.");
        Mesh = mesh;
        FarFieldRatio = farFieldRatio;
        int count = mesh.TriangleCount;
        var order = new int[count];
        var centroids = new Vector3[count];
        for (int t = 0; t < count; t++)
        {
            order[t] = t;
            var (a, b, c) = mesh.Triangle(t);
            centroids[t] = (a + b + c) / 3f;
        }
        var nodes = new List<Node>(2 * count / LeafSize + 1);
        Build(nodes, order, centroids, 0, count, 0);
        _nodes = [.. nodes];
        (_a, _b, _c, _triangleIds) = (new Vector3[count], new Vector3[count], new Vector3[count], order);
        for (int i = 0; i < count; i++) (_a[i], _b[i], _c[i]) = mesh.Triangle(order[i]);
        Summarise(0);
    }

    /// <summary>The mesh the hierarchy was built over.</summary>
    public TriangleMesh Mesh { get; }

    /// <summary>β, the far-field ratio of <see cref="WindingNumber"/>.</summary>
    public float FarFieldRatio { get; }

    /// <summary>The number of nodes.</summary>
    public int NodeCount => _nodes.Length;

    /// <summary>The closest point of the mesh to <paramref name="point"/>, exactly.</summary>
    public ClosestPoint Closest(Vector3 point)
    {
        Span<int> stack = stackalloc int[2 * MaxDepth + 2];
        int top = 0;
        stack[top++] = 0;
        float best = float.PositiveInfinity;
        int bestTriangle = -1;
        var bestPoint = Vector3.Zero;
        while (top > 0)
        {
            ref readonly var node = ref _nodes[stack[--top]];
            if (node.Box.DistanceSquared(point) >= best) continue;
            if (node.Count > 0)
            {
                for (int i = node.Start; i < node.Start + node.Count; i++)
                {
                    var candidate = TriangleDistance.ClosestPoint(point, _a[i], _b[i], _c[i]);
                    float distance = Vector3.DistanceSquared(point, candidate);
                    if (distance < best) (best, bestTriangle, bestPoint) = (distance, i, candidate);
                }
                continue;
            }
            int left = node.Start, right = node.Right;
            float toLeft = _nodes[left].Box.DistanceSquared(point), toRight = _nodes[right].Box.DistanceSquared(point);
            if (toLeft < toRight) (left, right, toLeft, toRight) = (right, left, toRight, toLeft);
            if (toLeft < best) stack[top++] = left;
            if (toRight < best) stack[top++] = right;
        }
        return new ClosestPoint(bestPoint, _triangleIds[bestTriangle], MathF.Sqrt(best));
    }

    /// <summary>
    /// The generalised winding number of the mesh at <paramref name="point"/>: about 1 inside a closed outward-facing
    /// surface and 0 outside, degrading gracefully with holes and flipped faces. Near triangles count exactly, far
    /// clusters through their dipole.
    /// </summary>
    public float WindingNumber(Vector3 point)
    {
        Span<int> stack = stackalloc int[2 * MaxDepth + 2];
        int top = 0;
        stack[top++] = 0;
        float solidAngle = 0f;
        float ratioSquared = FarFieldRatio * FarFieldRatio;
        while (top > 0)
        {
            ref readonly var node = ref _nodes[stack[--top]];
            var offset = node.Centroid - point;
            float distanceSquared = offset.LengthSquared();
            if (distanceSquared > ratioSquared * node.RadiusSquared)
            {
                float inverse = 1f / MathF.Sqrt(distanceSquared);
                float inverse3 = inverse * inverse * inverse;
                var moment = node.Moment;
                var momentOffset = new Vector3(
                    moment.M11 * offset.X + moment.M12 * offset.Y + moment.M13 * offset.Z,
                    moment.M21 * offset.X + moment.M22 * offset.Y + moment.M23 * offset.Z,
                    moment.M31 * offset.X + moment.M32 * offset.Y + moment.M33 * offset.Z);
                float trace = moment.M11 + moment.M22 + moment.M33;
                solidAngle += Vector3.Dot(node.AreaNormal, offset) * inverse3
                    + trace * inverse3 - 3f * Vector3.Dot(offset, momentOffset) * inverse3 * inverse * inverse;
            }
            else if (node.Count > 0)
            {
                for (int i = node.Start; i < node.Start + node.Count; i++) solidAngle += TriangleDistance.SolidAngle(point, _a[i], _b[i], _c[i]);
            }
            else
            {
                stack[top++] = node.Start;
                stack[top++] = node.Right;
            }
        }
        return solidAngle / (4f * MathF.PI);
    }

    private static int Build(List<Node> nodes, int[] order, Vector3[] centroids, int start, int end, int depth)
    {
        int index = nodes.Count;
        nodes.Add(default);
        var centroidBox = BoundingBox.Empty;
        for (int i = start; i < end; i++) centroidBox = centroidBox.Including(centroids[order[i]]);
        if (end - start <= LeafSize || depth >= MaxDepth || centroidBox.Size.Length() == 0)
        {
            nodes[index] = new Node { Start = start, Count = end - start };
            return index;
        }
        var size = centroidBox.Size;
        int axis = size.X >= size.Y && size.X >= size.Z ? 0 : size.Y >= size.Z ? 1 : 2;
        int middle = (start + end) / 2;
        SortSegment(order, centroids, axis, start, end);
        Build(nodes, order, centroids, start, middle, depth + 1);
        int right = Build(nodes, order, centroids, middle, end, depth + 1);
        nodes[index] = new Node { Start = index + 1, Right = right, Count = 0 };
        return index;
    }

    private static void SortSegment(int[] order, Vector3[] centroids, int axis, int start, int end)
    {
        var segment = order.AsSpan(start, end - start);
        var keys = new float[segment.Length];
        for (int i = 0; i < segment.Length; i++) keys[i] = centroids[segment[i]][axis];
        keys.AsSpan().Sort(segment);
    }

    private void Summarise(int index)
    {
        ref var node = ref _nodes[index];
        var box = BoundingBox.Empty;
        var areaNormal = Vector3.Zero;
        var weightedCentroid = Vector3.Zero;
        float area = 0f;
        if (node.Count > 0)
        {
            for (int i = node.Start; i < node.Start + node.Count; i++)
            {
                box = box.Including(_a[i]).Including(_b[i]).Including(_c[i]);
                var normal = 0.5f * Vector3.Cross(_b[i] - _a[i], _c[i] - _a[i]);
                float triangleArea = normal.Length();
                areaNormal += normal;
                weightedCentroid += triangleArea * (_a[i] + _b[i] + _c[i]) / 3f;
                area += triangleArea;
            }
            node.Centroid = area > 0 ? weightedCentroid / area : box.Center;
            var moment = new Matrix4x4();
            for (int i = node.Start; i < node.Start + node.Count; i++)
                moment += Outer(0.5f * Vector3.Cross(_b[i] - _a[i], _c[i] - _a[i]), (_a[i] + _b[i] + _c[i]) / 3f - node.Centroid);
            node.Moment = moment;
        }
        else
        {
            Summarise(node.Start);
            Summarise(node.Right);
            ref readonly var left = ref _nodes[node.Start];
            ref readonly var right = ref _nodes[node.Right];
            box = left.Box.Union(right.Box);
            areaNormal = left.AreaNormal + right.AreaNormal;
            area = left.Area + right.Area;
            node.Centroid = area > 0 ? (left.Centroid * left.Area + right.Centroid * right.Area) / area : box.Center;
            node.Moment = left.Moment + Outer(left.AreaNormal, left.Centroid - node.Centroid)
                + right.Moment + Outer(right.AreaNormal, right.Centroid - node.Centroid);
        }
        node.Box = box;
        node.AreaNormal = areaNormal;
        node.Area = area;
        var reach = Vector3.Max(Vector3.Abs(box.Min - node.Centroid), Vector3.Abs(box.Max - node.Centroid));
        node.RadiusSquared = reach.LengthSquared();
    }

    /// <summary>n dᵀ in the upper-left 3x3 block.</summary>
    private static Matrix4x4 Outer(Vector3 n, Vector3 d) => new(
        n.X * d.X, n.X * d.Y, n.X * d.Z, 0,
        n.Y * d.X, n.Y * d.Y, n.Y * d.Z, 0,
        n.Z * d.X, n.Z * d.Y, n.Z * d.Z, 0,
        0, 0, 0, 0);

    private struct Node
    {
        /// <summary>Σ aₜ nₜ (x̄ₜ - centroid)ᵀ over the node's triangles (area-weighted normal times centroid offset), in the upper-left 3x3 block.</summary>
        public Matrix4x4 Moment;

        public BoundingBox Box;
        public Vector3 AreaNormal;
        public Vector3 Centroid;
        public float Area;
        public float RadiusSquared;

        /// <summary>A leaf's first triangle, or an inner node's left child.</summary>
        public int Start;

        /// <summary>An inner node's right child.</summary>
        public int Right;

        /// <summary>A leaf's triangle count; 0 for an inner node.</summary>
        public int Count;
    }
}
