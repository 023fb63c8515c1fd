using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Models.Initialization;

namespace SdfLearn.Models.Layers;

/// <summary>
/// A square-kernel 2D convolution over NCHW, as <c>torch.nn.Conv2d</c>: parameters <c>weight</c> [out, in, k, k] and
/// <c>bias</c> [out], initialised as PyTorch does.
/// </summary>
public sealed class Conv2d<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer with PyTorch's default initialisation drawn from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or the stride is not positive, or the padding is negative.</exception>
    public Conv2d(int inChannels, int outChannels, int kernelSize, SeededRandom random, int stride = 1, int padding = 0, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        (InChannels, OutChannels, KernelSize, Stride, Padding) = (inChannels, outChannels, kernelSize, stride, padding);
        Weight = RegisterParameter("weight", new Parameter<T>(new Tensor<T>(new Shape(outChannels, inChannels, kernelSize, kernelSize))));
        if (bias) Bias = RegisterParameter("bias", new Parameter<T>(new Tensor<T>(new Shape(outChannels))));
        Init.PyTorchDefault(Weight.Value, Bias?.Value, random);
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Kernel height and width.</summary>
    public int KernelSize { get; }

    /// <summary>Stride in both directions.</summary>
    public int Stride { get; }

    /// <summary>Zero padding on every side.</summary>
    public int Padding { get; }

    /// <summary>The weight [out, in, k, k].</summary>
    public Parameter<T> Weight { get; }

    /// <summary>The bias [out], or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <inheritdoc/>
    public override Variable<T> Forward(Tape<T> tape, Variable<T> x) =>
        Ops.Conv2d(x, tape.Watch(Weight), Bias is null ? null : tape.Watch(Bias), Stride, Padding);
}
