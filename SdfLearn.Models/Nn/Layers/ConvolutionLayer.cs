using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Initialization;

namespace SdfLearn.Nn.Layers;

/// <summary>
/// What <see cref="Conv2d{T}"/> and <see cref="ConvTranspose2d{T}"/> share: square kernels, one stride and padding for
/// both axes, a <c>weight</c> and an optional <c>bias</c> [out] initialised as PyTorch does.
/// </summary>
public abstract class ConvolutionLayer<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Checks the sizes and creates the parameters: the weight is [out, in, k, k], or [in, out, k, k] when
    /// <paramref name="transposed"/> (PyTorch's layouts).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or the stride is not positive, or the padding is negative.</exception>
    private protected ConvolutionLayer(int inChannels, int outChannels, int kernelSize, int stride, int padding, bool transposed,
        SeededRandom random, bool bias)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        (InChannels, OutChannels, KernelSize, Stride, Padding) = (inChannels, outChannels, kernelSize, stride, padding);
        var weightShape = transposed
            ? new Shape(inChannels, outChannels, kernelSize, kernelSize)
            : new Shape(outChannels, inChannels, kernelSize, kernelSize);
        Weight = RegisterParameter("weight", new Parameter<T>(new Tensor<T>(weightShape)));
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

    /// <summary>Zero padding on every side (for a transposed convolution: removed from every side of the full output).</summary>
    public int Padding { get; }

    /// <summary>The weight.</summary>
    public Parameter<T> Weight { get; }

    /// <summary>The bias [out], or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary>The watched bias, or null when the layer has none.</summary>
    private protected Variable<T>? WatchBias(Tape<T> tape) => Bias is null ? null : tape.Watch(Bias);
}
