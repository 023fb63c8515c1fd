using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Optimizers;

/// <summary>
/// Adam, as <c>torch.optim.Adam</c> (weight decay as an L2 term added to the gradient):
/// <c>m = beta1 m + (1 - beta1) g</c>, <c>v = beta2 v + (1 - beta2) g^2</c>,
/// <c>p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)</c>.
/// </summary>
public class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T>[] _expAvg, _expAvgSq;
    private readonly bool _decoupledWeightDecay;

    /// <summary>Creates the optimiser (PyTorch defaults: lr 1e-3, betas 0.9 / 0.999, eps 1e-8, no weight decay).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A beta is outside [0, 1), or eps or the weight decay is negative.</exception>
    public Adam(IEnumerable<Parameter<T>> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0)
        : this(parameters, learningRate, beta1, beta2, epsilon, weightDecay, decoupledWeightDecay: false)
    {
    }

    /// <summary>For <see cref="AdamW{T}"/>: chooses L2 (false) or decoupled (true) weight decay.</summary>
    private protected Adam(IEnumerable<Parameter<T>> parameters, double learningRate, double beta1, double beta2,
        double epsilon, double weightDecay, bool decoupledWeightDecay) : base(parameters, learningRate)
    {
        if (beta1 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in [0, 1).");
        if (beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be in [0, 1).");
        ArgumentOutOfRangeException.ThrowIfNegative(epsilon);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        _decoupledWeightDecay = decoupledWeightDecay;
        _expAvg = AddBuffer("exp_avg");
        _expAvgSq = AddBuffer("exp_avg_sq");
    }

    /// <summary>Decay of the first-moment (mean) estimate.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second-moment (uncentred variance) estimate.</summary>
    public double Beta2 { get; }

    /// <summary>Added to the denominator for numerical stability.</summary>
    public double Epsilon { get; }

    /// <summary>Weight decay factor (an L2 gradient term for Adam, decoupled for AdamW).</summary>
    public double WeightDecay { get; }

    /// <inheritdoc/>
    protected override void Update(int index, Parameter<T> parameter, long step)
    {
        double decay = _decoupledWeightDecay ? 1 - LearningRate * WeightDecay : 1;
        double l2 = _decoupledWeightDecay ? 0 : WeightDecay;
        AdamKernel.Step(parameter.Value.Span, parameter.Grad.Span, _expAvg[index].Span, _expAvgSq[index].Span,
            T.CreateTruncating(l2), T.CreateTruncating(decay), T.CreateTruncating(1 - Beta1), T.CreateTruncating(1 - Beta2),
            T.CreateTruncating(LearningRate / (1 - Math.Pow(Beta1, step))), T.CreateTruncating(Math.Sqrt(1 - Math.Pow(Beta2, step))),
            T.CreateTruncating(Epsilon));
    }
}
