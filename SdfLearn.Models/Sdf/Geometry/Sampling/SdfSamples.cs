namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Signed distance samples of a shape in its normalised frame: <see cref="Points"/> holds x, y, z per sample and
/// <see cref="Values"/> the signed distance there (negative inside).
/// </summary>
/// <param name="Points">3 floats per sample.</param>
/// <param name="Values">One signed distance per sample.</param>
/// <param name="Normalization">Maps the input mesh's coordinates to the normalised frame; its inverse maps extracted meshes back.</param>
public sealed record SdfSamples(float[] Points, float[] Values, SimilarityTransform Normalization)
{
    /// <summary>The number of samples.</summary>
    public int Count => Values.Length;
}
