using System.Numerics;
using SdfLearn.Sdf.Geometry;
using SharpGLTF.Schema2;

namespace SdfLearn.Tests.Sdf.Geometry;

/// <summary>GlbWriter and GlbReader together: exact round trips, the same bytes every time, the index type by size, empty meshes.</summary>
public class GlbFormatTests
{
    private static TriangleMesh Tetrahedron() => new(
        [new Vector3(0, 0, 0), new Vector3(1, 0, 0), new Vector3(0, 1, 0), new Vector3(0, 0, 1.5f)],
        [0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3]);

    private static byte[] Write(TriangleMesh mesh)
    {
        var stream = new MemoryStream();
        GlbWriter.Write(stream, mesh);
        return stream.ToArray();
    }

    private static TriangleMesh Read(byte[] bytes) => GlbReader.Read(new MemoryStream(bytes), "test.glb");

    [Fact]
    public void RoundTripsExactly()
    {
        var mesh = Tetrahedron().Transformed(new SimilarityTransform(0.1f, new Vector3(1e-3f, 7, -2)));
        var back = Read(Write(mesh));
        Assert.Equal(mesh.Positions, back.Positions);
        Assert.Equal(mesh.Indices, back.Indices);
    }

    [Fact]
    public void NormalsRoundTripExactlyAsANormalAccessorWithoutBounds()
    {
        var torus = ParametricMeshes.Torus(new Torus(new Vector3(1, 2, 3), 2f, 0.8f), 24, 12);
        var mesh = torus.WithNormals(VertexNormals.FromFaces(torus));
        var bytes = Write(mesh);
        var back = Read(bytes);
        Assert.Equal(mesh.Positions, back.Positions);
        Assert.Equal(mesh.Normals, back.Normals);
        Assert.Equal(mesh.Indices, back.Indices);
        Assert.Equal(bytes, Write(back));
        Assert.Equal(0, bytes.Length % 4);

        var primitive = ModelRoot.ParseGLB(bytes).LogicalMeshes[0].Primitives[0];
        var normals = primitive.GetVertexAccessor("NORMAL");
        Assert.Equal(DimensionType.VEC3, normals.Dimensions);
        Assert.Equal(EncodingType.FLOAT, normals.Encoding);
        Assert.Null(Read(Write(torus)).Normals);
        Assert.InRange(bytes.Length - Write(torus).Length - 12 * torus.VertexCount, 0, 160); // the normals, plus a little JSON
    }

    [Fact]
    public void TheSameMeshGivesTheSameBytesFourByteAligned()
    {
        var mesh = ParametricMeshes.Torus(new Torus(new Vector3(1, 2, 3), 2f, 0.8f), 24, 12);
        var first = Write(mesh);
        Assert.Equal(first, Write(mesh));
        Assert.Equal(first, Write(Read(first)));
        Assert.Equal(0, first.Length % 4);
        Assert.Equal(first.Length, BitConverter.ToInt32(first, 8));
    }

    [Theory]
    [InlineData(65_535, EncodingType.UNSIGNED_SHORT)]
    [InlineData(65_536, EncodingType.UNSIGNED_INT)]
    public void IndicesAreShortBelow65536VerticesAndIntFrom(int vertices, EncodingType expected)
    {
        var positions = Enumerable.Range(0, vertices).Select(i => new Vector3(i % 256, i / 256, i % 7)).ToArray();
        var mesh = new TriangleMesh(positions, [0, 1, vertices - 1, vertices - 1, 1, 2]);
        var bytes = Write(mesh);
        var model = ModelRoot.ParseGLB(bytes);
        Assert.Equal(expected, model.LogicalMeshes[0].Primitives[0].IndexAccessor.Encoding);
        Assert.Equal(mesh.Indices, Read(bytes).Indices);
    }

    [Fact]
    public void AMeshWithoutTrianglesIsAnEmptySceneThatReadsBackEmpty()
    {
        var bytes = Write(new TriangleMesh([], []));
        Assert.Empty(ModelRoot.ParseGLB(bytes).DefaultScene.VisualChildren);
        var back = Read(bytes);
        Assert.Equal(0, back.VertexCount);
        Assert.Equal(0, back.TriangleCount);
    }

    [Fact]
    public void MeshFileWritesAndReadsGlbByExtension()
    {
        string folder = Directory.CreateTempSubdirectory("sdflearn-glb-").FullName;
        try
        {
            string path = Path.Combine(folder, "sub", "Mesh.GLB");
            MeshFile.Write(path, Tetrahedron());
            Assert.Equal(Tetrahedron().Positions, MeshFile.Read(path).Positions);
            Assert.Contains(".glb", Assert.Throws<NotSupportedException>(() => MeshFile.Read(Path.Combine(folder, "c.gltf"))).Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
