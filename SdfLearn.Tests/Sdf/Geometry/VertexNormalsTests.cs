using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Geometry;
using SdfLearn.Tests.Core.Kernels.Convolution;

namespace SdfLearn.Tests.Sdf.Geometry;

/// <summary>
/// Vertex normals: from a field's gradient at the vertices (outward, at the right point, in chunks on any number of
/// threads, with the face-normal fallback), from the faces, and carried by <see cref="TriangleMesh"/> (validation,
/// transforms) and by the fits' extraction.
/// </summary>
public class VertexNormalsTests
{
    private static readonly Sphere OffCentre = new(new Vector3(0.3f, -0.2f, 0.1f), 0.5f);
    private static readonly BoundingBox Cube = new(new Vector3(-1), new Vector3(1));

    /// <summary>The exact gradient of <paramref name="sphere"/>'s distance, (x − c) / |x − c|.</summary>
    private static GradientBatch SphereGradient(Sphere sphere) => (points, gradients) =>
    {
        for (int i = 0; i < points.Length / 3; i++)
            Vector3.Normalize(new Vector3(points.Slice(3 * i, 3)) - sphere.Center).CopyTo(gradients.Slice(3 * i, 3));
    };

    private static void AssertUnitAndClose(Vector3 expected, Vector3 actual, float tolerance)
    {
        Assert.True(MathF.Abs(actual.Length() - 1) < 1e-5f, $"{actual} is not a unit vector");
        Assert.True(Vector3.Distance(expected, actual) < tolerance, $"expected {expected}, got {actual}");
    }

    [Fact]
    public void AnAnalyticSpheresNormalsAreTheRadialDirectionAtEachVertex()
    {
        // Off the origin, so a normal taken at another point (or in another frame) points elsewhere.
        var mesh = MarchingCubes.Extract(OffCentre.Evaluate, Cube, 32).WithFieldNormals(SphereGradient(OffCentre));
        Assert.NotNull(mesh.Normals);
        for (int i = 0; i < mesh.VertexCount; i++)
            AssertUnitAndClose(Vector3.Normalize(mesh.Positions[i] - OffCentre.Center), mesh.Normals[i], 1e-5f);

        // The library's own central differences of the field agree, and every normal faces the way the triangles do.
        var differences = VertexNormals.FromField(mesh, CentralDifferences.Of(OffCentre.Evaluate), chunkSize: 100);
        var faces = VertexNormals.FromFaces(mesh);
        for (int i = 0; i < mesh.VertexCount; i++)
        {
            AssertUnitAndClose(mesh.Normals[i], differences[i], 1e-3f);
            Assert.True(Vector3.Dot(mesh.Normals[i], faces[i]) > 0.9f, $"vertex {i}: field normal {mesh.Normals[i]}, face normal {faces[i]}");
        }
    }

    [Fact]
    public void WhereTheGradientIsZeroOrNotFiniteTheAreaWeightedFaceNormalIsUsed()
    {
        var mesh = ParametricMeshes.Sphere(OffCentre, 8, 16);
        var exact = SphereGradient(OffCentre);
        GradientBatch broken = (points, gradients) =>
        {
            exact(points, gradients);
            for (int i = 0; i < points.Length / 3; i++)
            {
                if (points[3 * i] <= OffCentre.Center.X) continue;
                if (i % 2 == 0) gradients[3 * i + 1] = float.NaN;
                else gradients.Slice(3 * i, 3).Clear();
            }
        };
        var normals = VertexNormals.FromField(mesh, broken, chunkSize: 7);
        var faces = VertexNormals.FromFaces(mesh);
        for (int i = 0; i < mesh.VertexCount; i++)
        {
            var p = mesh.Positions[i];
            if (p.X > OffCentre.Center.X) Assert.Equal(faces[i], normals[i]);
            else AssertUnitAndClose(Vector3.Normalize(p - OffCentre.Center), normals[i], 1e-6f);
        }
    }

    [Fact]
    public void AreaWeightedFaceNormalsPointOutAndAVertexOfNoTriangleGetsPlusZ()
    {
        var sphere = ParametricMeshes.Sphere(OffCentre, 16, 32);
        var normals = VertexNormals.FromFaces(sphere);
        for (int i = 0; i < sphere.VertexCount; i++)
            Assert.True(Vector3.Dot(normals[i], Vector3.Normalize(sphere.Positions[i] - OffCentre.Center)) > 0.99f, $"vertex {i}: {normals[i]}");

        var lonely = new TriangleMesh([Vector3.Zero, Vector3.UnitX, Vector3.UnitY, new Vector3(5)], [0, 1, 2]);
        Assert.Equal([Vector3.UnitZ, Vector3.UnitZ, Vector3.UnitZ, Vector3.UnitZ], VertexNormals.FromFaces(lonely));
    }

