using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Models.Initialization;

namespace SdfLearn.Models.Layers;

/// <summary>
/// A square-kernel 2D transposed convolution over NCHW, as <c>torch.nn.ConvTranspose2d</c>: parameters <c>weight</c>
/// [in, out, k, k] (PyTorch's layout) and <c>bias</c> [out], initialised as PyTorch does (fan-in = out * k * k).
/// </summary>
public sealed class ConvTranspose2d<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer with PyTorch's default initialisation drawn from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or the stride is not positive, a padding is negative, or the output padding is not below the stride.</exception>
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, SeededRandom random, int stride = 1, int padding = 0,
        int outputPadding = 0, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        ArgumentOutOfRangeException.ThrowIfNegative(outputPadding);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(outputPadding, stride);
        (InChannels, OutChannels, KernelSize, Stride, Padding, OutputPadding) = (inChannels, outChannels, kernelSize, stride, padding, outputPadding);
        Weight = RegisterParameter("weight", new Parameter<T>(new Tensor<T>(new Shape(inChannels, outChannels, kernelSize, kernelSize))));
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

    /// <summary>Padding removed from every side of the full output.</summary>
    public int Padding { get; }

    /// <summary>Extra rows and columns added at the bottom and right of the output.</summary>
    public int OutputPadding { get; }

    /// <summary>The weight [in, out, k, k].</summary>
    public Parameter<T> Weight { get; }

    /// <summary>The bias [out], or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <inheritdoc/>
    public override Variable<T> Forward(Tape<T> tape, Variable<T> x) =>
        Ops.ConvTranspose2d(x, tape.Watch(Weight), Bias is null ? null : tape.Watch(Bias), Stride, Padding, OutputPadding);
}
