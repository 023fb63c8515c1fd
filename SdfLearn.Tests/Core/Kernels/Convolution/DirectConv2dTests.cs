using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels.Convolution;

/// <summary>
/// <see cref="DirectConv2d"/> called directly (whatever shape <see cref="DirectConv2d.Supports{T}"/> would pick it
/// for) against the direct-loop oracles: forward pass, input gradient (stride phases, strides 1-3, strides larger
/// than the kernel) and weight gradient, float and double, accumulate on and off, 1-3 threads.
/// </summary>
public class DirectConv2dTests
{
    /// <summary>Shapes aimed at the direct path: partial weight panels, pixel counts that leave partial tiles, bands.</summary>
    private static readonly Dictionary<string, Conv2dShape> Direct = new()
    {
        ["one image, bands of one row"] = new(1, 3, 5, 7, 5, 3, 3, 1, 1, 1, 1),
        ["one image, 3 rows, stride 2"] = new(1, 2, 6, 9, 33, 3, 3, 2, 2, 1, 1),
        ["two images, 70 outputs, 5x3 pad 2x1"] = new(2, 5, 11, 8, 70, 5, 3, 1, 1, 2, 1),
        ["edge width 1"] = new(3, 4, 9, 1, 7, 3, 1, 1, 1, 1, 0),
    };

    public static TheoryData<string> Shapes => new(Direct.Keys.Concat(ConvolutionCases.Awkward.Keys).Concat(ConvolutionCases.Reference.Keys));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_MatchesNaive_Float(string name) => ForwardMatchesNaive<float>(Shape(name));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_MatchesNaive_Double(string name) => ForwardMatchesNaive<double>(Shape(name));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void InputGradient_MatchesNaive_Float(string name) => InputGradientMatchesNaive<float>(Shape(name));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void InputGradient_MatchesNaive_Double(string name) => InputGradientMatchesNaive<double>(Shape(name));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void WeightGradient_MatchesNaive_Float(string name) => WeightGradientMatchesNaive<float>(Shape(name));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void WeightGradient_MatchesNaive_Double(string name) => WeightGradientMatchesNaive<double>(Shape(name));

    [Theory]
    [InlineData("one image, bands of one row")]
    [InlineData("one image, 3 rows, stride 2")]
    [InlineData("two images, 70 outputs, 5x3 pad 2x1")]
    [InlineData("many images stride 2")]
    [InlineData("encoder 32->64 s2")]
    public void Results_AreBitIdentical_ForAnyThreadCount(string name)
    {
        var s = Shape(name);
        var random = new SeededRandom(6);
        var input = new TestData<float>(s.InputLength, random).Values;
        var weight = new TestData<float>(s.WeightLength, random).Values;
        var bias = new TestData<float>(s.OutChannels, random).Values;
        var gradOutput = new TestData<float>(s.OutputLength, random).Values;
        var results = ThreadCounts.Run([1, 2, 3], () =>
        {
            float[] output = new float[s.OutputLength], gradInput = new float[s.InputLength], gradWeight = new float[s.WeightLength];
            float[] gradBias = new float[s.OutChannels];
            DirectConv2d.Forward<float>(s, input, weight, bias, output, accumulate: false);
            DirectConv2d.BackwardInput<float>(s, gradOutput, weight, [], gradInput, accumulate: false);
            DirectConv2d.BackwardWeight<float>(s, input, gradOutput, gradWeight, gradBias, accumulate: false);
            return new[] { output, gradInput, gradWeight, gradBias };
        });
        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);
    }

    private static void ForwardMatchesNaive<T>(Conv2dShape s) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        => PassChecks.ForwardMatchesNaive<T>(s, DirectConv2d.Forward);

    private static void InputGradientMatchesNaive<T>(Conv2dShape s) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        => PassChecks.InputGradientMatchesNaive<T>(s, DirectConv2d.BackwardInput);

    private static void WeightGradientMatchesNaive<T>(Conv2dShape s) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        => WeightGradientCheck.MatchesNaive<T>(s, DirectConv2d.BackwardWeight);

    private static Conv2dShape Shape(string name)
        => Direct.TryGetValue(name, out var s) ? s : ConvolutionCases.Awkward.TryGetValue(name, out s) ? s : ConvolutionCases.Reference[name];
}
