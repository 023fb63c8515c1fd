using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;
using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Sdf.Architectures;

/// <summary>
/// A VAE prior other than N(0, I), saved with the model (under <c>prior.*</c>): the VAE's KL term then is the Monte Carlo
/// estimate <c>log q(z | x) − log p(z)</c> at the sampled code, and the samples a user draws come from it.
/// </summary>
public abstract class LatentPrior<T> : Module<T>, ILatentDistribution where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>log p(z) [B] of codes [B, L], composed from tape ops so that gradients reach z (and any trained parameters).</summary>
    /// <exception cref="ArgumentException">The codes are not [B, L].</exception>
    public abstract Variable<T> LogDensity(Variable<T> z);

    /// <inheritdoc/>
    public abstract int Dimension { get; }

    /// <inheritdoc/>
    public abstract Tensor<float> Sample(int count, SeededRandom random);

    /// <summary>Throws unless <paramref name="z"/> is a batch of codes [B, L] of this prior's dimension.</summary>
    protected void CheckCodes(Variable<T> z)
    {
        ArgumentNullException.ThrowIfNull(z);
        if (z.Shape.Rank != 2 || z.Shape[1] != Dimension)
            throw new ArgumentException($"The prior has dimension {Dimension}; it takes codes [B, {Dimension}], not {z.Shape}.", nameof(z));
    }
}
