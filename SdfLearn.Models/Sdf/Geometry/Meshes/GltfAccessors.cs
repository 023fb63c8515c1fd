using System.Buffers.Binary;
using System.Numerics;
using System.Text.Json;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// The accessors of a GLB whose data lies in its BIN chunk: each is checked against its bufferView and buffer
/// (offsets, byteStride, bounds, the kind of data a role needs) before a byte is read, so no read leaves the chunk.
/// </summary>
internal sealed class GltfAccessors(GltfJson json, ReadOnlyMemory<byte> bin)
{
    private const int Float = 5126, UnsignedByte = 5121, UnsignedShort = 5123, UnsignedInt = 5125;

    /// <summary>The vertices of accessor <paramref name="index"/>, which must hold float VEC3 values.</summary>
    public GltfData Positions(int index, string user) => Resolve(index, user, "VEC3", 3, [Float], "float VEC3 positions");

    /// <summary>The vertex indices of accessor <paramref name="index"/>, which must hold unsigned byte, short or int scalars.</summary>
    public GltfData Indices(int index, string user) =>
        Resolve(index, user, "SCALAR", 1, [UnsignedByte, UnsignedShort, UnsignedInt], "unsigned byte, short or int scalar indices");

    /// <summary>
    /// The vertex normals of accessor <paramref name="index"/>, or null when it holds other than float VEC3 values (such
    /// as KHR_mesh_quantization's normalised bytes or shorts, which are not read).
    /// </summary>
    public GltfData? Normals(int index, string user)
    {
        var accessor = json.Item("accessors", index);
        bool isFloatVec3 = accessor.TryGetProperty("componentType", out var componentType) && componentType.ValueKind == JsonValueKind.Number
            && componentType.TryGetInt32(out int code) && code == Float && accessor.TryGetProperty("type", out var kind) && kind.ValueEquals("VEC3");
        return isFloatVec3 ? Resolve(index, user, "VEC3", 3, [Float], "float VEC3 normals") : null;
    }

    /// <summary>Writes <paramref name="data"/>'s vertices through <paramref name="transform"/> to <paramref name="destination"/>.</summary>
    /// <exception cref="InvalidDataException">A coordinate, or its transform, is not finite.</exception>
    public void ReadPositions(GltfData data, Matrix4x4 transform, Span<Vector3> destination) =>
        ReadVectors(data, p => Vector3.Transform(p, transform), "vertex", destination);

    /// <summary>
    /// Writes <paramref name="data"/>'s normals through <paramref name="normalTransform"/> (the inverse transpose of a
    /// node's transform: its rotation for a rotation and uniform scale), renormalised, to <paramref name="destination"/>;
    /// a zero normal stays zero. Under the identity they are kept as stored, so a file's normals read back exactly.
    /// </summary>
    /// <exception cref="InvalidDataException">A normal, or its transform, is not finite.</exception>
    public void ReadNormals(GltfData data, Matrix4x4 normalTransform, Span<Vector3> destination) =>
        ReadVectors(data, normalTransform.IsIdentity ? n => n : n =>
        {
            var turned = Vector3.TransformNormal(n, normalTransform);
            float length = turned.Length();
            return length > 0 ? turned / length : turned;
        }, "normal", destination);

    /// <summary>Reads <paramref name="data"/>'s float triples, maps each through <paramref name="map"/> and checks it is finite.</summary>
    private void ReadVectors(GltfData data, Func<Vector3, Vector3> map, string what, Span<Vector3> destination)
    {
        var bytes = data.Bytes.Span;
        for (int i = 0; i < data.Count; i++)
        {
            var element = bytes[(i * data.Stride)..];
            var p = new Vector3(BinaryPrimitives.ReadSingleLittleEndian(element), BinaryPrimitives.ReadSingleLittleEndian(element[4..]),
                BinaryPrimitives.ReadSingleLittleEndian(element[8..]));
            var moved = map(p);
            if (!float.IsFinite(moved.X) || !float.IsFinite(moved.Y) || !float.IsFinite(moved.Z))
                throw json.Error(data.Path, $"{what} {i} is {p}, which is {moved} once placed by its node: not finite");
            destination[i] = moved;
        }
    }

