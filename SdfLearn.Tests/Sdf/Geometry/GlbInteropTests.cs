using System.Numerics;
using SdfLearn.Sdf.Geometry;
using SharpGLTF.Schema2;
using SharpGLTF.Validation;

namespace SdfLearn.Tests.Sdf.Geometry;

/// <summary>
/// Our GLB files against an independent glTF implementation (SharpGLTF, tests only): it validates and reads what we
/// write, and we read what it writes, with node hierarchies, TRS and matrix transforms, a mirror, unsigned short and
/// byte indices, interleaved (strided) vertex data and non-indexed primitives.
/// </summary>
public class GlbInteropTests
{
    private static readonly Vector3[] Corners = [new(0, 0, 0), new(1, 0, 0), new(0, 1, 0), new(0, 0, 1.5f)];
    private static readonly int[] Faces = [0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3];

    [Fact]
    public void SharpGltfValidatesAndReadsWhatWeWrite()
    {
        var mesh = new TriangleMesh(Corners, Faces).Transformed(new SimilarityTransform(0.1f, new Vector3(1e-3f, 7, -2)));
        var stream = new MemoryStream();
        GlbWriter.Write(stream, mesh);
        stream.Position = 0;

        var model = ModelRoot.ReadGLB(stream, new ReadSettings { Validation = ValidationMode.Strict });
        Assert.Equal("SdfLearn", model.Asset.Generator);
        var node = Assert.Single(model.DefaultScene.VisualChildren);
        var primitive = Assert.Single(node.Mesh.Primitives);
        Assert.Equal(PrimitiveType.TRIANGLES, primitive.DrawPrimitiveType);
        Assert.Equal(mesh.Positions, primitive.GetVertexAccessor("POSITION").AsVector3Array().ToArray());
        Assert.Equal(EncodingType.UNSIGNED_SHORT, primitive.IndexAccessor.Encoding);
        Assert.Equal(mesh.Indices, primitive.GetIndices().Select(i => (int)i).ToArray());
    }

    [Fact]
    public void SharpGltfValidatesAndReadsOurNormals()
    {
        var tetrahedron = new TriangleMesh(Corners, Faces);
        var mesh = tetrahedron.WithNormals(VertexNormals.FromFaces(tetrahedron));
        var stream = new MemoryStream();
        GlbWriter.Write(stream, mesh);
        stream.Position = 0;

        var model = ModelRoot.ReadGLB(stream, new ReadSettings { Validation = ValidationMode.Strict });
        var primitive = Assert.Single(Assert.Single(model.DefaultScene.VisualChildren).Mesh.Primitives);
        Assert.Equal(mesh.Positions, primitive.GetVertexAccessor("POSITION").AsVector3Array().ToArray());
        Assert.Equal(mesh.Normals, primitive.GetVertexAccessor("NORMAL").AsVector3Array().ToArray());
        Assert.Equal(mesh.Indices, primitive.GetIndices().Select(i => (int)i).ToArray());
    }

