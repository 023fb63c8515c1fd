using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels.Convolution;

/// <summary>
/// A forward or input-gradient kernel called directly: destination [+]= the pass of source and weight, plus a bias per
/// destination channel unless empty (for the input gradient, a transposed convolution's bias).
/// </summary>
internal delegate void ConvolutionKernel<T>(in Conv2dShape s, ReadOnlySpan<T> source, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias,
    Span<T> destination, bool accumulate);

/// <summary>Checks forward and input-gradient kernels against the direct-loop oracles: with a bias, then accumulating without one.</summary>
internal static class PassChecks
{
    public static void ForwardMatchesNaive<T>(Conv2dShape s, ConvolutionKernel<T> kernel) where T : unmanaged, IFloatingPointIeee754<T>
        => MatchesNaive(s, kernel, new Pass(4, s.InputLength, s.OutputLength, s.OutChannels, s.OutHeight * s.OutWidth, "output"),
            (input, weight) => NaiveConvolution.Forward(s, input, weight, null));

    public static void InputGradientMatchesNaive<T>(Conv2dShape s, ConvolutionKernel<T> kernel) where T : unmanaged, IFloatingPointIeee754<T>
        => MatchesNaive(s, kernel, new Pass(5, s.OutputLength, s.InputLength, s.InChannels, s.InHeight * s.InWidth, "input gradient"),
            (gradOutput, weight) => NaiveConvolution.BackwardInput(s, gradOutput, weight));

    /// <summary>Sizes of a pass: its source and destination, the destination's channels (one bias each) and their planes.</summary>
    private readonly record struct Pass(ulong Seed, int SourceLength, int DestinationLength, int Channels, int Plane, string What);

    private static void MatchesNaive<T>(Conv2dShape s, ConvolutionKernel<T> kernel, Pass pass, Func<double[], double[], double[]> oracle)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(pass.Seed);
        var source = new TestData<T>(pass.SourceLength, random);
        var weight = new TestData<T>(s.WeightLength, random);
        var bias = new TestData<T>(pass.Channels, random);
        var destination = new TestData<T>(pass.DestinationLength, random);
        double[] expected = oracle(source.Exact, weight.Exact), initial = destination.Exact;
        var withBias = expected.Select((value, i) => value + bias.Exact[i / pass.Plane % pass.Channels]).ToArray();
        var fresh = new T[pass.DestinationLength];
        kernel(s, source.Values, weight.Values, bias.Values, fresh, accumulate: false);
        Tolerance.AssertClose(withBias, fresh, pass.What + " plus a bias");
        kernel(s, source.Values, weight.Values, [], destination.Values, accumulate: true);
        Tolerance.AssertClose(Tolerance.Sum(initial, expected), destination.Values, "accumulated " + pass.What + " without a bias");
    }
}
