using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// A decoder trained on one mesh (<see cref="MeshFitter"/>): it maps a point of the normalised frame (the mesh scaled
/// into the unit sphere by <see cref="Normalization"/>) to a signed distance there.
/// </summary>
/// <param name="Decoder">The trained decoder (no latent, 3D coordinates).</param>
/// <param name="Normalization">Input mesh coordinates → the decoder's frame.</param>
/// <param name="EpochLosses">The mean training loss of every epoch.</param>
public sealed record MeshFit(DeepSdfDecoder<float> Decoder, SimilarityTransform Normalization, IReadOnlyList<double> EpochLosses)
{
    /// <summary>The cube [-1, 1]³ of the normalised frame, where the shape lies.</summary>
    public static BoundingBox UnitCube => new(new Vector3(-1), new Vector3(1));

    /// <summary>The learnt field in the normalised frame.</summary>
    public SignedDistanceBatch Field => DecoderField.Of(Decoder);

    /// <summary>The learnt field's exact gradient ∇f in the normalised frame (normals for <see cref="SphereTracer"/>).</summary>
    public GradientBatch Gradient => DecoderField.GradientOf(Decoder);

    /// <summary>
    /// The eikonal residual mean ||∇f| − 1| of the learnt field at <paramref name="count"/> points drawn uniformly from
    /// the unit cube with <paramref name="seed"/>: 0 for a true signed distance.
    /// </summary>
    public double EikonalResidual(int count = 65536, ulong seed = 0) => FieldMetrics.EikonalResidual(Gradient, count, seed);

    /// <summary>
    /// The learnt surface by marching cubes at <paramref name="resolution"/>³ cells over the unit cube, in the input
    /// mesh's coordinates; with <paramref name="fieldNormals"/>, each vertex carries the learnt field's outward normal
    /// ∇f / |∇f| (<see cref="VertexNormals.FromField"/> with <see cref="Gradient"/>, at the vertex in the normalised frame,
    /// then carried back with it), for smooth shading in viewers.
    /// </summary>
    public TriangleMesh ExtractMesh(int resolution = 128, bool fieldNormals = true) =>
        Extract(Field, Gradient, Normalization, resolution, fieldNormals);

    /// <summary>Marching cubes of <paramref name="field"/> over the unit cube, with normals from <paramref name="gradient"/> when asked, mapped back through <paramref name="normalization"/>.</summary>
    internal static TriangleMesh Extract(SignedDistanceBatch field, GradientBatch gradient, SimilarityTransform normalization, int resolution, bool fieldNormals)
    {
        var mesh = MarchingCubes.Extract(field, UnitCube, resolution);
        if (fieldNormals) mesh = mesh.WithFieldNormals(gradient);
        return mesh.Transformed(normalization.Inverse);
    }
}
