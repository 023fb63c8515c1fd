using SdfLearn.Core.IO;
namespace SdfLearn.Sdf.Geometry;

/// <summary>Reads and writes meshes by file extension: <c>.obj</c> (<see cref="ObjFormat"/>) or <c>.ply</c> (<see cref="PlyReader"/>, <see cref="PlyWriter"/>).</summary>
public static class MeshFile
{
    /// <summary>Reads the mesh at <paramref name="path"/>.</summary>
    /// <exception cref="NotSupportedException">The extension is neither .obj nor .ply.</exception>
    /// <exception cref="InvalidDataException">The file is malformed; the message names the file and the line or byte offset.</exception>
    public static TriangleMesh Read(string path) => Extension(path) switch
    {
        ".obj" => ObjFormat.Read(path),
        ".ply" => PlyReader.Read(path),
        var other => throw new NotSupportedException($"{path}: unknown mesh extension '{other}' (expected .obj or .ply)."),
    };

    /// <summary>
    /// Writes <paramref name="mesh"/> to <paramref name="path"/> (.obj, or .ply in <paramref name="plyEncoding"/>), creating its
    /// folder; the file appears whole or not at all.
    /// </summary>
    /// <exception cref="NotSupportedException">The extension is neither .obj nor .ply.</exception>
    public static void Write(string path, TriangleMesh mesh, PlyEncoding plyEncoding = PlyEncoding.BinaryLittleEndian)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        string extension = Extension(path);
        if (extension is not (".obj" or ".ply"))
            throw new NotSupportedException($"{path}: unknown mesh extension '{extension}' (expected .obj or .ply).");
        AtomicFile.Write(path, file =>
        {
            if (extension == ".ply") PlyWriter.Write(file, mesh, plyEncoding);
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
