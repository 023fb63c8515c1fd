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
    [InlineData("v 0 0 0\nv 1 0 0\nv 0 1 0\nvn 0 0 1\nf 1//1 2//1 3//2\n", "line 5: normal reference 2 is out of range: 1 normals are defined before this face")]
    [InlineData("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1//1 2//1 3//1\nvn 0 0 1\n", "line 4: normal reference 1 is out of range: 0 normals are defined before this face")]
    [InlineData("v 0 0 0\nv 1 0 0\nv 0 1 0\nvn 0 0 1\nf 1/1/-2 2//1 3//1\n", "line 5: normal reference -2 is out of range")]
    [InlineData("v 0 0 0\nv 1 0 0\nv 0 1 0\nvn 0 0 1\nf 1//x 2//1 3//1\n", "line 5: '1//x' is not a normal reference")]
    [InlineData("v 0 0 0\nvn 0 1\n", "line 2: a normal needs three components")]
    [InlineData("v 0 0 0\nvn 0 NaN 1\n", "line 2: coordinate 'NaN' is not finite")]
    public void ObjErrorsNameFileAndLine(string text, string where)
    {
        var error = Assert.Throws<InvalidDataException>(() => ReadObj(text));
        Assert.Contains($"test.obj, {where}", error.Message);
    }

    [Theory]
    [InlineData(PlyEncoding.Ascii, false)]
    [InlineData(PlyEncoding.BinaryLittleEndian, false)]
    [InlineData(PlyEncoding.BinaryBigEndian, false)]
    [InlineData(PlyEncoding.Ascii, true)]
    [InlineData(PlyEncoding.BinaryLittleEndian, true)]
    [InlineData(PlyEncoding.BinaryBigEndian, true)]
    public void PlyRoundTripsEveryEncoding(PlyEncoding encoding, bool normals)
    {
        var mesh = normals ? TetrahedronWithNormals() : Tetrahedron();
        var stream = new MemoryStream();
        PlyWriter.Write(stream, mesh, encoding, ["made by a test"]);
        var bytes = stream.ToArray();
        Assert.Equal(normals, Encoding.ASCII.GetString(bytes).Contains("property float z\nproperty float nx\nproperty float ny\nproperty float nz\nelement face"));
        AssertSameMesh(mesh, ReadPly(bytes));
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

    private static void AssertSameMesh(TriangleMesh expected, TriangleMesh actual)
    {
        Assert.Equal(expected.Positions, actual.Positions);
        Assert.Equal(expected.Normals, actual.Normals);
        Assert.Equal(expected.Indices, actual.Indices);
    }

    private static TriangleMesh TetrahedronWithNormals()
    {
        var mesh = Tetrahedron();
        return mesh.WithNormals(VertexNormals.FromFaces(mesh));
    }

    [Fact]
    public void PlyReadsNormalsOnlyWithAllThreeComponentsAndNamesANonFiniteOne()
    {
        const string header = "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\n";
        const string faces = "element face 1\nproperty list uchar int vertex_indices\nend_header\n";
        var mesh = ReadPly(header + "property double nz\nproperty uchar flags\nproperty float nx\nproperty float ny\n" + faces + "0 0 0 1 7 0 0\n1 0 0 0.5 7 0.5 0\n0 1 0 0 7 0 -1\n3 0 1 2\n");
        Assert.Equal([new Vector3(0, 0, 1), new Vector3(0.5f, 0, 0.5f), new Vector3(0, -1, 0)], mesh.Normals!);
        Assert.Null(ReadPly(header + "property float nx\nproperty float ny\n" + faces + "0 0 0 1 0\n1 0 0 1 0\n0 1 0 1 0\n3 0 1 2\n").Normals);
        var error = Assert.Throws<InvalidDataException>(() =>
            ReadPly(header + "property float nx\nproperty float ny\nproperty float nz\n" + faces + "0 0 0 0 0 1\n1 0 0 0 nan 1\n0 1 0 0 0 1\n3 0 1 2\n"));
        Assert.Contains("test.ply, line 14: vertex 1 has a non-finite normal component", error.Message);
        Assert.Contains("non-finite coordinate", Assert.Throws<InvalidDataException>(() =>
            ReadPly("ply\nformat ascii 1.0\nelement vertex 1\nproperty double x\nproperty double y\nproperty double z\nend_header\n0 1e300 0\n")).Message);
    }

    [Fact]
    public void ObjRoundTripsNormalsExactlyThroughVnAndDoubleSlashFaces()
    {
        var mesh = TetrahedronWithNormals().Transformed(new SimilarityTransform(0.1f, new Vector3(1e-3f, 7, -2)));
        var text = new StringWriter();
        ObjFormat.Write(text, mesh);
        Assert.Contains("\nvn ", text.ToString());
        Assert.Contains("\nf 1//1 3//3 2//2\n", text.ToString());
        var back = ReadObj(text.ToString());
        AssertSameMesh(mesh, back);
    }

    [Fact]
    public void ObjReadsNormalsFromEitherReferenceFormOnlyWhenEachVertexGetsOne()
    {
        const string vertices = "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 5 5 5\nvn 0 0 1\nvn 0 0 -1\nvt 0 0\n";
        // v/vt/vn and relative v//vn; the vertex no face uses takes the vn of its own number only when the counts match.
        var mesh = ReadObj(vertices + "vn 1 0 0\nvn 0 1 0\nf 1/1/1 -3/1/-4 3//1\n");
        Assert.Equal([new Vector3(0, 0, 1), new Vector3(0, 0, 1), new Vector3(0, 0, 1), new Vector3(0, 1, 0)], mesh.Normals!);
        Assert.Null(ReadObj(vertices + "f 1//1 2//1 3//1\n").Normals);
        // A corner without a normal, or a vertex given two different ones (a hard edge): no normals, same triangles.
        var plain = ReadObj(vertices + "vn 1 0 0\nvn 0 1 0\nf 1//1 2 3//1\n");
        Assert.Null(plain.Normals);
        Assert.Equal([0, 1, 2], plain.Indices);
        Assert.Null(ReadObj(vertices + "vn 1 0 0\nvn 0 1 0\nf 1//1 2//1 3//1\nf 1//2 3//2 4//2\n").Normals);
        Assert.NotNull(ReadObj(vertices + "vn 0 0 1\nvn 0 1 0\nf 1//1 2//1 3//1\nf 1//3 3//3 4//4\n").Normals); // the same vector twice
    }

    [Fact]
    public void MeshFileRoundTripsNormalsInEveryFormat()
    {
        string folder = Directory.CreateTempSubdirectory("sdflearn-normals-").FullName;
        try
        {
            var mesh = TetrahedronWithNormals();
            foreach (string name in new[] { "a.obj", "b.ply", "c.glb" })
            {
                string path = Path.Combine(folder, name);
                MeshFile.Write(path, mesh);
                var back = MeshFile.Read(path);
                Assert.Equal(mesh.Normals, back.Normals);
                Assert.Equal(mesh.Indices, back.Indices);
                MeshFile.Write(path, Tetrahedron());
                Assert.Null(MeshFile.Read(path).Normals);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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
