namespace SdfLearn.Sdf.Architectures;

/// <summary>How <see cref="DeepSdfVae{T}"/> weighs its reconstruction term against the KL term.</summary>
public enum DeepSdfVaeReconstruction
{
    /// <summary>
    /// Squared error summed over the image, estimated from the query points (mean × S²): the vanilla VAE's scale,
    /// so the ELBO keeps its balance. The default.
    /// </summary>
    ImageSum,

    /// <summary>
    /// Mean squared error over the query points, as the original experiment did: thousands of times smaller than
    /// <see cref="ImageSum"/>, so the KL term dominates and the latents collapse. Kept to show that failure.
    /// </summary>
    PointMean,
}
