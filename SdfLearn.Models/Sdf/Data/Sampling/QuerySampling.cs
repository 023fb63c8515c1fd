namespace SdfLearn.Sdf.Data;

/// <summary>How query points for an implicit decoder are chosen in a field.</summary>
public enum QuerySampling
{
    /// <summary>Every pixel centre of the S x S grid, in row-major order (S^2 points, exact values).</summary>
    Grid,

    /// <summary>Points uniform over the square spanned by the pixel centres, values interpolated bilinearly.</summary>
    Uniform,

    /// <summary>
    /// Mostly points close to the zero level set, as DeepSDF samples: surface points perturbed by Gaussian noise of
    /// two widths, plus a share of uniform points; values interpolated bilinearly.
    /// </summary>
    NearSurface,
}
