using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Writes meshes as PLY: <c>element vertex</c> with float x, y, z (and float nx, ny, nz when the mesh has
/// <see cref="TriangleMesh.Normals"/>) and <c>element face</c> with <c>property list uchar int vertex_indices</c>, in any
/// <see cref="PlyEncoding"/>. A mesh without normals gives the same bytes as before normals were written.
/// </summary>
public static class PlyWriter
{
    /// <summary>Writes <paramref name="mesh"/> to <paramref name="stream"/>, with optional <paramref name="comments"/> (one line each) in the header.</summary>
    /// <exception cref="ArgumentException">A comment holds a line break.</exception>
    public static void Write(Stream stream, TriangleMesh mesh, PlyEncoding encoding = PlyEncoding.BinaryLittleEndian, IEnumerable<string>? comments = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(mesh);
        var header = new StringBuilder("ply\n");
        header.Append(encoding switch
        {
            PlyEncoding.Ascii => "format ascii 1.0\n",
            PlyEncoding.BinaryLittleEndian => "format binary_little_endian 1.0\n",
            PlyEncoding.BinaryBigEndian => "format binary_big_endian 1.0\n",
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown PLY encoding."),
        });
        foreach (string comment in comments ?? [])
        {
            if (comment.AsSpan().IndexOfAny('\r', '\n') >= 0) throw new ArgumentException("A PLY comment must be one line.", nameof(comments));
            header.Append("comment ").Append(comment).Append('\n');
        }
        header.Append(CultureInfo.InvariantCulture, $"element vertex {mesh.VertexCount}\nproperty float x\nproperty float y\nproperty float z\n");
        if (mesh.Normals is not null) header.Append("property float nx\nproperty float ny\nproperty float nz\n");
        header.Append(CultureInfo.InvariantCulture, $"element face {mesh.TriangleCount}\nproperty list uchar int vertex_indices\nend_header\n");
        var buffered = new BufferedStream(stream, 1 << 16);
        buffered.Write(Encoding.ASCII.GetBytes(header.ToString()));
        if (encoding == PlyEncoding.Ascii) WriteText(buffered, mesh);
        else WriteBinary(buffered, mesh, encoding == PlyEncoding.BinaryLittleEndian);
        buffered.Flush();
    }

    private static void WriteText(Stream stream, TriangleMesh mesh)
    {
        var text = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var normals = mesh.Normals;
        for (int i = 0; i < mesh.VertexCount; i++)
        {
            var p = mesh.Positions[i];
            text.Write(normals is null
                ? string.Create(CultureInfo.InvariantCulture, $"{p.X:R} {p.Y:R} {p.Z:R}\n")
                : string.Create(CultureInfo.InvariantCulture, $"{p.X:R} {p.Y:R} {p.Z:R} {normals[i].X:R} {normals[i].Y:R} {normals[i].Z:R}\n"));
        }
        var indices = mesh.Indices;
        for (int i = 0; i < indices.Length; i += 3)
            text.Write(string.Create(CultureInfo.InvariantCulture, $"3 {indices[i]} {indices[i + 1]} {indices[i + 2]}\n"));
        text.Flush();
    }

    private static void WriteBinary(Stream stream, TriangleMesh mesh, bool littleEndian)
    {
        Span<byte> row = stackalloc byte[24];
        var normals = mesh.Normals;
        for (int i = 0; i < mesh.VertexCount; i++)
        {
            WriteVector(row, mesh.Positions[i], littleEndian);
            if (normals is null) stream.Write(row[..12]);
            else
            {
                WriteVector(row[12..], normals[i], littleEndian);
                stream.Write(row);
            }
        }
        row = row[..13];
        var indices = mesh.Indices;
        row[0] = 3;
        for (int i = 0; i < indices.Length; i += 3)
        {
            for (int k = 0; k < 3; k++)
            {
                var slot = row.Slice(1 + 4 * k, 4);
                if (littleEndian) BinaryPrimitives.WriteInt32LittleEndian(slot, indices[i + k]);
                else BinaryPrimitives.WriteInt32BigEndian(slot, indices[i + k]);
            }
            stream.Write(row);
        }
    }

    private static void WriteVector(Span<byte> destination, System.Numerics.Vector3 value, bool littleEndian)
    {
        WriteSingle(destination, value.X, littleEndian);
        WriteSingle(destination[4..], value.Y, littleEndian);
        WriteSingle(destination[8..], value.Z, littleEndian);
    }

    private static void WriteSingle(Span<byte> destination, float value, bool littleEndian)
    {
        if (littleEndian) BinaryPrimitives.WriteSingleLittleEndian(destination, value);
        else BinaryPrimitives.WriteSingleBigEndian(destination, value);
    }
}
