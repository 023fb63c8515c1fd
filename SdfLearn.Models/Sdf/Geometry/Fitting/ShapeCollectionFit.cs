using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Sdf.Geometry;

/// <summary>An auto-decoder trained on a shape collection (<see cref="ShapeCollectionFitter"/>): one code per shape, one decoder for all.</summary>
/// <param name="Model">The decoder and the codes.</param>
/// <param name="Normalizations">Each shape's input coordinates → its normalised frame.</param>
/// <param name="EpochLosses">The mean training loss (without the code prior) of every epoch.</param>
public sealed record ShapeCollectionFit(DeepSdfAutoDecoder<float> Model, IReadOnlyList<SimilarityTransform> Normalizations, IReadOnlyList<double> EpochLosses)
{
    /// <summary>Shape <paramref name="shape"/>'s code.</summary>
    public float[] Code(int shape)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)shape, (uint)Model.ShapeCount, nameof(shape));
        int size = Model.LatentSize;
        return Model.Latents.Value.Span.Slice(shape * size, size).ToArray();
    }

    /// <summary>The code (1 - <paramref name="t"/>) · code(a) + <paramref name="t"/> · code(b).</summary>
    public float[] Interpolate(int a, int b, float t)
    {
        float[] from = Code(a), code = new float[from.Length];
        LatentPaths.Between(from, Code(b), t, code);
        return code;
    }

    /// <summary>The field of a code in the normalised frame.</summary>
    public SignedDistanceBatch Field(float[] code) => DecoderField.Of(Model.Decoder, code);

    /// <summary>The exact gradient ∇f of a code's field in the normalised frame.</summary>
    public GradientBatch Gradient(float[] code) => DecoderField.GradientOf(Model.Decoder, code);

    /// <summary>
    /// The eikonal residual mean ||∇f| − 1| of shape <paramref name="shape"/>'s field at <paramref name="count"/> points
    /// drawn uniformly from the unit cube with <paramref name="seed"/>: 0 for a true signed distance.
    /// </summary>
    public double EikonalResidual(int shape, int count = 65536, ulong seed = 0) => FieldMetrics.EikonalResidual(Gradient(Code(shape)), count, seed);

    /// <summary>
    /// Shape <paramref name="shape"/>'s learnt surface by marching cubes at <paramref name="resolution"/>³ cells over the
    /// unit cube, in its input mesh's coordinates; with <paramref name="fieldNormals"/>, each vertex carries the field's
    /// outward normal ∇f / |∇f| (as <see cref="MeshFit.ExtractMesh"/>).
    /// </summary>
    public TriangleMesh ExtractMesh(int shape, int resolution = 128, bool fieldNormals = true)
    {
        var code = Code(shape);
        return MeshFit.Extract(Field(code), Gradient(code), Normalizations[shape], resolution, fieldNormals);
    }
}
