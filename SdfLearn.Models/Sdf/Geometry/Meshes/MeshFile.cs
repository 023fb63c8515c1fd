using SdfLearn.Core.IO;
namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Reads and writes meshes by file extension: <c>.obj</c> (<see cref="ObjFormat"/>), <c>.ply</c> (<see cref="PlyReader"/>,
/// <see cref="PlyWriter"/>) or binary glTF <c>.glb</c> (<see cref="GlbReader"/>, <see cref="GlbWriter"/>).
/// </summary>
public static class MeshFile
{
    private const string Supported = "expected .obj, .ply or .glb";

    /// <summary>Reads the mesh at <paramref name="path"/>.</summary>
    /// <exception cref="NotSupportedException">The extension is none of .obj, .ply and .glb.</exception>
    /// <exception cref="InvalidDataException">The file is malformed; the message names the file and the line, byte offset or JSON path.</exception>
    public static TriangleMesh Read(string path) => Extension(path) switch
    {
        ".obj" => ObjFormat.Read(path),
        ".ply" => PlyReader.Read(path),
        ".glb" => GlbReader.Read(path),
        var other => throw new NotSupportedException($"{path}: unknown mesh extension '{other}' ({Supported})."),
    };

    /// <summary>
    /// Writes <paramref name="mesh"/> to <paramref name="path"/> (.obj, .glb, or .ply in <paramref name="plyEncoding"/>),
    /// creating its folder; the file appears whole or not at all.
    /// </summary>
    /// <exception cref="NotSupportedException">The extension is none of .obj, .ply and .glb.</exception>
    public static void Write(string path, TriangleMesh mesh, PlyEncoding plyEncoding = PlyEncoding.BinaryLittleEndian)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        string extension = Extension(path);
        if (extension is not (".obj" or ".ply" or ".glb"))
            throw new NotSupportedException($"{path}: unknown mesh extension '{extension}' ({Supported}).");
        AtomicFile.Write(path, file =>
        {
            if (extension == ".ply") PlyWriter.Write(file, mesh, plyEncoding);
            else if (extension == ".glb") GlbWriter.Write(file, mesh);
            else
            {
                using var writer = new StreamWriter(file, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
                ObjFormat.Write(writer, mesh);
            }
        });
    }

    private static string Extension(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Path.GetExtension(path).ToLowerInvariant();
    }
}
