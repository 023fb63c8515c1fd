using System.Numerics;
using System.Runtime.Intrinsics;
using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels.Convolution;

/// <summary>
/// The single-channel passes called directly against the direct-loop oracles, float and double, with and without a
/// bias, accumulate on and off: <see cref="FewTapsForward"/> (enc1's forward pass, dec5's input gradient) and
/// <see cref="OneChannelInputGradient"/> (enc1's input gradient, dec5's forward pass) on the reference shape and on
/// rows that end in a partial vector, batch 1, padding 0-3, strides 1-3 and partial channel groups; and the same bits
/// on 1-3 threads.
/// </summary>
public class SingleChannelPassesTests
{
    private static readonly Dictionary<string, Conv2dShape> ForwardShapes = new()
    {
        ["encoder 1->32 s2 (and dec5's input gradient)"] = new(3, 1, 64, 64, 32, 3, 3, 2, 2, 1, 1),
        ["one image, pad 0, 7 outputs, rows of 38"] = new(1, 1, 21, 40, 7, 3, 3, 1, 1, 0, 0),
        ["two channels 3x2 stride 2x1, 5 outputs, rows of 17"] = new(3, 2, 9, 18, 5, 3, 2, 2, 1, 1, 0),
        ["stride 3, 6 outputs, rows of 20"] = new(5, 1, 20, 58, 6, 3, 3, 3, 3, 1, 1),
        ["one image 5x3 pad 0, 33 outputs, rows of 18"] = new(1, 1, 12, 20, 33, 5, 3, 1, 1, 0, 0),
    };

    private static readonly Dictionary<string, Conv2dShape> InputGradientShapes = new()
    {
        ["encoder 1->32 s2 (and dec5's forward pass)"] = new(3, 1, 64, 64, 32, 3, 3, 2, 2, 1, 1),
        ["one image, odd height, pad 0, rows of 20 pairs"] = new(1, 1, 23, 40, 5, 3, 3, 2, 2, 0, 0),
        ["stride 1, 5x3 pad 2x1, rows of 19"] = new(3, 1, 9, 19, 4, 5, 3, 1, 1, 2, 1),
        ["stride 2x1, rows of 17"] = new(2, 1, 10, 17, 3, 3, 3, 2, 1, 1, 1),
        ["stride 1x2, 4x4 pad 1, rows of 18 pairs"] = new(3, 1, 9, 36, 6, 4, 4, 1, 2, 1, 1),
        ["stride 2 = kernel, pad 0, rows of 16 pairs"] = new(2, 1, 12, 32, 3, 2, 2, 2, 2, 0, 0),
        ["pad 3 beyond the kernel, rows of 20"] = new(1, 1, 6, 20, 2, 3, 3, 1, 1, 3, 3),
    };

    public static TheoryData<string> ForwardNames => new(ForwardShapes.Keys);

    public static TheoryData<string> InputGradientNames => new(InputGradientShapes.Keys);

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
    public void Results_AreBitIdentical_ForAnyThreadCount()
    {
        if (!Vector512.IsHardwareAccelerated) return; // the kernels are AVX-512 only
        var forward = ForwardShapes["one image 5x3 pad 0, 33 outputs, rows of 18"];
        forward = new Conv2dShape(3, forward.InChannels, forward.InHeight, forward.InWidth, forward.OutChannels, forward.KernelHeight,
            forward.KernelWidth, forward.StrideHeight, forward.StrideWidth, forward.PaddingHeight, forward.PaddingWidth); // 3 blocks of groups per image
        var backward = InputGradientShapes["stride 2x1, rows of 17"];
        var random = new SeededRandom(9);
        var input = new TestData<float>(forward.InputLength, random).Values;
        var weight = new TestData<float>(forward.WeightLength, random).Values;
        var bias = new TestData<float>(forward.OutChannels, random).Values;
        var gradOutput = new TestData<float>(backward.OutputLength, random).Values;
        var backwardWeight = new TestData<float>(backward.WeightLength, random).Values;
        var results = ThreadCounts.Run([1, 2, 3], () =>
        {
            float[] output = new float[forward.OutputLength], gradInput = new float[backward.InputLength];
            FewTapsForward.Forward<float>(forward, input, weight, bias, output, accumulate: false);
            OneChannelInputGradient.BackwardInput<float>(backward, gradOutput, backwardWeight, [0.5f], gradInput, accumulate: false);
            return output.Concat(gradInput).ToArray();
        });
        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);
    }

    private static void ForwardMatchesNaive<T>(Conv2dShape s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Vector512.IsHardwareAccelerated) return; // the kernel is AVX-512 only
        Assert.True(FewTapsForward.Supports<T>(s), "the shape should select the kernel");
        PassChecks.ForwardMatchesNaive<T>(s, FewTapsForward.Forward);
    }

    private static void InputGradientMatchesNaive<T>(Conv2dShape s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Vector512.IsHardwareAccelerated) return;
        Assert.True(OneChannelInputGradient.Supports<T>(s), "the shape should select the kernel");
        PassChecks.InputGradientMatchesNaive<T>(s, OneChannelInputGradient.BackwardInput);
    }
}