    [Fact]
    public void WeReadNormalsThroughRotationsNonUniformScalesAndMirrors()
    {
        // The tetrahedron's area-weighted normals, placed by nodes of every kind of transform. Face normals move by
        // the cofactor of a transform's linear part, det · L⁻ᵀ, and the reader swaps a mirrored triangle's corners,
        // which cancels det's sign: so the placed mesh's own area-weighted normals are what NORMAL must become.
        var tetrahedron = new TriangleMesh(Corners, Faces);
        var normals = VertexNormals.FromFaces(tetrahedron);
        var model = ModelRoot.CreateModel();
        var scene = model.UseScene("scene");
        var parent = scene.CreateNode("parent");
        parent.LocalTransform = new SharpGLTF.Transforms.AffineTransform(new Vector3(2, 0.5f, 3), Quaternion.CreateFromYawPitchRoll(0.3f, -0.2f, 1.1f), new Vector3(1, -2, 3));
        var child = parent.CreateNode("child");
        child.LocalMatrix = Matrix4x4.CreateRotationZ(0.7f) * Matrix4x4.CreateScale(1, 1, -0.5f) * Matrix4x4.CreateTranslation(0.5f, 0, 0);
        var mirrored = scene.CreateNode("mirrored");
        mirrored.LocalTransform = new SharpGLTF.Transforms.AffineTransform(new Vector3(-1, 1, 1), Quaternion.CreateFromYawPitchRoll(-0.4f, 0.1f, 0), new Vector3(5, 0, 0));
        foreach (var (node, name) in new[] { (parent, "parent"), (child, "child"), (mirrored, "mirrored") })
        {
            var positions = model.CreateAccessor();
            positions.SetVertexData(model.UseBufferView(Corners.SelectMany(Bytes).ToArray(), 12, BufferMode.ARRAY_BUFFER), 0, Corners.Length, SharpGLTF.Memory.AttributeFormat.Float3);
            var normalData = model.CreateAccessor();
            normalData.SetVertexData(model.UseBufferView(normals.SelectMany(Bytes).ToArray(), 12, BufferMode.ARRAY_BUFFER), 0, normals.Length, SharpGLTF.Memory.AttributeFormat.Float3);
            var indices = model.CreateAccessor();
            indices.SetIndexData(model.UseBufferView(Faces.Select(i => (byte)i).ToArray(), 0, BufferMode.ELEMENT_ARRAY_BUFFER), 0, Faces.Length, IndexEncodingType.UNSIGNED_BYTE);
            node.Mesh = model.CreateMesh(name);
            var primitive = node.Mesh.CreatePrimitive();
            primitive.SetVertexAccessor("POSITION", positions);
            primitive.SetVertexAccessor("NORMAL", normalData);
            primitive.SetIndexAccessor(indices);
        }

        var mesh = GlbReader.Read(new MemoryStream(model.WriteGLB().ToArray()), "normals.glb");

        Assert.Equal(3 * Corners.Length, mesh.VertexCount);
        Assert.NotNull(mesh.Normals);
        var expected = VertexNormals.FromFaces(mesh);
        for (int i = 0; i < mesh.VertexCount; i++)
        {
            Assert.True(MathF.Abs(mesh.Normals[i].Length() - 1) < 1e-5f, $"normal {i} {mesh.Normals[i]} is not a unit vector");
            AssertClose(expected[i], mesh.Normals[i]);
        }
        Assert.NotEqual(normals[0], mesh.Normals[0]);
    }

