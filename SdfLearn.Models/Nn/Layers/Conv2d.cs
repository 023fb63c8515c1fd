using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;

namespace SdfLearn.Nn.Layers;

/// <summary>
/// A square-kernel 2D convolution over NCHW, as <c>torch.nn.Conv2d</c>: parameters <c>weight</c> [out, in, k, k] and
/// <c>bias</c> [out], initialised as PyTorch does.
/// </summary>
public sealed class Conv2d<T> : ConvolutionLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer with PyTorch's default initialisation drawn from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or the stride is not positive, or the padding is negative.</exception>
    public Conv2d(int inChannels, int outChannels, int kernelSize, SeededRandom random, int stride = 1, int padding = 0, bool bias = true)
        : base(inChannels, outChannels, kernelSize, stride, padding, transposed: false, random, bias)
    {
    }

    /// <inheritdoc/>
    public override Variable<T> Forward(Variable<T> x) =>
        Ops.Conv2d(x, x.Tape.Watch(Weight), WatchBias(x.Tape), Stride, Padding);
}
