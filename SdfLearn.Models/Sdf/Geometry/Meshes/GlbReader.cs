using System.Numerics;
using System.Text.Json;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Reads binary glTF 2.0 (<c>.glb</c>) as one triangle mesh: every triangle primitive (mode 4, or no mode) of every
/// mesh that the default scene's node trees place, moved into world coordinates by the nodes' transforms (matrix or
/// translation/rotation/scale). Positions are float VEC3; indices unsigned byte, short or int, or absent
/// (consecutive triangles); bufferViews may be strided and accessors offset. A mirroring transform reverses the
/// triangles so they stay counter-clockwise from outside. Primitives sharing a POSITION accessor under one node share
/// their vertices. NORMAL (float VEC3, one per position) becomes <see cref="TriangleMesh.Normals"/> when every primitive
/// has it, each normal moved by the inverse transpose of its node's transform (the rotation, for a rotation and uniform
/// scale) and renormalised; if any primitive lacks it (or has it in another type, such as KHR_mesh_quantization's
/// normalised integers), primitives sharing vertices give them different NORMAL accessors, or a node's transform cannot
/// be inverted, the mesh has no normals (its positions and triangles are the same either way). Materials, texture
/// coordinates, skins, morph targets and animations are ignored.
/// </summary>
/// <remarks>
/// Refused with an <see cref="InvalidDataException"/> naming the file and what is wrong: a file that is not GLB 2.0,
/// truncated or badly ordered chunks, external or data-URI buffers, sparse accessors, other primitive modes (points,
/// lines, strips, fans), Draco or meshopt compression, out-of-range indices, a NORMAL accessor whose count is not the
/// POSITION accessor's, non-finite positions or normals, and accessors that overrun their data.
/// </remarks>
public static class GlbReader
{
    private static readonly string[] CompressionExtensions = ["KHR_draco_mesh_compression", "EXT_meshopt_compression", "KHR_meshopt_compression"];
    private static readonly string[] ModeNames = ["POINTS", "LINES", "LINE_LOOP", "LINE_STRIP", "TRIANGLES", "TRIANGLE_STRIP", "TRIANGLE_FAN"];