    [Fact]
    public void WeReadSharpGltfHierarchiesTransformsStridedViewsAndIndexKinds()
    {
        var model = ModelRoot.CreateModel();
        var scene = model.UseScene("scene");
        var parent = scene.CreateNode("parent");
        parent.LocalTransform = new SharpGLTF.Transforms.AffineTransform(new Vector3(2, 1, 3), Quaternion.CreateFromYawPitchRoll(0.3f, -0.2f, 1.1f), new Vector3(1, -2, 3));
        var child = parent.CreateNode("child");
        child.LocalMatrix = Matrix4x4.CreateRotationZ(0.7f) * Matrix4x4.CreateTranslation(0.5f, 0, 0);
        var mirrored = scene.CreateNode("mirrored");
        mirrored.LocalTransform = new SharpGLTF.Transforms.AffineTransform(new Vector3(-1, 1, 1), Quaternion.Identity, new Vector3(5, 0, 0));

        // Positions interleaved with a second VEC3 (24-byte stride), u16 indices, under the transformed child.
        var interleaved = new byte[Corners.Length * 24];
        for (int i = 0; i < Corners.Length; i++)
        {
            Write(interleaved.AsSpan(24 * i), Corners[i]);
            Write(interleaved.AsSpan(24 * i + 12), Vector3.UnitZ);
        }
        var vertices = model.UseBufferView(interleaved, 24, BufferMode.ARRAY_BUFFER);
        var positions = model.CreateAccessor();
        positions.SetVertexData(vertices, 0, Corners.Length, SharpGLTF.Memory.AttributeFormat.Float3);
        var other = model.CreateAccessor();
        other.SetVertexData(vertices, 12, Corners.Length, SharpGLTF.Memory.AttributeFormat.Float3);
        var shortIndices = model.CreateAccessor();
        shortIndices.SetIndexData(model.UseBufferView(Faces.SelectMany(i => BitConverter.GetBytes((ushort)i)).ToArray(), 0, BufferMode.ELEMENT_ARRAY_BUFFER),
            0, Faces.Length, IndexEncodingType.UNSIGNED_SHORT);
        child.Mesh = model.CreateMesh("strided");
        var stridedPrimitive = child.Mesh.CreatePrimitive();
        stridedPrimitive.SetVertexAccessor("POSITION", positions);
        stridedPrimitive.SetVertexAccessor("NORMAL", other);
        stridedPrimitive.SetIndexAccessor(shortIndices);

        // The same tetrahedron, mirrored: once with u8 indices, once non-indexed (each triangle's corners spelt out).
        var byteIndices = model.CreateAccessor();
        byteIndices.SetIndexData(model.UseBufferView(Faces.Select(i => (byte)i).ToArray(), 0, BufferMode.ELEMENT_ARRAY_BUFFER),
            0, Faces.Length, IndexEncodingType.UNSIGNED_BYTE);
        var tightPositions = model.CreateAccessor();
        tightPositions.SetVertexData(model.UseBufferView(Corners.SelectMany(Bytes).ToArray(), 12, BufferMode.ARRAY_BUFFER), 0, Corners.Length,
            SharpGLTF.Memory.AttributeFormat.Float3);
        var soup = model.CreateAccessor();
        soup.SetVertexData(model.UseBufferView(Faces.SelectMany(i => Bytes(Corners[i])).ToArray(), 12, BufferMode.ARRAY_BUFFER), 0, Faces.Length,
            SharpGLTF.Memory.AttributeFormat.Float3);
        mirrored.Mesh = model.CreateMesh("mirrored");
        var indexed = mirrored.Mesh.CreatePrimitive();
        indexed.SetVertexAccessor("POSITION", tightPositions);
        indexed.SetIndexAccessor(byteIndices);
        mirrored.Mesh.CreatePrimitive().SetVertexAccessor("POSITION", soup);

        var mesh = GlbReader.Read(new MemoryStream(model.WriteGLB().ToArray()), "sharp.glb");

        Assert.Equal(Corners.Length * 2 + Faces.Length, mesh.VertexCount);
        Assert.Null(mesh.Normals); // the strided primitive has NORMAL, the mirrored ones have not
        Assert.Equal(12, mesh.TriangleCount); // three tetrahedra
        for (int i = 0; i < Corners.Length; i++)
        {
            AssertClose(Vector3.Transform(Corners[i], child.WorldMatrix), mesh.Positions[i]);
            AssertClose(Vector3.Transform(Corners[i], mirrored.WorldMatrix), mesh.Positions[Corners.Length + i]);
        }
        Assert.Equal(Faces, mesh.Indices[..Faces.Length]);
        // Each copy stays a closed surface facing out, so its signed volume is positive, even the mirrored ones: the
        // tetrahedron holds 1 x 1 x 1.5 / 6 = 0.25, times 2 x 1 x 3 under the parent.
        Assert.Equal(1.5, MeshTopology.SignedVolume(mesh, 0, 4), 4);
        Assert.Equal(0.25, MeshTopology.SignedVolume(mesh, 4, 4), 4);
        Assert.Equal(0.25, MeshTopology.SignedVolume(mesh, 8, 4), 4);
    }

    private static void AssertClose(Vector3 expected, Vector3 actual) => Assert.True(Vector3.Distance(expected, actual) < 1e-5f, $"expected {expected}, got {actual}");

    private static byte[] Bytes(Vector3 v)
    {
        var bytes = new byte[12];
        Write(bytes, v);
        return bytes;
    }

    private static void Write(Span<byte> destination, Vector3 v)
    {
        BitConverter.TryWriteBytes(destination, v.X);
        BitConverter.TryWriteBytes(destination[4..], v.Y);
        BitConverter.TryWriteBytes(destination[8..], v.Z);
    }
}
