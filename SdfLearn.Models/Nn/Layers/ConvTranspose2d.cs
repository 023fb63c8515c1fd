using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;

namespace SdfLearn.Nn.Layers;

/// <summary>
/// A square-kernel 2D transposed convolution over NCHW, as <c>torch.nn.ConvTranspose2d</c>: parameters <c>weight</c>
/// [in, out, k, k] (PyTorch's layout) and <c>bias</c> [out], initialised as PyTorch does (fan-in = out * k * k).
/// </summary>
public sealed class ConvTranspose2d<T> : ConvolutionLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer with PyTorch's default initialisation drawn from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or the stride is not positive, a padding is negative, or the output padding is not below the stride.</exception>
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, SeededRandom random, int stride = 1, int padding = 0,
        int outputPadding = 0, bool bias = true)
        : base(inChannels, outChannels, kernelSize, stride, padding, transposed: true, random, bias)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(outputPadding);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(outputPadding, stride);
        OutputPadding = outputPadding;
    }

    /// <summary>Extra rows and columns added at the bottom and right of the output.</summary>
    public int OutputPadding { get; }

    /// <inheritdoc/>
    public override Variable<T> Forward(Variable<T> x) =>
        Ops.ConvTranspose2d(x, x.Tape.Watch(Weight), WatchBias(x.Tape), Stride, Padding, OutputPadding);
}