    [Fact]
    public void ADecodersNormalsAreTheSameOnOneThreadAndTwo()
    {
        var decoder = new DeepSdfDecoder<float>(0, new SeededRandom(3), hiddenWidth: 16, hiddenLayers: 3, skipLayer: 2, coordinateDimension: 3);
        decoder.InitializeGeometric(0.5, new SeededRandom(4));
        var mesh = MarchingCubes.Extract(DecoderField.Of(decoder), Cube, 20);
        Assert.True(mesh.VertexCount > 300);
        var normals = ThreadCounts.Run([1, 2], () => VertexNormals.FromField(mesh, DecoderField.GradientOf(decoder), chunkSize: 64));
        Assert.Equal(normals[0], normals[1]);
        // Each normal is the decoder's gradient at that vertex, normalised (chunking moves no vertex).
        var gradients = new float[3 * mesh.VertexCount];
        DecoderField.GradientOf(decoder)(mesh.Positions.SelectMany(p => new[] { p.X, p.Y, p.Z }).ToArray(), gradients);
        for (int i = 0; i < mesh.VertexCount; i++) AssertUnitAndClose(Vector3.Normalize(new Vector3(gradients.AsSpan(3 * i, 3))), normals[0][i], 1e-5f);
    }

    [Fact]
    public void AMeshFitsExtractionCarriesTheFieldsNormalsAtTheVerticesInTheNormalisedFrame()
    {
        // An untrained decoder started as a sphere of radius 0.5 in the normalised frame, which is not the mesh's:
        // normals taken at the vertices in the mesh's coordinates would point from the wrong centre.
        var decoder = new DeepSdfDecoder<float>(0, new SeededRandom(5), hiddenWidth: 16, hiddenLayers: 3, skipLayer: 2, coordinateDimension: 3);
        decoder.InitializeGeometric(0.5, new SeededRandom(6));
        var fit = new MeshFit(decoder, new SimilarityTransform(0.5f, new Vector3(0.2f, -0.1f, 0.3f)), [0.0]);
        var mesh = fit.ExtractMesh(24);
        Assert.NotNull(mesh.Normals);
        Assert.Null(fit.ExtractMesh(24, fieldNormals: false).Normals);

        var normalised = mesh.Positions.SelectMany(p => { var q = fit.Normalization.Apply(p); return new[] { q.X, q.Y, q.Z }; }).ToArray();
        var gradients = new float[normalised.Length];
        fit.Gradient(normalised, gradients);
        var faces = VertexNormals.FromFaces(mesh);
        for (int i = 0; i < mesh.VertexCount; i++)
        {
            AssertUnitAndClose(Vector3.Normalize(new Vector3(gradients.AsSpan(3 * i, 3))), mesh.Normals[i], 1e-5f);
            Assert.True(Vector3.Dot(mesh.Normals[i], faces[i]) > 0.5f, $"vertex {i}: field normal {mesh.Normals[i]} against face normal {faces[i]}");
        }
    }

    [Fact]
    public void AShapeCollectionFitsExtractionCarriesEachCodesFieldNormals()
    {
        var decoder = new DeepSdfDecoder<float>(2, new SeededRandom(7), hiddenWidth: 16, hiddenLayers: 3, skipLayer: 2, coordinateDimension: 3);
        decoder.InitializeGeometric(0.6, new SeededRandom(8));
        var model = new DeepSdfAutoDecoder<float>(decoder, 2, new SeededRandom(9));
        var fit = new ShapeCollectionFit(model, [SimilarityTransform.Identity, new SimilarityTransform(2f, new Vector3(1, 0, 0))], [0.0]);
        var mesh = fit.ExtractMesh(1, 20);
        var expected = MarchingCubes.Extract(fit.Field(fit.Code(1)), MeshFit.UnitCube, 20).WithFieldNormals(fit.Gradient(fit.Code(1)))
            .Transformed(fit.Normalizations[1].Inverse);
        Assert.Equal(expected.Positions, mesh.Positions);
        Assert.Equal(expected.Normals, mesh.Normals);
        Assert.Null(fit.ExtractMesh(1, 20, fieldNormals: false).Normals);
    }

