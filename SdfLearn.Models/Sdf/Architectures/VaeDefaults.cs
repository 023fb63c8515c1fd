using System.Numerics;
using SdfLearn.Nn.Losses;

namespace SdfLearn.Sdf.Architectures;

/// <summary>The decoder likelihood the VAEs use unless given one.</summary>
public static class VaeDefaults
{
    /// <summary>
    /// The sigma-VAE's calibrated decoder: sigma at its analytic optimum for the batch (docs/training.md, "The decoder
    /// likelihood"). A unit-variance decoder on SDF values of size 0.1 makes the reconstruction term tiny beside KL.
    /// </summary>
    public static GaussianLikelihood<T> Likelihood<T>() where T : unmanaged, IFloatingPointIeee754<T> => new(GaussianScale.OptimalBatch);
}
