using System.Numerics;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Where a glTF file places its meshes: the default scene's node trees walked from their roots, each node's local
/// transform (a <c>matrix</c>, or <c>translation</c>, <c>rotation</c>, <c>scale</c>) composed with its parent's.
/// </summary>
internal static class GltfScene
{
    /// <summary>
    /// Every mesh the default scene (<c>scene</c>, else the first) draws, with its world transform; a file without
    /// scenes is a library of meshes, each given once untransformed.
    /// </summary>
    /// <exception cref="InvalidDataException">A node is reached twice (the hierarchy is not a tree), or a transform is malformed.</exception>
    public static List<(int Mesh, Matrix4x4 World, string Node)> Instances(GltfJson json)
    {
        var instances = new List<(int, Matrix4x4, string)>();
        if (json.Count("scenes") == 0)
        {
            for (int mesh = 0; mesh < json.Count("meshes"); mesh++) instances.Add((mesh, Matrix4x4.Identity, "no node (the file has no scenes)"));
            return instances;
        }
        int scene = json.Index(json.Root, "the root", "scene", "scenes") ?? 0;
        var roots = json.Indices(json.Item("scenes", scene), $"scenes[{scene}]", "nodes", "nodes");
        var reached = new bool[json.Count("nodes")];
        // An explicit stack, not recursion: a deep chain of nodes must not overflow the call stack.
        var pending = new Stack<(int Node, Matrix4x4 Parent)>(roots.Reverse().Select(root => (root, Matrix4x4.Identity)));
        while (pending.TryPop(out var next))
        {
            string path = $"nodes[{next.Node}]";
            if (reached[next.Node]) throw json.Error(path, $"is reached twice from scenes[{scene}]; the node hierarchy must be a tree");
            reached[next.Node] = true;
            var node = json.Item("nodes", next.Node);
            var world = Local(json, node, path) * next.Parent;
            if (json.Index(node, path, "mesh", "meshes") is { } mesh) instances.Add((mesh, world, path));
            foreach (int child in json.Indices(node, path, "children", "nodes").Reverse()) pending.Push((child, world));
        }
        return instances;
    }

    /// <summary>The node's transform in System.Numerics' row-vector convention (scale, then rotate, then translate).</summary>
    private static Matrix4x4 Local(GltfJson json, System.Text.Json.JsonElement node, string path)
    {
        // glTF stores column-major matrices for column vectors; read in order, they are the row-vector transpose.
        if (json.Numbers(node, path, "matrix", 16) is { } m)
            return new Matrix4x4(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], m[10], m[11], m[12], m[13], m[14], m[15]);
        var scale = json.Numbers(node, path, "scale", 3) is { } s ? new Vector3(s[0], s[1], s[2]) : Vector3.One;
        var rotation = Quaternion.Identity;
        if (json.Numbers(node, path, "rotation", 4) is { } r)
        {
            rotation = new Quaternion(r[0], r[1], r[2], r[3]);
            float length = rotation.Length();
            if (!(length > 1e-6f) || !float.IsFinite(length)) throw json.Error($"{path}.rotation", $"is {rotation}, not a rotation (a unit quaternion)");
            rotation = Quaternion.Normalize(rotation);
        }
        var translation = json.Numbers(node, path, "translation", 3) is { } t ? new Vector3(t[0], t[1], t[2]) : Vector3.Zero;
        return Matrix4x4.CreateScale(scale) * Matrix4x4.CreateFromQuaternion(rotation) * Matrix4x4.CreateTranslation(translation);
    }
}