    /// <summary>Reads the GLB file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is malformed or uses what this reader does not support; the message names the file and the problem.</exception>
    public static TriangleMesh Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a GLB mesh from the rest of <paramref name="stream"/>; <paramref name="name"/> names the source in error messages.</summary>
    /// <exception cref="InvalidDataException">The data is malformed (see <see cref="Read(string)"/>).</exception>
    public static TriangleMesh Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (jsonChunk, bin) = GlbContainer.Split(ReadAll(stream, name), name);
        try
        {
            using var document = JsonDocument.Parse(jsonChunk);
            var json = new GltfJson(document.RootElement, name);
            RefuseCompression(json);
            return Assemble(json, new GltfAccessors(json, bin));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name}: the JSON chunk is not valid JSON ({e.Message}).", e);
        }
        catch (InvalidOperationException e) when (e.TargetSite?.DeclaringType?.Assembly == typeof(JsonException).Assembly)
        {
            // The JSON API's way of refusing text that is not valid UTF-8 or an escaped lone surrogate.
            throw new InvalidDataException($"{name}: the JSON chunk holds text that is not valid Unicode ({e.Message}).", e);
        }
    }

    private static ReadOnlyMemory<byte> ReadAll(Stream stream, string name)
    {
        long length = stream.CanSeek ? stream.Length - stream.Position : 0;
        if (length > Array.MaxLength) throw new InvalidDataException($"{name}: {length} bytes; a GLB file holds at most 2 GiB here.");
        var copy = new MemoryStream((int)Math.Max(length, 0));
        stream.CopyTo(copy);
        return copy.GetBuffer().AsMemory(0, (int)copy.Length);
    }

    private static void RefuseCompression(GltfJson json)
    {
        if (!json.Root.TryGetProperty("extensionsRequired", out var required) || required.ValueKind != JsonValueKind.Array) return;
        foreach (var extension in required.EnumerateArray())
        {
            if (CompressionExtensions.FirstOrDefault(extension.ValueEquals) is { } compression)
                throw json.Error("extensionsRequired", $"names {compression}: the geometry is compressed, which this reader does not decode; re-export the mesh without compression");
        }
    }

    /// <summary>Checks every placed primitive and sums their sizes, then allocates the mesh once and fills it.</summary>
    private static TriangleMesh Assemble(GltfJson json, GltfAccessors accessors)
    {
        var pieces = new List<Piece>();
        var firstVertex = new Dictionary<(int Instance, int Accessor), (int First, int? Normals)>();
        long vertices = 0, indices = 0;
        bool normalsAgree = true; // primitives sharing vertices name the same NORMAL accessor
        var instances = GltfScene.Instances(json);
        for (int instance = 0; instance < instances.Count; instance++)
        {
            var (mesh, world, node) = instances[instance];
            foreach (var (primitive, path) in Primitives(json, mesh))
            {
                string user = $"{path} under {node}";
                var (positionAccessor, normalAccessor) = VertexAccessors(json, primitive, path);
                var positions = accessors.Positions(positionAccessor, user);
                var normals = normalAccessor is { } n ? accessors.Normals(n, user) : null;
                if (normals is null) normalAccessor = null;
                if (normals is { } given && given.Count != positions.Count)
                    throw json.Error($"{path}.attributes.NORMAL", $"({given.Path}) has {given.Count} normals, but POSITION ({positions.Path}) has {positions.Count} vertices; they must match");
                var triangles = json.Index(primitive, path, "indices", "accessors") is { } indexAccessor ? accessors.Indices(indexAccessor, user) : (GltfData?)null;
                long corners = triangles?.Count ?? positions.Count;
                if (corners % 3 != 0) throw json.Error(path, $"has {corners} triangle corners, not a whole number of triangles");
                bool shared = firstVertex.TryGetValue((instance, positionAccessor), out var owner);
                int first = owner.First;
                if (shared) normalsAgree &= owner.Normals == normalAccessor;
                else
                {
                    first = (int)vertices;
                    firstVertex[(instance, positionAccessor)] = (first, normalAccessor);
                    vertices += positions.Count;
                }
                indices += corners;
                if (vertices > Array.MaxLength || indices > Array.MaxLength)
                    throw json.Error(path, $"brings the mesh to {vertices} vertices and {indices} triangle corners, more than one mesh can hold");
                pieces.Add(new Piece(positions, normals, triangles, world, first, !shared));
            }
        }
        var allPositions = new Vector3[vertices];
        var allIndices = new int[indices];
        // Normals only when every primitive has them and every placing transform can be inverted (to move them).
        var allNormals = normalsAgree && pieces.Count > 0 && pieces.All(p => p.Normals is not null && Matrix4x4.Invert(p.World, out _)) ? new Vector3[vertices] : null;
        int at = 0;
        foreach (var piece in pieces)
        {
            if (piece.OwnsVertices)
            {
                accessors.ReadPositions(piece.Positions, piece.World, allPositions.AsSpan(piece.FirstVertex, piece.Positions.Count));
                if (allNormals is not null && Matrix4x4.Invert(piece.World, out var inverse))
                    accessors.ReadNormals(piece.Normals!.Value, Matrix4x4.Transpose(inverse), allNormals.AsSpan(piece.FirstVertex, piece.Positions.Count));
            }
            var corners = allIndices.AsSpan(at, piece.Indices?.Count ?? piece.Positions.Count);
            if (piece.Indices is { } triangles) accessors.ReadIndices(triangles, piece.Positions.Count, piece.FirstVertex, corners);
            else for (int i = 0; i < corners.Length; i++) corners[i] = piece.FirstVertex + i;
            // A mirroring transform turns counter-clockwise triangles clockwise; swapping two corners turns them back.
            // Its normals need no such flip: the inverse transpose already mirrors them to the outside of the image.
            if (piece.World.GetDeterminant() < 0)
                for (int i = 0; i < corners.Length; i += 3) (corners[i + 1], corners[i + 2]) = (corners[i + 2], corners[i + 1]);
            at += corners.Length;
        }
        return new TriangleMesh(allPositions, allIndices, allNormals);
    }

    private static IEnumerable<(JsonElement Primitive, string Path)> Primitives(GltfJson json, int mesh)
    {
        string meshPath = $"meshes[{mesh}]";
        if (!json.Item("meshes", mesh).TryGetProperty("primitives", out var primitives) || primitives.ValueKind != JsonValueKind.Array)
            throw json.Error(meshPath, "has no primitives array");
        int k = 0;
        foreach (var primitive in primitives.EnumerateArray())
        {
            string path = $"{meshPath}.primitives[{k++}]";
            if (primitive.ValueKind != JsonValueKind.Object) throw json.Error(path, "is not a JSON object");
            long mode = json.Integer(primitive, path, "mode", 0, ModeNames.Length - 1) ?? 4;
            if (mode != 4)
                throw json.Error(path, $"has mode {mode} ({ModeNames[mode]}); only triangle lists (mode 4, TRIANGLES) are read: re-export the mesh triangulated");
            yield return (primitive, path);
        }
    }

    /// <summary>The primitive's POSITION accessor and its NORMAL accessor, if any.</summary>
    private static (int Positions, int? Normals) VertexAccessors(GltfJson json, JsonElement primitive, string path)
    {
        if (!primitive.TryGetProperty("attributes", out var attributes) || attributes.ValueKind != JsonValueKind.Object)
            throw json.Error(path, "has no attributes object");
        int positions = json.Index(attributes, $"{path}.attributes", "POSITION", "accessors") ?? throw json.Error(path, "has no POSITION attribute");
        return (positions, json.Index(attributes, $"{path}.attributes", "NORMAL", "accessors"));
    }

    /// <summary>One placed primitive: its checked data, where its vertices start, and whether it is the first to use them.</summary>
    private sealed record Piece(GltfData Positions, GltfData? Normals, GltfData? Indices, Matrix4x4 World, int FirstVertex, bool OwnsVertices);
}
