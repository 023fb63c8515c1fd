namespace SdfLearn.Sdf.Architectures;

/// <summary>How <see cref="DeepSdfVae{T}"/> weighs its reconstruction term against the KL term.</summary>
public enum DeepSdfVaeReconstruction
{
    /// <summary>
    /// The likelihood of the image's S² values, their squared error estimated from the query points (mean × S²): the
    /// vanilla VAE's scale, so the ELBO keeps its balance. The default.
    /// </summary>
    ImageSum,

    /// <summary>
    /// The likelihood of one value whose squared error is the mean over the query points: with sigma² = 1/2 that is the
    /// original experiment's mean squared error, thousands of times smaller than <see cref="ImageSum"/>'s, so the KL
    /// term dominates and the latents collapse. Kept to show that failure.
    /// </summary>
    PointMean,
}
