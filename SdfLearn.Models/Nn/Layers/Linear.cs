using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Initialization;

namespace SdfLearn.Nn.Layers;

/// <summary>
/// A fully connected layer, <c>y = x W^T + b</c> for x [N, in], as <c>torch.nn.Linear</c>: parameters <c>weight</c> [out, in]
/// and <c>bias</c> [out], initialised as PyTorch does.
/// </summary>
public sealed class Linear<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer with PyTorch's default initialisation drawn from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A feature count is not positive.</exception>
    public Linear(int inFeatures, int outFeatures, SeededRandom random, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", new Parameter<T>(new Tensor<T>(new Shape(outFeatures, inFeatures))));
        if (bias) Bias = RegisterParameter("bias", new Parameter<T>(new Tensor<T>(new Shape(outFeatures))));
        Init.PyTorchDefault(Weight.Value, Bias?.Value, random);
    }

    /// <summary>Input features.</summary>
    public int InFeatures { get; }

    /// <summary>Output features.</summary>
    public int OutFeatures { get; }

    /// <summary>The weight [out, in].</summary>
    public Parameter<T> Weight { get; }

    /// <summary>The bias [out], or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <inheritdoc/>
    public override Variable<T> Forward(Variable<T> x) =>
        Ops.Linear(x, x.Tape.Watch(Weight), Bias is null ? null : x.Tape.Watch(Bias));

    /// <inheritdoc/>
    /// <remarks>Pullback: <c>dX = g W</c>, recorded as a linear map by the transposed weight.</remarks>
    public override (Variable<T> Output, Pullback<T> Pullback) ForwardWithPullback(Variable<T> x)
    {
        var weight = x.Tape.Watch(Weight);
        return (Ops.Linear(x, weight, Bias is null ? null : x.Tape.Watch(Bias)), g => InputGradient(g, weight));
    }

    /// <summary>A linear layer's recorded pullback <c>dX = g W</c> from its output gradient g and its weight on the tape.</summary>
    internal static Variable<T> InputGradient(Variable<T> g, Variable<T> weight) => Ops.Linear(g, Ops.Transpose(weight));
}
