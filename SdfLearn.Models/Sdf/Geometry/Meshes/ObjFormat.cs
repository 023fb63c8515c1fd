using System.Globalization;
using System.Numerics;
using System.Text;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Wavefront OBJ meshes: <c>v</c> and <c>f</c> lines are read (faces of any size, fan-triangulated; <c>a/b/c</c>,
/// <c>a//c</c> and negative, relative indices allowed), other statements (normals, texture coordinates, groups,
/// materials) are skipped. Written with one <c>v</c> line per vertex and one <c>f</c> line per triangle.
/// </summary>
public static class ObjFormat
{
    /// <summary>Reads a mesh from <paramref name="reader"/>; <paramref name="name"/> names the source in error messages.</summary>
    /// <exception cref="InvalidDataException">A line is malformed, a coordinate is not finite, or a face refers to a vertex not defined before it; the message names the file and line.</exception>
    public static TriangleMesh Read(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var positions = new List<Vector3>();
        var indices = new List<int>();
        var face = new List<int>();
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
                var p = new Vector3(ReadCoordinate(ref rest, name, lineNumber), ReadCoordinate(ref rest, name, lineNumber), ReadCoordinate(ref rest, name, lineNumber));
                positions.Add(p);
            }
            else if (keyword.SequenceEqual("f"))
            {
                face.Clear();
                for (var token = NextToken(ref rest); !token.IsEmpty; token = NextToken(ref rest))
                    face.Add(ReadVertexReference(token, positions.Count, name, lineNumber));
                if (face.Count < 3) throw Error(name, lineNumber, $"a face needs at least 3 vertices, this one has {face.Count}");
                for (int k = 1; k + 1 < face.Count; k++) indices.AddRange([face[0], face[k], face[k + 1]]);
            }
        }
        return new TriangleMesh([.. positions], [.. indices]);
    }

    /// <summary>Reads the OBJ file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is malformed (see <see cref="Read(TextReader, string)"/>).</exception>
    public static TriangleMesh Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, path);
    }

    /// <summary>Writes <paramref name="mesh"/> as OBJ text, coordinates in round-trip precision.</summary>
    public static void Write(TextWriter writer, TriangleMesh mesh)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(mesh);
        writer.Write($"# SdfLearn mesh: {mesh.VertexCount} vertices, {mesh.TriangleCount} triangles\n");
        foreach (var p in mesh.Positions)
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"v {p.X:R} {p.Y:R} {p.Z:R}\n"));
        var indices = mesh.Indices;
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

    private static float ReadCoordinate(ref ReadOnlySpan<char> rest, string name, int lineNumber)
    {
        var token = NextToken(ref rest);
        if (token.IsEmpty) throw Error(name, lineNumber, "a vertex needs three coordinates");
        if (!float.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
            throw Error(name, lineNumber, $"'{token}' is not a number");
        if (!float.IsFinite(value)) throw Error(name, lineNumber, $"coordinate '{token}' is not finite");
        return value;
    }

    private static int ReadVertexReference(ReadOnlySpan<char> token, int defined, string name, int lineNumber)
    {
        int slash = token.IndexOf('/');
        var number = slash < 0 ? token : token[..slash];
        if (!int.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index) || index == 0)
            throw Error(name, lineNumber, $"'{token}' is not a vertex reference");
        int resolved = index > 0 ? index - 1 : defined + index;
        if (resolved < 0 || resolved >= defined)
            throw Error(name, lineNumber, $"vertex reference {index} is out of range: {defined} vertices are defined before this face");
        return resolved;
    }

    private static InvalidDataException Error(string name, int lineNumber, string message) => new($"{name}, line {lineNumber}: {message}.");
}