    [Fact]
    public void NormalsMustBeOnePerVertexAndFinite()
    {
        Vector3[] corners = [Vector3.Zero, Vector3.UnitX, Vector3.UnitY];
        var count = Assert.Throws<ArgumentException>(() => new TriangleMesh(corners, [0, 1, 2], [Vector3.UnitZ, Vector3.UnitZ]));
        Assert.Equal("normals", count.ParamName);
        Assert.Contains("2 normals for 3 vertices", count.Message);
        var nan = Assert.Throws<ArgumentException>(() => new TriangleMesh(corners, [0, 1, 2], [Vector3.UnitZ, new Vector3(0, float.NaN, 1), Vector3.UnitZ]));
        Assert.Contains("normal of vertex 1 is not finite", nan.Message);
        Assert.Throws<ArgumentException>(() => new TriangleMesh(corners, [0, 1, 2]).WithNormals([Vector3.UnitZ, Vector3.UnitZ, new Vector3(float.PositiveInfinity)]));
        Assert.Null(new TriangleMesh(corners, [0, 1, 2]).Normals);
        Assert.Throws<ArgumentOutOfRangeException>(() => VertexNormals.FromField(new TriangleMesh(corners, [0, 1, 2]), SphereGradient(OffCentre), chunkSize: 0));
    }

    [Fact]
    public void ASimilarityKeepsNormalsOnTheSurfaceItMovesAndItsInverseBringsThemBack()
    {
        var mesh = ParametricMeshes.Sphere(OffCentre, 8, 16).WithFieldNormals(SphereGradient(OffCentre));
        var transform = new SimilarityTransform(3f, new Vector3(1, -2, 0.5f));
        var moved = mesh.Transformed(transform);
        var centre = transform.Apply(OffCentre.Center);
        for (int i = 0; i < moved.VertexCount; i++) AssertUnitAndClose(Vector3.Normalize(moved.Positions[i] - centre), moved.Normals![i], 1e-5f);
        var back = moved.Transformed(transform.Inverse);
        for (int i = 0; i < back.VertexCount; i++) AssertUnitAndClose(mesh.Normals![i], back.Normals![i], 1e-6f);
        Assert.Equal(mesh.Indices, moved.Indices);

        // Renormalised: a longer normal comes out of length 1.
        var scaled = mesh.WithNormals(mesh.Normals!.Select(n => 4 * n).ToArray()).Transformed(SimilarityTransform.Identity);
        for (int i = 0; i < scaled.VertexCount; i++) AssertUnitAndClose(mesh.Normals![i], scaled.Normals![i], 1e-6f);
    }

    [Fact]
    public void AMirroringTransformKeepsFieldNormalsAndTrianglesFacingOut()
    {
        // p ↦ −2p + t mirrors through a point: the image of the sphere is the sphere around the image of its centre,
        // and its outward normals there are the field's normals mapped by the inverse transpose (−n), with no extra
        // flip for the orientation; the triangles are the ones whose corners must be swapped to stay facing out.
        var mesh = ParametricMeshes.Sphere(OffCentre, 8, 16).WithFieldNormals(SphereGradient(OffCentre));
        var mirror = new SimilarityTransform(-2f, new Vector3(0.5f, 1, -1));
        var mirrored = mesh.Transformed(mirror);
        var centre = mirror.Apply(OffCentre.Center);
        for (int i = 0; i < mirrored.VertexCount; i++) AssertUnitAndClose(Vector3.Normalize(mirrored.Positions[i] - centre), mirrored.Normals![i], 1e-5f);
        Assert.True(MeshTopology.SignedVolume(mirrored, 0, mirrored.TriangleCount) > 0);
        var faces = VertexNormals.FromFaces(mirrored);
        for (int i = 0; i < mirrored.VertexCount; i++) Assert.True(Vector3.Dot(faces[i], mirrored.Normals![i]) > 0.9f);
        var back = mirrored.Transformed(mirror.Inverse);
        Assert.Equal(mesh.Indices, back.Indices);
        for (int i = 0; i < back.VertexCount; i++) AssertUnitAndClose(mesh.Normals![i], back.Normals![i], 1e-5f);
    }
}
