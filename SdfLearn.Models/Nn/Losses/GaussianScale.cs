namespace SdfLearn.Nn.Losses;

/// <summary>Where the scale sigma of a <see cref="GaussianLikelihood{T}"/> comes from.</summary>
public enum GaussianScale
{
    /// <summary>A constant sigma, given when the likelihood is made.</summary>
    Fixed,

    /// <summary>One learnt log-sigma, shared by all samples: the parameter <c>log_sigma</c>, trained with the model.</summary>
    Learnt,

    /// <summary>
    /// The analytic optimum of each sample, <c>sigma*² = SSE_i / D</c>, so <c>NLL_i = D/2 · (log(2π sigma*²) + 1)</c>
    /// (the optimal sigma of the sigma-VAE, Rybkin, Daniilidis and Levine, ICML 2021, taken per sample).
    /// </summary>
    OptimalPerSample,

    /// <summary>
    /// The analytic optimum shared by the batch, <c>sigma*² = mean_i SSE_i / D</c>: the sigma-VAE's optimal sigma, one
    /// value for the batch as in the paper's implementation.
    /// </summary>
    OptimalBatch,
}