    /// <summary>Writes <paramref name="data"/>'s indices plus <paramref name="first"/> to <paramref name="destination"/>, each checked against <paramref name="vertexCount"/>.</summary>
    /// <exception cref="InvalidDataException">An index is not below <paramref name="vertexCount"/>.</exception>
    public void ReadIndices(GltfData data, int vertexCount, int first, Span<int> destination)
    {
        var bytes = data.Bytes.Span;
        for (int i = 0; i < data.Count; i++)
        {
            var element = bytes[(i * data.Stride)..];
            uint index = data.ComponentType switch
            {
                UnsignedByte => element[0],
                UnsignedShort => BinaryPrimitives.ReadUInt16LittleEndian(element),
                _ => BinaryPrimitives.ReadUInt32LittleEndian(element),
            };
            if (index >= vertexCount)
                throw json.Error(data.Path, $"element {i} is vertex index {index}, out of range: the primitive has {vertexCount} vertices");
            destination[i] = first + (int)index;
        }
    }

    private GltfData Resolve(int index, string user, string type, int components, int[] componentTypes, string expected)
    {
        string path = $"accessors[{index}]";
        var accessor = json.Item("accessors", index);
        if (GltfJson.Has(accessor, "sparse"))
            throw json.Error(path, $"(used by {user}) is sparse; sparse accessors are not read: re-export the mesh without them");
        int componentType = (int)json.Required(accessor, path, "componentType", 0, int.MaxValue);
        if (!accessor.TryGetProperty("type", out var kind) || !kind.ValueEquals(type) || Array.IndexOf(componentTypes, componentType) < 0
            || accessor.TryGetProperty("normalized", out var normalized) && normalized.ValueKind == JsonValueKind.True)
            throw json.Error(path, $"(used by {user}) is not {expected} (type {(kind.ValueKind == JsonValueKind.Undefined ? "missing" : GltfJson.Quoted(kind))}, componentType {componentType})");
        int count = (int)json.Required(accessor, path, "count", 1, int.MaxValue);
        long offset = json.Integer(accessor, path, "byteOffset", 0, int.MaxValue) ?? 0;
        int viewIndex = json.Index(accessor, path, "bufferView", "bufferViews")
            ?? throw json.Error(path, $"(used by {user}) has no bufferView: its values would all be zero");
        var (view, viewPath, stride) = BufferView(viewIndex);
        int size = components * (componentType == UnsignedByte ? 1 : componentType == UnsignedShort ? 2 : 4);
        stride ??= size;
        if (stride < size) throw json.Error(viewPath, $"has byteStride {stride}, less than the {size}-byte elements of {path}");
        long end = offset + (long)stride.Value * (count - 1) + size;
        if (end > view.Length)
            throw json.Error(path, $"overruns {viewPath}: {count} elements from byte {offset} with stride {stride} need {end} bytes, the view has {view.Length}");
        return new GltfData(view[(int)offset..], count, stride.Value, componentType, path);
    }

    private (ReadOnlyMemory<byte> Bytes, string Path, int? Stride) BufferView(int index)
    {
        string path = $"bufferViews[{index}]";
        var view = json.Item("bufferViews", index);
        int buffer = json.RequiredIndex(view, path, "buffer", "buffers");
        long offset = json.Integer(view, path, "byteOffset", 0, int.MaxValue) ?? 0;
        long length = json.Required(view, path, "byteLength", 1, int.MaxValue);
        int? stride = (int?)json.Integer(view, path, "byteStride", 4, 252);
        var bytes = Buffer(buffer);
        if (offset + length > bytes.Length)
            throw json.Error(path, $"overruns buffers[{buffer}]: bytes {offset} to {offset + length} of a {bytes.Length}-byte buffer");
        return (bytes.Slice((int)offset, (int)length), path, stride);
    }

    private ReadOnlyMemory<byte> Buffer(int index)
    {
        string path = $"buffers[{index}]";
        var buffer = json.Item("buffers", index);
        if (GltfJson.Has(buffer, "uri"))
            throw json.Error(path, "refers to an external or data-URI buffer; only the GLB's own BIN chunk is read: convert to .glb with embedded buffer");
        if (index != 0) throw json.Error(path, "has no uri, but only buffers[0] can be the GLB's BIN chunk");
        long length = json.Required(buffer, path, "byteLength", 1, int.MaxValue);
        if (bin.IsEmpty) throw json.Error(path, "is the BIN chunk, but the file has no BIN chunk (missing BIN chunk)");
        if (length > bin.Length) throw json.Error(path, $"declares {length} bytes, but the BIN chunk holds {bin.Length} (truncated file?)");
        return bin[..(int)length];
    }
}
