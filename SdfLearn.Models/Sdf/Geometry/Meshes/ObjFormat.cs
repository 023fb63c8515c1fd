using System.Globalization;
using System.Numerics;
using System.Text;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Wavefront OBJ meshes: <c>v</c>, <c>vn</c> and <c>f</c> lines are read (faces of any size, fan-triangulated;
/// <c>a</c>, <c>a/b</c>, <c>a//c</c>, <c>a/b/c</c> and negative, relative indices allowed), other statements (texture
/// coordinates, groups, materials) are skipped. Written with one <c>v</c> line per vertex, then, when the mesh has
/// <see cref="TriangleMesh.Normals"/>, one <c>vn</c> line per vertex (the same numbers), and one <c>f</c> line per
/// triangle (<c>f a//a b//b c//c</c> with normals, <c>f a b c</c> without, as before normals were written).
/// </summary>
/// <remarks>
/// OBJ gives normals per face corner, a <see cref="TriangleMesh"/> per vertex, so the file's normals are read when they
/// give every vertex exactly one: every face corner names a normal, no vertex is named with two different ones, and a
/// vertex no face uses takes the <c>vn</c> of its own number when there are as many <c>vn</c> as <c>v</c> lines.
/// Otherwise (faces without normal references, hard edges that give a vertex two normals) the mesh has none; its
/// positions and triangles are the same either way.
/// </remarks>
public static class ObjFormat
{
    /// <summary>Reads a mesh from <paramref name="reader"/>; <paramref name="name"/> names the source in error messages.</summary>
    /// <exception cref="InvalidDataException">
    /// A line is malformed, a coordinate or normal is not finite, or a face refers to a vertex or normal not defined
    /// before it (so the counts do not match); the message names the file and line.
    /// </exception>
    public static TriangleMesh Read(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var positions = new List<Vector3>();
        var normals = new List<Vector3>();
        var indices = new List<int>();
        var face = new List<(int Vertex, int Normal)>();
        var vertexNormals = new List<int>(); // per vertex: the normal its face corners name, -1 for none yet
        bool normalsHold = true; // every corner so far names a normal, and no vertex two different ones
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var rest = line.AsSpan();
            int comment = rest.IndexOf('#');
            if (comment >= 0) rest = rest[..comment];
            var keyword = NextToken(ref rest);
            if (keyword.SequenceEqual("v"))
            {
                positions.Add(ReadVector(ref rest, name, lineNumber, "a vertex needs three coordinates"));
                vertexNormals.Add(-1);
            }
            else if (keyword.SequenceEqual("vn"))
                normals.Add(ReadVector(ref rest, name, lineNumber, "a normal needs three components"));
            else if (keyword.SequenceEqual("f"))
            {
                face.Clear();
                for (var token = NextToken(ref rest); !token.IsEmpty; token = NextToken(ref rest))
                    face.Add(ReadCornerReference(token, positions.Count, normals.Count, name, lineNumber));
                if (face.Count < 3) throw Error(name, lineNumber, $"a face needs at least 3 vertices, this one has {face.Count}");
                for (int k = 1; k + 1 < face.Count; k++) indices.AddRange([face[0].Vertex, face[k].Vertex, face[k + 1].Vertex]);
                foreach (var (vertex, normal) in face)
                {
                    int given = vertexNormals[vertex];
                    if (normal < 0 || given >= 0 && given != normal && normals[given] != normals[normal]) normalsHold = false;
                    else vertexNormals[vertex] = normal;
                }
            }
        }
        return new TriangleMesh([.. positions], [.. indices], normalsHold ? VertexNormalsOf(vertexNormals, normals) : null);
    }

    /// <summary>Each vertex's normal, a vertex no face uses taking the one of its own number; null when some vertex has none.</summary>
    private static Vector3[]? VertexNormalsOf(List<int> vertexNormals, List<Vector3> normals)
    {
        if (normals.Count == 0) return null;
        var result = new Vector3[vertexNormals.Count];
        for (int v = 0; v < result.Length; v++)
        {
            int normal = vertexNormals[v] >= 0 ? vertexNormals[v] : normals.Count == vertexNormals.Count ? v : -1;
            if (normal < 0) return null;
            result[v] = normals[normal];
        }
        return result;
    }

    /// <summary>Reads the OBJ file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is malformed (see <see cref="Read(TextReader, string)"/>).</exception>
    public static TriangleMesh Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, path);
    }

    /// <summary>Writes <paramref name="mesh"/> as OBJ text, coordinates (and normals) in round-trip precision.</summary>
    public static void Write(TextWriter writer, TriangleMesh mesh)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(mesh);
        writer.Write($"# SdfLearn mesh: {mesh.VertexCount} vertices, {mesh.TriangleCount} triangles\n");
        foreach (var p in mesh.Positions)
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"v {p.X:R} {p.Y:R} {p.Z:R}\n"));
        var indices = mesh.Indices;
        if (mesh.Normals is { } normals)
        {
            foreach (var n in normals)
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"vn {n.X:R} {n.Y:R} {n.Z:R}\n"));
            for (int i = 0; i < indices.Length; i += 3)
            {
                int a = indices[i] + 1, b = indices[i + 1] + 1, c = indices[i + 2] + 1;
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"f {a}//{a} {b}//{b} {c}//{c}\n"));
            }
            return;
        }
        for (int i = 0; i < indices.Length; i += 3)
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"f {indices[i] + 1} {indices[i + 1] + 1} {indices[i + 2] + 1}\n"));
    }

    private static ReadOnlySpan<char> NextToken(ref ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart();
        int end = rest.IndexOfAny(' ', '\t');
        if (end < 0) end = rest.Length;
        var token = rest[..end];
        rest = rest[end..];
        return token;
    }

    private static Vector3 ReadVector(ref ReadOnlySpan<char> rest, string name, int lineNumber, string tooFew) =>
        new(ReadCoordinate(ref rest, name, lineNumber, tooFew), ReadCoordinate(ref rest, name, lineNumber, tooFew), ReadCoordinate(ref rest, name, lineNumber, tooFew));

    private static float ReadCoordinate(ref ReadOnlySpan<char> rest, string name, int lineNumber, string tooFew)
    {
        var token = NextToken(ref rest);
        if (token.IsEmpty) throw Error(name, lineNumber, tooFew);
        if (!float.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
            throw Error(name, lineNumber, $"'{token}' is not a number");
        if (!float.IsFinite(value)) throw Error(name, lineNumber, $"coordinate '{token}' is not finite");
        return value;
    }

    /// <summary>A face corner <c>v</c>, <c>v/vt</c>, <c>v//vn</c> or <c>v/vt/vn</c>: its vertex, and its normal or -1 (the texture coordinate is not read).</summary>
    private static (int Vertex, int Normal) ReadCornerReference(ReadOnlySpan<char> token, int vertices, int normals, string name, int lineNumber)
    {
        int slash = token.IndexOf('/');
        int vertex = Resolve(slash < 0 ? token : token[..slash], token, vertices, "vertex", name, lineNumber);
        if (slash < 0) return (vertex, -1);
        var afterTexture = token[(slash + 1)..];
        int second = afterTexture.IndexOf('/');
        if (second < 0 || second == afterTexture.Length - 1) return (vertex, -1);
        return (vertex, Resolve(afterTexture[(second + 1)..], token, normals, "normal", name, lineNumber));
    }

    /// <summary>A 1-based or negative (relative) reference to one of the <paramref name="defined"/> items as a 0-based index.</summary>
    private static int Resolve(ReadOnlySpan<char> number, ReadOnlySpan<char> token, int defined, string what, string name, int lineNumber)
    {
        if (!int.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index) || index == 0)
            throw Error(name, lineNumber, $"'{token}' is not a {what} reference");
        int resolved = index > 0 ? index - 1 : defined + index;
        if (resolved < 0 || resolved >= defined)
            throw Error(name, lineNumber, $"{what} reference {index} is out of range: {defined} {(what == "vertex" ? "vertices" : "normals")} are defined before this face");
        return resolved;
    }

    private static InvalidDataException Error(string name, int lineNumber, string message) => new($"{name}, line {lineNumber}: {message}.");
}
