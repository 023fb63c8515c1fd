using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels.Convolution;

/// <summary>A convolution weight-gradient kernel called directly: gradWeight [+]= ..., gradBias [+]= ... unless empty.</summary>
internal delegate void WeightGradientKernel<T>(in Conv2dShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradWeight,
    Span<T> gradBias, bool accumulate);

/// <summary>Checks a weight-gradient kernel against the direct-loop oracle, with and without the bias, accumulate off and on.</summary>
internal static class WeightGradientCheck
{
    public static void MatchesNaive<T>(Conv2dShape s, WeightGradientKernel<T> kernel) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(7);
        var input = new TestData<T>(s.InputLength, random);
        var gradOutput = new TestData<T>(s.OutputLength, random);
        var gradWeight = new TestData<T>(s.WeightLength, random);
        var gradBias = new TestData<T>(s.OutChannels, random);
        var (expected, expectedBias) = NaiveConvolution.BackwardWeight(s, input.Exact, gradOutput.Exact);
        var initial = gradWeight.Exact;
        var initialBias = gradBias.Exact;
        var fresh = new T[s.WeightLength];
        kernel(s, input.Values, gradOutput.Values, fresh, [], accumulate: false);
        Tolerance.AssertClose(expected, fresh, "weight gradient");
        var freshBias = new T[s.OutChannels];
        kernel(s, input.Values, gradOutput.Values, fresh, freshBias, accumulate: false);
        Tolerance.AssertClose(expected, fresh, "weight gradient with the bias gradient");
        Tolerance.AssertClose(expectedBias, freshBias, "bias gradient");
        kernel(s, input.Values, gradOutput.Values, gradWeight.Values, gradBias.Values, accumulate: true);
        Tolerance.AssertClose(Tolerance.Sum(initial, expected), gradWeight.Values, "accumulated weight gradient");
        Tolerance.AssertClose(Tolerance.Sum(initialBias, expectedBias), gradBias.Values, "accumulated bias gradient");
    }
}
