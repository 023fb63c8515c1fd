using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Optimizers;

/// <summary>Gradient clipping, as <c>torch.nn.utils.clip_grad_norm_</c>.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales the gradients of the parameters that require one so that their global L2 norm (over all of them together)
    /// is at most <paramref name="maxNorm"/>: each gradient is multiplied by <c>min(1, maxNorm / (norm + 1e-6))</c>.
    /// Returns the norm before clipping. If that norm is not finite the gradients are left untouched (unlike PyTorch,
    /// which would spread the NaN), so the caller can detect it and skip the step.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not positive.</exception>
    public static double ClipByGlobalNorm<T>(IEnumerable<Parameter<T>> parameters, double maxNorm)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNorm);
        var withGradients = parameters.Where(p => p.RequiresGrad).ToList();
        double sumOfSquares = 0;
        foreach (var parameter in withGradients)
            sumOfSquares += double.CreateTruncating(TensorPrimitives.SumOfSquares<T>(parameter.Grad.Span));
        double norm = Math.Sqrt(sumOfSquares);
        double coefficient = maxNorm / (norm + 1e-6);
        if (double.IsFinite(norm) && coefficient < 1)
        {
            foreach (var parameter in withGradients)
                TensorPrimitives.Multiply(parameter.Grad.Span, T.CreateTruncating(coefficient), parameter.Grad.Span);
        }
        return norm;
    }
}
