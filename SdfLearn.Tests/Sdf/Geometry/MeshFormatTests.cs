using System.Numerics;
using System.Text;
using SdfLearn.Sdf.Geometry;

namespace SdfLearn.Tests.Sdf.Geometry;

public class MeshFormatTests
{
    private static TriangleMesh Tetrahedron() => new(
        [new Vector3(0, 0, 0), new Vector3(1, 0, 0), new Vector3(0, 1, 0), new Vector3(0, 0, 1.5f)],
        [0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3]);

    private static TriangleMesh ReadObj(string text) => ObjFormat.Read(new StringReader(text), "test.obj");

    private static TriangleMesh ReadPly(byte[] bytes) => PlyReader.Read(new MemoryStream(bytes), "test.ply");

    private static TriangleMesh ReadPly(string text) => ReadPly(Encoding.ASCII.GetBytes(text));

    [Fact]
    public void ObjReadsPolygonsSlashesNegativeIndicesAndSkipsOtherStatements()
    {
        var mesh = ReadObj("# quad\nmtllib a.mtl\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvn 0 0 1\nvt 0 0\ng side\nf 1/1/1 2/1/1 3//1 -1\n");
        Assert.Equal(4, mesh.VertexCount);
        Assert.Equal([0, 1, 2, 0, 2, 3], mesh.Indices);
    }

    [Theory]
    [InlineData("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 4\n", "line 4")]
    [InlineData("v 0 0 0\nv 1 nan 0\n", "line 2")]
    [InlineData("v 0 0\n", "line 1")]
    [InlineData("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2\n", "line 4")]
    [InlineData("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 x 3\n", "line 4")]
    public void ObjErrorsNameFileAndLine(string text, string where)
    {
        var error = Assert.Throws<InvalidDataException>(() => ReadObj(text));
        Assert.Contains("test.obj", error.Message);
        Assert.Contains(where, error.Message);
    }

    [Theory]
    [InlineData(PlyEncoding.Ascii)]
    [InlineData(PlyEncoding.BinaryLittleEndian)]
    [InlineData(PlyEncoding.BinaryBigEndian)]
    public void PlyRoundTripsEveryEncoding(PlyEncoding encoding)
    {
        var mesh = Tetrahedron();
        var stream = new MemoryStream();
        PlyWriter.Write(stream, mesh, encoding, ["made by a test"]);
        var back = ReadPly(stream.ToArray());
        Assert.Equal(mesh.Positions, back.Positions);
        Assert.Equal(mesh.Indices, back.Indices);
    }

    [Fact]
    public void ObjRoundTripsExactly()
    {
        var mesh = Tetrahedron().Transformed(new SimilarityTransform(0.1f, new Vector3(1e-3f, 7, -2)));
        var text = new StringWriter();
        ObjFormat.Write(text, mesh);
        var back = ReadObj(text.ToString());
        Assert.Equal(mesh.Positions, back.Positions);
        Assert.Equal(mesh.Indices, back.Indices);
    }

    [Fact]
    public void PlyReadsOtherTypesExtraPropertiesAndPolygons()
    {
        var mesh = ReadPly("ply\nformat ascii 1.0\ncomment x\nelement vertex 4\nproperty double x\nproperty double y\nproperty double z\nproperty uchar red\n" +
            "element face 1\nproperty uchar flags\nproperty list uchar uint vertex_index\nelement edge 1\nproperty int a\nproperty int b\nend_header\n" +
            "0 0 0 255\n1 0 0 0\n1 1 0 0\n0 1 0 0\n7 4 0 1 2 3\n0 1\n");
        Assert.Equal(4, mesh.VertexCount);
        Assert.Equal([0, 1, 2, 0, 2, 3], mesh.Indices);
    }

    [Fact]
    public void PlyErrorsNameFileAndWhere()
    {
        const string header = "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n";
        Assert.Contains("line 12", Assert.Throws<InvalidDataException>(() => ReadPly(header + "0 0 0\n1 0 0\n0 1 nan\n3 0 1 2\n")).Message);
        Assert.Contains("line 13", Assert.Throws<InvalidDataException>(() => ReadPly(header + "0 0 0\n1 0 0\n0 1 0\n3 0 1 3\n")).Message);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => ReadPly(header + "0 0 0\n1 0 0\n0 1 0\n3 0 1\n")).Message);
        Assert.Contains("line 1", Assert.Throws<InvalidDataException>(() => ReadPly("plx\n")).Message);
        Assert.Contains("end_header", Assert.Throws<InvalidDataException>(() => ReadPly("ply\nformat ascii 1.0\n")).Message);
    }

    [Fact]
    public void BinaryPlyTruncationNamesTheOffsetAndHugeCountsAreRefusedBeforeAllocating()
    {
        var stream = new MemoryStream();
        PlyWriter.Write(stream, Tetrahedron());
        var bytes = stream.ToArray();
        var truncated = Assert.Throws<InvalidDataException>(() => ReadPly(bytes[..^5]));
        Assert.Contains("test.ply", truncated.Message);
        Assert.Contains("byte offset", truncated.Message);

        var huge = Encoding.ASCII.GetBytes("ply\nformat binary_little_endian 1.0\nelement vertex 2000000000\nproperty float x\nproperty float y\nproperty float z\nend_header\n")
            .Concat(new byte[24]).ToArray();
        Assert.Contains("2000000000", Assert.Throws<InvalidDataException>(() => ReadPly(huge)).Message);

        var badIndex = (byte[])bytes.Clone();
        badIndex[^1] = 0x7f; // the last index becomes huge (little-endian high byte)
        Assert.Contains("refers to vertex", Assert.Throws<InvalidDataException>(() => ReadPly(badIndex)).Message);
    }

    [Fact]
    public void MeshFileWritesAndReadsByExtension()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"sdflearn-mesh-{Guid.NewGuid():N}");
        try
        {
            var mesh = Tetrahedron();
            foreach (string name in new[] { "a.obj", "b.ply" })
            {
                string path = Path.Combine(folder, name);
                MeshFile.Write(path, mesh);
                Assert.Equal(mesh.Positions, MeshFile.Read(path).Positions);
            }
            Assert.Throws<NotSupportedException>(() => MeshFile.Read(Path.Combine(folder, "c.stl")));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }
    }
}
