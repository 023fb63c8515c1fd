using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels.Convolution;

/// <summary>
/// <see cref="WinogradConv2d"/> called directly against the direct-loop oracles: odd output sizes (partial tiles),
/// padding 0-2, channels that leave partial vectors and panels, images cut into several tile-row blocks, float and
/// double, accumulate on and off, with and without a bias; the same bits on 1-3 threads; and the reference model's
/// stride-1 layers select it.
/// </summary>
public class WinogradConv2dTests
{
    /// <summary>Shapes whose forward pass the kernel takes.</summary>
    private static readonly Dictionary<string, Conv2dShape> ForwardShapes = new()
    {
        ["odd sizes, 20 -> 24, pad 1"] = new(2, 20, 7, 5, 24, 3, 3, 1, 1, 1, 1),
        ["pad 2, 24 -> 24"] = new(1, 24, 5, 6, 24, 3, 3, 1, 1, 2, 2),
        ["several tile-row blocks, 64 -> 64"] = new(2, 64, 32, 30, 64, 3, 3, 1, 1, 1, 1),
    };

    /// <summary>Shapes whose input gradient the kernel takes (its forward pass on the rotated kernel, padding 2 - p).</summary>
    private static readonly Dictionary<string, Conv2dShape> InputGradientShapes = new()
    {
        ["pad 0, 24 -> 20"] = new(3, 24, 6, 9, 20, 3, 3, 1, 1, 0, 0),
        ["pad 2, 24 -> 24"] = new(1, 24, 5, 6, 24, 3, 3, 1, 1, 2, 2),
        ["several tile-row blocks, 64 -> 64"] = new(2, 64, 32, 30, 64, 3, 3, 1, 1, 1, 1),
    };

    public static TheoryData<string> ForwardNames => new(ForwardShapes.Keys);

    public static TheoryData<string> InputGradientNames => new(InputGradientShapes.Keys);

    /// <summary>AVX-512, or AVX2 with FMA: the direct kernel's hardware, on which the products run.</summary>
    private static bool Runs => Vector512.IsHardwareAccelerated || (Vector256.IsHardwareAccelerated && Fma.IsSupported);

    [Theory]
    [MemberData(nameof(ForwardNames))]
    public void Forward_MatchesNaive_Float(string name) => ForwardMatchesNaive<float>(ForwardShapes[name]);

    [Theory]
    [MemberData(nameof(ForwardNames))]
    public void Forward_MatchesNaive_Double(string name) => ForwardMatchesNaive<double>(ForwardShapes[name]);

    [Theory]
    [MemberData(nameof(InputGradientNames))]
    public void InputGradient_MatchesNaive_Float(string name) => InputGradientMatchesNaive<float>(InputGradientShapes[name]);

    [Theory]
    [MemberData(nameof(InputGradientNames))]
    public void InputGradient_MatchesNaive_Double(string name) => InputGradientMatchesNaive<double>(InputGradientShapes[name]);

    [Fact]
    public void ReferenceStrideOneLayers_SelectTheKernel()
    {
        if (!Runs) return;
        foreach (var s in ConvolutionCases.Reference.Values.Where(s => s.StrideHeight == 1))
        {
            Assert.True(WinogradConv2d.Supports<float>(s), $"forward pass of {s}");
            Assert.True(WinogradConv2d.SupportsInputGradient<float>(s), $"input gradient of {s}");
        }
    }

    [Fact]
    public void Results_AreBitIdentical_ForAnyThreadCount()
    {
        if (!Runs) return;
        var s = ForwardShapes["several tile-row blocks, 64 -> 64"];
        var random = new SeededRandom(9);
        var input = new TestData<float>(s.InputLength, random).Values;
        var weight = new TestData<float>(s.WeightLength, random).Values;
        var bias = new TestData<float>(s.OutChannels, random).Values;
        var gradOutput = new TestData<float>(s.OutputLength, random).Values;
        var results = ThreadCounts.Run([1, 2, 3], () =>
        {
            float[] output = new float[s.OutputLength], gradInput = new float[s.InputLength];
            WinogradConv2d.Forward<float>(s, input, weight, bias, output, accumulate: false);
            WinogradConv2d.BackwardInput<float>(s, gradOutput, weight, [], gradInput, accumulate: false);
            return output.Concat(gradInput).ToArray();
        });
        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);
    }

    private static void ForwardMatchesNaive<T>(Conv2dShape s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Runs) return;
        Assert.True(WinogradConv2d.Supports<T>(s), "the shape should select the kernel");
        PassChecks.ForwardMatchesNaive<T>(s, WinogradConv2d.Forward);
    }

    private static void InputGradientMatchesNaive<T>(Conv2dShape s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Runs) return;
        Assert.True(WinogradConv2d.SupportsInputGradient<T>(s), "the shape should select the kernel");
        PassChecks.InputGradientMatchesNaive<T>(s, WinogradConv2d.BackwardInput);
    }
}
