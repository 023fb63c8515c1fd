namespace SdfLearn.Sdf.Evaluation;

/// <summary>Where the latents of generated samples come from (<see cref="RunFigures.SaveSamples"/>).</summary>
public enum LatentSampling
{
    /// <summary>A VAE's prior: N(0, I), or the mixture it learnt or fitted (<see cref="Training.FieldModelConfig.PriorComponents"/>).</summary>
    Prior,

    /// <summary>
    /// A full-covariance Gaussian fitted to the training fields' latents (posterior means for a VAE): the only choice for
    /// a plain autoencoder, and for a VAE the linear second stage of a two-stage VAE, which draws from where its codes
    /// actually lie when the aggregate posterior has drifted from N(0, I) (docs/likelihood.md).
    /// </summary>
    FittedGaussian,

    /// <summary>
    /// A mixture of full-covariance Gaussians fitted by EM to the same codes (<see cref="LatentMixture"/>): the
    /// ex-post density estimate of Ghosh et al. (2020), which follows codes that fill several separate regions, where
    /// one Gaussian also draws from the empty space between them.
    /// </summary>
    FittedMixture,
}
