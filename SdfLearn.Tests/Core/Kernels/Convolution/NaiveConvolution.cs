using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels.Convolution;

/// <summary>
/// Direct-loop oracles in double, written from the definitions (PyTorch's conv2d / conv_transpose2d) and sharing
/// nothing with the library: every loop walks (input pixel, kernel tap) pairs and skips taps over the padding.
/// </summary>
internal static class NaiveConvolution
{
    /// <summary>out[n,co,y,x] = bias[co] + sum in[n,ci,y*s-p+ky,x*s-p+kx] * w[co,ci,ky,kx].</summary>
    public static double[] Forward(Conv2dShape s, double[] input, double[] weight, double[]? bias)
    {
        var output = new double[s.OutputLength];
        ForEachTap(s, (n, ci, co, iy, ix, oy, ox, ky, kx) =>
            output[Out(s, n, co, oy, ox)] += input[In(s, n, ci, iy, ix)] * weight[W(s, co, ci, ky, kx)]);
        if (bias != null) AddBias(output, bias, s.OutHeight * s.OutWidth);
        return output;
    }

    /// <summary>gradIn[n,ci,iy,ix] = sum over every window tap reading it of gradOut * w.</summary>
    public static double[] BackwardInput(Conv2dShape s, double[] gradOutput, double[] weight)
    {
        var gradInput = new double[s.InputLength];
        ForEachTap(s, (n, ci, co, iy, ix, oy, ox, ky, kx) =>
            gradInput[In(s, n, ci, iy, ix)] += gradOutput[Out(s, n, co, oy, ox)] * weight[W(s, co, ci, ky, kx)]);
        return gradInput;
    }

    /// <summary>gradW[co,ci,ky,kx] = sum over images and output pixels of gradOut * in; gradBias[co] = sum of gradOut.</summary>
    public static (double[] GradWeight, double[] GradBias) BackwardWeight(Conv2dShape s, double[] input, double[] gradOutput)
    {
        var gradWeight = new double[s.WeightLength];
        ForEachTap(s, (n, ci, co, iy, ix, oy, ox, ky, kx) =>
            gradWeight[W(s, co, ci, ky, kx)] += gradOutput[Out(s, n, co, oy, ox)] * input[In(s, n, ci, iy, ix)]);
        return (gradWeight, SumPerChannel(gradOutput, s.OutChannels, s.OutHeight * s.OutWidth));
    }

    /// <summary>
    /// Transposed convolution by scattering: every input pixel adds in[n,ci,iy,ix] * w[ci,co,ky,kx] to
    /// out[n,co,iy*s-p+ky,ix*s-p+kx] when that lands inside the (output-padded) output.
    /// </summary>
    public static double[] TransposedForward(ConvTranspose2dShape s, double[] input, double[] weight, double[]? bias)
    {
        var output = new double[s.OutputLength];
        ForEachTransposedTap(s, (n, ci, co, iy, ix, oy, ox, ky, kx) =>
            output[TOut(s, n, co, oy, ox)] += input[TIn(s, n, ci, iy, ix)] * weight[TW(s, ci, co, ky, kx)]);
        if (bias != null) AddBias(output, bias, s.OutHeight * s.OutWidth);
        return output;
    }

    /// <summary>gradIn[n,ci,iy,ix] = sum over the output pixels it was scattered to of gradOut * w.</summary>
    public static double[] TransposedBackwardInput(ConvTranspose2dShape s, double[] gradOutput, double[] weight)
    {
        var gradInput = new double[s.InputLength];
        ForEachTransposedTap(s, (n, ci, co, iy, ix, oy, ox, ky, kx) =>
            gradInput[TIn(s, n, ci, iy, ix)] += gradOutput[TOut(s, n, co, oy, ox)] * weight[TW(s, ci, co, ky, kx)]);
        return gradInput;
    }

