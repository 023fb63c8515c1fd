using System.Buffers.Binary;
using System.Numerics;
using System.Text.Json;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Writes a mesh as binary glTF 2.0 (<c>.glb</c>): one scene, one node, one mesh with one triangle primitive, float
/// VEC3 positions (with their min and max), the mesh's <see cref="TriangleMesh.Normals"/> when it has them as a float
/// VEC3 NORMAL attribute (written as they are: glTF asks for unit vectors, which <see cref="VertexNormals"/> gives),
/// and unsigned short indices below 65,536 vertices, unsigned int above. Viewers shade a primitive without NORMAL
/// with flat normals, as glTF asks. The same mesh always gives the same bytes, and a mesh without normals the same
/// bytes as before normals were written. A mesh without triangles is written as an empty scene (any vertices it has
/// are left out).
/// </summary>
public static class GlbWriter
{
    private const int ArrayBuffer = 34962, ElementArrayBuffer = 34963;

    /// <summary>Writes <paramref name="mesh"/> to <paramref name="stream"/>.</summary>
    /// <exception cref="ArgumentException">The mesh needs a buffer over 2 GiB.</exception>
    public static void Write(Stream stream, TriangleMesh mesh)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(mesh);
        bool empty = mesh.TriangleCount == 0;
        // glTF reserves each index type's largest value (65,535 for unsigned short) for primitive restart.
        bool shortIndices = mesh.VertexCount <= ushort.MaxValue;
        long positionBytes = 12L * mesh.VertexCount, normalBytes = mesh.Normals is null ? 0 : positionBytes;
        long indexBytes = (shortIndices ? 2L : 4L) * mesh.Indices.Length, total = positionBytes + normalBytes + indexBytes;
        if (total > int.MaxValue - 64) throw new ArgumentException($"The mesh needs {total} bytes, over the 2 GiB buffer written here.", nameof(mesh));
        var bin = empty ? [] : new byte[total];
        var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("asset");
            writer.WriteString("version", "2.0");
            writer.WriteString("generator", "SdfLearn");
            writer.WriteEndObject();
            writer.WriteNumber("scene", 0);
            writer.WriteStartArray("scenes");
            writer.WriteStartObject();
            if (!empty)
            {
                writer.WriteStartArray("nodes");
                writer.WriteNumberValue(0);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
            writer.WriteEndArray();
            if (!empty) WriteBody(writer, mesh, shortIndices, positionBytes, normalBytes, indexBytes);
            writer.WriteEndObject();
        }
        if (!empty) FillBuffer(bin, mesh, shortIndices);
        var buffered = new BufferedStream(stream, 1 << 16);
        GlbContainer.Write(buffered, json.GetBuffer().AsSpan(0, (int)json.Length), bin);
        buffered.Flush();
    }

    /// <summary>
    /// The node, the mesh, the accessors and bufferViews (positions, normals when there are any, indices, in buffer
    /// order) and the buffer of a mesh with triangles.
    /// </summary>
    private static void WriteBody(Utf8JsonWriter writer, TriangleMesh mesh, bool shortIndices, long positionBytes, long normalBytes, long indexBytes)
    {
        bool normals = normalBytes > 0;
        int indexAccessor = normals ? 2 : 1;
        writer.WriteStartArray("nodes");
        writer.WriteStartObject();
        writer.WriteNumber("mesh", 0);
        writer.WriteEndObject();
        writer.WriteEndArray();

        writer.WriteStartArray("meshes");
        writer.WriteStartObject();
        writer.WriteStartArray("primitives");
        writer.WriteStartObject();
        writer.WriteStartObject("attributes");
        writer.WriteNumber("POSITION", 0);
        if (normals) writer.WriteNumber("NORMAL", 1);
        writer.WriteEndObject();
        writer.WriteNumber("indices", indexAccessor);
        writer.WriteNumber("mode", 4);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();

        writer.WriteStartArray("accessors");
        WriteVectorAccessor(writer, 0, mesh.VertexCount, mesh.Bounds);
        if (normals) WriteVectorAccessor(writer, 1, mesh.VertexCount, null);
        writer.WriteStartObject();
        writer.WriteNumber("bufferView", indexAccessor);
        writer.WriteNumber("componentType", shortIndices ? 5123 : 5125);
        writer.WriteNumber("count", mesh.Indices.Length);
        writer.WriteString("type", "SCALAR");
        writer.WriteEndObject();
        writer.WriteEndArray();

        writer.WriteStartArray("bufferViews");
        WriteBufferView(writer, 0, positionBytes, ArrayBuffer);
        if (normals) WriteBufferView(writer, positionBytes, normalBytes, ArrayBuffer);
        WriteBufferView(writer, positionBytes + normalBytes, indexBytes, ElementArrayBuffer);
        writer.WriteEndArray();

        writer.WriteStartArray("buffers");
        writer.WriteStartObject();
        writer.WriteNumber("byteLength", positionBytes + normalBytes + indexBytes);
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    /// <summary>A float VEC3 accessor over all of bufferView <paramref name="view"/>, with min and max when <paramref name="bounds"/> is given (glTF requires them for POSITION).</summary>
    private static void WriteVectorAccessor(Utf8JsonWriter writer, int view, int count, BoundingBox? bounds)
    {
        writer.WriteStartObject();
        writer.WriteNumber("bufferView", view);
        writer.WriteNumber("componentType", 5126);
        writer.WriteNumber("count", count);
        writer.WriteString("type", "VEC3");
        if (bounds is { } box)
        {
            WriteVector(writer, "min", box.Min);
            WriteVector(writer, "max", box.Max);
        }
        writer.WriteEndObject();
    }

    /// <summary>Positions (x, y, z floats), then normals (likewise) when there are any, then indices, all little-endian.</summary>
    private static void FillBuffer(byte[] bin, TriangleMesh mesh, bool shortIndices)
    {
        var span = bin.AsSpan();
        span = WriteVectors(span, mesh.Positions);
        if (mesh.Normals is { } normals) span = WriteVectors(span, normals);
        foreach (int index in mesh.Indices)
        {
            if (shortIndices) BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)index);
            else BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)index);
            span = span[(shortIndices ? 2 : 4)..];
        }
    }

    /// <summary>Writes <paramref name="vectors"/> as little-endian float triples and returns the rest of <paramref name="span"/>.</summary>
    private static Span<byte> WriteVectors(Span<byte> span, Vector3[] vectors)
    {
        foreach (var v in vectors)
        {
            BinaryPrimitives.WriteSingleLittleEndian(span, v.X);
            BinaryPrimitives.WriteSingleLittleEndian(span[4..], v.Y);
            BinaryPrimitives.WriteSingleLittleEndian(span[8..], v.Z);
            span = span[12..];
        }
        return span;
    }

    private static void WriteBufferView(Utf8JsonWriter writer, long offset, long length, int target)
    {
        writer.WriteStartObject();
        writer.WriteNumber("buffer", 0);
        writer.WriteNumber("byteOffset", offset);
        writer.WriteNumber("byteLength", length);
        writer.WriteNumber("target", target);
        writer.WriteEndObject();
    }

    private static void WriteVector(Utf8JsonWriter writer, string name, Vector3 value)
    {
        writer.WriteStartArray(name);
        writer.WriteNumberValue(value.X);
        writer.WriteNumberValue(value.Y);
        writer.WriteNumberValue(value.Z);
        writer.WriteEndArray();
    }
}
