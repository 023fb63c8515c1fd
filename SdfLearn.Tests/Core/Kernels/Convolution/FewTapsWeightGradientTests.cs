using System.Numerics;
using System.Runtime.Intrinsics;
using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels.Convolution;

/// <summary>
/// <see cref="FewTapsWeightGradient"/> called directly against the direct-loop oracle: output rows that end in a
/// partial vector (float and double), output channels and taps that leave partial tiles, strides 1-3, batches that
/// cut into unequal blocks, accumulate on and off, with and without the bias, and the same bits on 1-3 threads.
/// </summary>
public class FewTapsWeightGradientTests
{
    private static readonly Dictionary<string, Conv2dShape> Shapes = new()
    {
        ["one channel stride 2, 7 outputs, rows of 19"] = new(3, 1, 38, 37, 7, 3, 3, 2, 2, 1, 1),
        ["two channels 3x2 stride 1, 6 outputs, rows of 20"] = new(3, 2, 9, 21, 6, 3, 2, 1, 1, 1, 0),
        ["three channels 2x2 stride 3, 5 outputs, rows of 17"] = new(4, 3, 10, 50, 5, 2, 2, 3, 3, 0, 1),
        ["17 images, one channel stride 2, rows of 20"] = new(17, 1, 8, 40, 4, 3, 3, 2, 2, 1, 1),
        ["encoder 1->32 s2 (and dec5's weight gradient)"] = new(2, 1, 64, 64, 32, 3, 3, 2, 2, 1, 1),
    };

    public static TheoryData<string> Names => new(Shapes.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void WeightGradient_MatchesNaive_Float(string name) => MatchesNaive<float>(Shapes[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void WeightGradient_MatchesNaive_Double(string name) => MatchesNaive<double>(Shapes[name]);

    [Fact]
    public void Results_AreBitIdentical_ForAnyThreadCount()
    {
        var s = Shapes["17 images, one channel stride 2, rows of 20"];
        if (!FewTapsWeightGradient.Supports<float>(s)) return; // no AVX-512: the kernel never runs
        var random = new SeededRandom(8);
        var input = new TestData<float>(s.InputLength, random).Values;
        var gradOutput = new TestData<float>(s.OutputLength, random).Values;
        var results = ThreadCounts.Run([1, 2, 3], () =>
        {
            float[] gradWeight = new float[s.WeightLength], gradBias = new float[s.OutChannels];
            FewTapsWeightGradient.BackwardWeight<float>(s, input, gradOutput, gradWeight, gradBias, accumulate: false);
            return gradWeight.Concat(gradBias).ToArray();
        });
        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);
    }

    private static void MatchesNaive<T>(Conv2dShape s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Vector512.IsHardwareAccelerated) return; // the kernel is AVX-512 only
        Assert.True(FewTapsWeightGradient.Supports<T>(s), "the shape should select the kernel");
        WeightGradientCheck.MatchesNaive<T>(s, FewTapsWeightGradient.BackwardWeight);
    }
}