    /// <summary>gradW[ci,co,ky,kx] = sum of in * gradOut over every scatter that used it; gradBias[co] = sum of gradOut.</summary>
    public static (double[] GradWeight, double[] GradBias) TransposedBackwardWeight(ConvTranspose2dShape s, double[] input, double[] gradOutput)
    {
        var gradWeight = new double[s.WeightLength];
        ForEachTransposedTap(s, (n, ci, co, iy, ix, oy, ox, ky, kx) =>
            gradWeight[TW(s, ci, co, ky, kx)] += input[TIn(s, n, ci, iy, ix)] * gradOutput[TOut(s, n, co, oy, ox)]);
        return (gradWeight, SumPerChannel(gradOutput, s.OutChannels, s.OutHeight * s.OutWidth));
    }

    private delegate void Tap(int n, int ci, int co, int iy, int ix, int oy, int ox, int ky, int kx);

    /// <summary>Every (output pixel, kernel tap) of a convolution whose input pixel is inside the image.</summary>
    private static void ForEachTap(Conv2dShape s, Tap tap)
    {
        for (int n = 0; n < s.Batch; n++)
        for (int co = 0; co < s.OutChannels; co++)
        for (int oy = 0; oy < s.OutHeight; oy++)
        for (int ox = 0; ox < s.OutWidth; ox++)
        for (int ci = 0; ci < s.InChannels; ci++)
        for (int ky = 0; ky < s.KernelHeight; ky++)
        for (int kx = 0; kx < s.KernelWidth; kx++)
        {
            int iy = oy * s.StrideHeight - s.PaddingHeight + ky, ix = ox * s.StrideWidth - s.PaddingWidth + kx;
            if (iy >= 0 && iy < s.InHeight && ix >= 0 && ix < s.InWidth) tap(n, ci, co, iy, ix, oy, ox, ky, kx);
        }
    }

    /// <summary>Every (input pixel, kernel tap) of a transposed convolution whose output pixel is inside the output.</summary>
    private static void ForEachTransposedTap(ConvTranspose2dShape s, Tap tap)
    {
        var c = s.Equivalent; // only for strides and paddings, which the two shapes share
        for (int n = 0; n < s.Batch; n++)
        for (int ci = 0; ci < s.InChannels; ci++)
        for (int iy = 0; iy < s.InHeight; iy++)
        for (int ix = 0; ix < s.InWidth; ix++)
        for (int co = 0; co < s.OutChannels; co++)
        for (int ky = 0; ky < c.KernelHeight; ky++)
        for (int kx = 0; kx < c.KernelWidth; kx++)
        {
            int oy = iy * c.StrideHeight - c.PaddingHeight + ky, ox = ix * c.StrideWidth - c.PaddingWidth + kx;
            if (oy >= 0 && oy < s.OutHeight && ox >= 0 && ox < s.OutWidth) tap(n, ci, co, iy, ix, oy, ox, ky, kx);
        }
    }

    private static void AddBias(double[] output, double[] bias, int pixels)
    {
        for (int i = 0; i < output.Length; i++) output[i] += bias[i / pixels % bias.Length];
    }

    private static double[] SumPerChannel(double[] gradOutput, int channels, int pixels)
    {
        var sums = new double[channels];
        for (int i = 0; i < gradOutput.Length; i++) sums[i / pixels % channels] += gradOutput[i];
        return sums;
    }

    private static int In(Conv2dShape s, int n, int c, int y, int x) => ((n * s.InChannels + c) * s.InHeight + y) * s.InWidth + x;
    private static int Out(Conv2dShape s, int n, int c, int y, int x) => ((n * s.OutChannels + c) * s.OutHeight + y) * s.OutWidth + x;
    private static int W(Conv2dShape s, int co, int ci, int ky, int kx) => ((co * s.InChannels + ci) * s.KernelHeight + ky) * s.KernelWidth + kx;
    private static int TIn(ConvTranspose2dShape s, int n, int c, int y, int x) => ((n * s.InChannels + c) * s.InHeight + y) * s.InWidth + x;
    private static int TOut(ConvTranspose2dShape s, int n, int c, int y, int x) => ((n * s.OutChannels + c) * s.OutHeight + y) * s.OutWidth + x;
    private static int TW(ConvTranspose2dShape s, int ci, int co, int ky, int kx)
        => ((ci * s.OutChannels + co) * s.Equivalent.KernelHeight + ky) * s.Equivalent.KernelWidth + kx;
}
