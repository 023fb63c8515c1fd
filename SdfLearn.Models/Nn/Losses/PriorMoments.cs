using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;

namespace SdfLearn.Nn.Losses;

/// <summary>
/// How far a batch of latent codes is from a standard normal prior in its first two moments:
/// <c>‖mean‖² + ‖Cov − I‖²_F</c>, with the batch mean and the unbiased batch covariance of the codes [B, L]. Added to a
/// VAE's loss with a weight, it pulls the aggregate posterior's mean to 0 and its covariance to I, which the KL term alone
/// does only weakly when the decoder's scale is small (docs/likelihood.md). Composed from tape ops, so its gradient is
/// theirs.
/// </summary>
public static class PriorMoments
{
    /// <summary>The squared distance of the codes' batch mean and covariance from N(0, I)'s, a scalar.</summary>
    /// <param name="codes">Codes [B, L] with B ≥ 2, e.g. the reparameterised samples of a VAE's posterior.</param>
    /// <exception cref="ArgumentException">The codes are not a matrix of at least two rows.</exception>
    public static Variable<T> Mismatch<T>(Variable<T> codes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Shape.Rank != 2 || codes.Shape[0] < 2)
            throw new ArgumentException($"PriorMoments needs codes [B >= 2, L]; got shape {codes.Shape}.", nameof(codes));
        int batch = codes.Shape[0], size = codes.Shape[1];
        var mean = Ops.Mean(codes, 0, keepDims: true);
        var centredT = Ops.Transpose(Ops.Sub(codes, mean));
        var covariance = Ops.Scale(Ops.Linear(centredT, centredT), T.One / T.CreateTruncating(batch - 1));
        var excess = Ops.Sub(covariance, Identity(codes.Tape, size));
        return Ops.Add(Ops.Sum(Ops.Square(mean)), Ops.Sum(Ops.Square(excess)));
    }

    /// <summary>The identity [L, L] in a buffer lent by the tape for the step, so that a training step allocates none.</summary>
    private static Variable<T> Identity<T>(Tape<T> tape, int size) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var identity = tape.Rent(new Shape(size, size));
        identity.Span.Clear();
        for (int i = 0; i < size; i++) identity.Span[i * size + i] = T.One;
        return tape.Constant(identity);
    }
}
