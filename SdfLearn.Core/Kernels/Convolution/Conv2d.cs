using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>2D convolution (cross-correlation, as in PyTorch) over NCHW spans: forward and both gradients.</summary>
public static class Conv2d
{
    /// <summary>output [+]= conv(input, weight) + bias. <paramref name="bias"/> may be empty (no bias).</summary>
    /// <exception cref="ArgumentException">A span's length does not match <paramref name="shape"/>.</exception>
    public static void Forward<T>(in Conv2dShape shape, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(shape, input.Length, weight.Length, output.Length);
        if (!bias.IsEmpty && bias.Length != shape.OutChannels)
            throw new ArgumentException($"Bias has {bias.Length} elements, expected {shape.OutChannels}.", nameof(bias));
        var s = shape;
        int oh = s.OutHeight, ow = s.OutWidth;
        // Placeholder direct loop; replaced by im2col + GEMM.
        for (int n = 0; n < s.Batch; n++)
        for (int co = 0; co < s.OutChannels; co++)
        for (int y = 0; y < oh; y++)
        for (int x = 0; x < ow; x++)
        {
            T sum = bias.IsEmpty ? T.Zero : bias[co];
            for (int ci = 0; ci < s.InChannels; ci++)
            for (int ky = 0; ky < s.KernelHeight; ky++)
            {
                int iy = y * s.StrideHeight - s.PaddingHeight + ky;
                if ((uint)iy >= (uint)s.InHeight) continue;
                for (int kx = 0; kx < s.KernelWidth; kx++)
                {
                    int ix = x * s.StrideWidth - s.PaddingWidth + kx;
                    if ((uint)ix >= (uint)s.InWidth) continue;
                    sum += input[((n * s.InChannels + ci) * s.InHeight + iy) * s.InWidth + ix]
                         * weight[((co * s.InChannels + ci) * s.KernelHeight + ky) * s.KernelWidth + kx];
                }
            }
            int o = ((n * s.OutChannels + co) * oh + y) * ow + x;
            output[o] = accumulate ? output[o] + sum : sum;
        }
    }

    /// <summary>gradInput [+]= d(loss)/d(input) given d(loss)/d(output).</summary>
    /// <exception cref="ArgumentException">A span's length does not match <paramref name="shape"/>.</exception>
    public static void BackwardInput<T>(in Conv2dShape shape, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight, Span<T> gradInput, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(shape, gradInput.Length, weight.Length, gradOutput.Length);
        var s = shape;
        int oh = s.OutHeight, ow = s.OutWidth;
        if (!accumulate) gradInput.Clear();
        for (int n = 0; n < s.Batch; n++)
        for (int co = 0; co < s.OutChannels; co++)
        for (int y = 0; y < oh; y++)
        for (int x = 0; x < ow; x++)
        {
            T g = gradOutput[((n * s.OutChannels + co) * oh + y) * ow + x];
            for (int ci = 0; ci < s.InChannels; ci++)
            for (int ky = 0; ky < s.KernelHeight; ky++)
            {
                int iy = y * s.StrideHeight - s.PaddingHeight + ky;
                if ((uint)iy >= (uint)s.InHeight) continue;
                for (int kx = 0; kx < s.KernelWidth; kx++)
                {
                    int ix = x * s.StrideWidth - s.PaddingWidth + kx;
                    if ((uint)ix >= (uint)s.InWidth) continue;
                    gradInput[((n * s.InChannels + ci) * s.InHeight + iy) * s.InWidth + ix]
                        += g * weight[((co * s.InChannels + ci) * s.KernelHeight + ky) * s.KernelWidth + kx];
                }
            }
        }
    }

    /// <summary>
    /// gradWeight [+]= d(loss)/d(weight) and, when <paramref name="gradBias"/> is not empty, gradBias [+]= d(loss)/d(bias).
    /// </summary>
    /// <exception cref="ArgumentException">A span's length does not match <paramref name="shape"/>.</exception>
    public static void BackwardWeight<T>(in Conv2dShape shape, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradWeight, Span<T> gradBias, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(shape, input.Length, gradWeight.Length, gradOutput.Length);
        if (!gradBias.IsEmpty && gradBias.Length != shape.OutChannels)
            throw new ArgumentException($"Bias gradient has {gradBias.Length} elements, expected {shape.OutChannels}.", nameof(gradBias));
        var s = shape;
        int oh = s.OutHeight, ow = s.OutWidth;
        if (!accumulate) { gradWeight.Clear(); gradBias.Clear(); }
        for (int n = 0; n < s.Batch; n++)
        for (int co = 0; co < s.OutChannels; co++)
        for (int y = 0; y < oh; y++)
        for (int x = 0; x < ow; x++)
        {
            T g = gradOutput[((n * s.OutChannels + co) * oh + y) * ow + x];
            if (!gradBias.IsEmpty) gradBias[co] += g;
            for (int ci = 0; ci < s.InChannels; ci++)
            for (int ky = 0; ky < s.KernelHeight; ky++)
            {
                int iy = y * s.StrideHeight - s.PaddingHeight + ky;
                if ((uint)iy >= (uint)s.InHeight) continue;
                for (int kx = 0; kx < s.KernelWidth; kx++)
                {
                    int ix = x * s.StrideWidth - s.PaddingWidth + kx;
                    if ((uint)ix >= (uint)s.InWidth) continue;
                    gradWeight[((co * s.InChannels + ci) * s.KernelHeight + ky) * s.KernelWidth + kx]
                        += g * input[((n * s.InChannels + ci) * s.InHeight + iy) * s.InWidth + ix];
                }
            }
        }
    }

    internal static void Check(in Conv2dShape s, int inputLength, int weightLength, int outputLength)
    {
        if (inputLength != s.InputLength)
            throw new ArgumentException($"Input has {inputLength} elements, expected {s.InputLength} for {s.InputShape}.");
        if (weightLength != s.WeightLength)
            throw new ArgumentException($"Weight has {weightLength} elements, expected {s.WeightLength} for {s.WeightShape}.");
        if (outputLength != s.OutputLength)
            throw new ArgumentException($"Output has {outputLength} elements, expected {s.OutputLength} for {s.OutputShape}.");
    }
}
