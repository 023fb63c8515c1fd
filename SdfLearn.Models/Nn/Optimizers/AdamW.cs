using System.Numerics;
using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Optimizers;

/// <summary>
/// AdamW, as <c>torch.optim.AdamW</c>: Adam with decoupled weight decay, <c>p *= 1 - lr * weightDecay</c> before the
/// Adam update (the decay does not enter the moment estimates).
/// </summary>
public sealed class AdamW<T> : Adam<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimiser (PyTorch defaults: lr 1e-3, betas 0.9 / 0.999, eps 1e-8, weight decay 1e-2).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A beta is outside [0, 1), or eps or the weight decay is negative.</exception>
    public AdamW(IEnumerable<Parameter<T>> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 1e-2)
        : base(parameters, learningRate, beta1, beta2, epsilon, weightDecay, decoupledWeightDecay: true)
    {
    }
}
