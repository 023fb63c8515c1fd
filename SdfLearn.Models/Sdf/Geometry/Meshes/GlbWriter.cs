using System.Buffers.Binary;
using System.Numerics;
using System.Text.Json;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Writes a mesh as binary glTF 2.0 (<c>.glb</c>): one scene, one node, one mesh with one triangle primitive, float
/// VEC3 positions (with their min and max) and unsigned short indices below 65,536 vertices, unsigned int above. Like
/// the OBJ and PLY writers it stores no normals: viewers shade a primitive without NORMAL with flat normals, as glTF
/// asks. The same mesh always gives the same bytes. A mesh without triangles is written as an empty scene (any
/// vertices it has are left out).
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
        long positionBytes = 12L * mesh.VertexCount, indexBytes = (shortIndices ? 2L : 4L) * mesh.Indices.Length;
        if (positionBytes + indexBytes > int.MaxValue - 64) throw new ArgumentException($"The mesh needs {positionBytes + indexBytes} bytes, over the 2 GiB buffer written here.", nameof(mesh));
        var bin = empty ? [] : new byte[positionBytes + indexBytes];
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
            if (!empty) WriteBody(writer, mesh, shortIndices, positionBytes, indexBytes);
            writer.WriteEndObject();
        }
        if (!empty) FillBuffer(bin, mesh, shortIndices);
        var buffered = new BufferedStream(stream, 1 << 16);
        GlbContainer.Write(buffered, json.GetBuffer().AsSpan(0, (int)json.Length), bin);
        buffered.Flush();
    }

    /// <summary>The node, mesh, two accessors, two bufferViews and the buffer of a mesh with triangles.</summary>
    private static void WriteBody(Utf8JsonWriter writer, TriangleMesh mesh, bool shortIndices, long positionBytes, long indexBytes)
    {
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
        writer.WriteEndObject();
        writer.WriteNumber("indices", 1);
        writer.WriteNumber("mode", 4);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();

        writer.WriteStartArray("accessors");
        writer.WriteStartObject();
        writer.WriteNumber("bufferView", 0);
        writer.WriteNumber("componentType", 5126);
        writer.WriteNumber("count", mesh.VertexCount);
        writer.WriteString("type", "VEC3");
        WriteVector(writer, "min", mesh.Bounds.Min);
        WriteVector(writer, "max", mesh.Bounds.Max);
        writer.WriteEndObject();
        writer.WriteStartObject();
        writer.WriteNumber("bufferView", 1);
        writer.WriteNumber("componentType", shortIndices ? 5123 : 5125);
        writer.WriteNumber("count", mesh.Indices.Length);
        writer.WriteString("type", "SCALAR");
        writer.WriteEndObject();
        writer.WriteEndArray();

        writer.WriteStartArray("bufferViews");
        WriteBufferView(writer, 0, positionBytes, ArrayBuffer);
        WriteBufferView(writer, positionBytes, indexBytes, ElementArrayBuffer);
        writer.WriteEndArray();

        writer.WriteStartArray("buffers");
        writer.WriteStartObject();
        writer.WriteNumber("byteLength", positionBytes + indexBytes);
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    /// <summary>Positions (x, y, z floats), then indices, all little-endian.</summary>
    private static void FillBuffer(byte[] bin, TriangleMesh mesh, bool shortIndices)
    {
        var span = bin.AsSpan();
        foreach (var p in mesh.Positions)
        {
            BinaryPrimitives.WriteSingleLittleEndian(span, p.X);
            BinaryPrimitives.WriteSingleLittleEndian(span[4..], p.Y);
            BinaryPrimitives.WriteSingleLittleEndian(span[8..], p.Z);
            span = span[12..];
        }
        foreach (int index in mesh.Indices)
        {
            if (shortIndices) BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)index);
            else BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)index);
            span = span[(shortIndices ? 2 : 4)..];
        }
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
