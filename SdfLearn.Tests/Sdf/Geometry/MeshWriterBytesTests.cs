using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using SdfLearn.Sdf.Geometry;

namespace SdfLearn.Tests.Sdf.Geometry;

/// <summary>
/// The writers' bytes for a mesh without normals, pinned by hash: they are the bytes the writers gave before they
/// learnt to write normals (the hashes were taken from that version), so files written then and now stay identical.
/// </summary>
public class MeshWriterBytesTests
{
    private static TriangleMesh Mesh() => ParametricMeshes.Torus(new Torus(new Vector3(1, 2, 3), 2f, 0.8f), 24, 12);

    private static string Hash(Action<Stream> write)
    {
        var stream = new MemoryStream();
        write(stream);
        return Convert.ToHexString(SHA256.HashData(stream.ToArray()))[..32]; // 128 bits are plenty
    }

    [Fact]
    public void AMeshWithoutNormalsIsWrittenByteForByteAsBefore()
    {
        var mesh = Mesh();
        Assert.Equal("0B4B25F64EF7468C7408A699E6B42BB8", Hash(stream => GlbWriter.Write(stream, mesh)));
        Assert.Equal("F3F2667362BEEC9D7382AC4A74415DFF", Hash(stream => PlyWriter.Write(stream, mesh, PlyEncoding.Ascii, ["pinned"])));
        Assert.Equal("F66EDF48A6DD06DA8EF42CC54D65C8E9", Hash(stream => PlyWriter.Write(stream, mesh, PlyEncoding.BinaryLittleEndian)));
        Assert.Equal("83085F0ADBA4E1CFFFB05E18784DBB10", Hash(stream => PlyWriter.Write(stream, mesh, PlyEncoding.BinaryBigEndian)));
        Assert.Equal("E7303670AA13C76C822DDE73BCA2366E", Hash(stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            ObjFormat.Write(writer, mesh);
        }));
    }
}
