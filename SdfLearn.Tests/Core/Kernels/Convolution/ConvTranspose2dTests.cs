using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels.Convolution;

public class ConvTranspose2dTests
{
    [Theory]
    [MemberData(nameof(ConvolutionCases.AwkwardTransposed), MemberType = typeof(ConvolutionCases))]
    public void AwkwardShapes_MatchNaive_Float(string name) => AllPassesMatchNaive<float>(ConvolutionCases.AwkwardTransposedShapes[name]);

    [Theory]
    [MemberData(nameof(ConvolutionCases.AwkwardTransposed), MemberType = typeof(ConvolutionCases))]
    public void AwkwardShapes_MatchNaive_Double(string name) => AllPassesMatchNaive<double>(ConvolutionCases.AwkwardTransposedShapes[name]);

    [Theory]
    [MemberData(nameof(ConvolutionCases.ReferenceTransposed), MemberType = typeof(ConvolutionCases))]
    public void ReferenceShapes_MatchNaive_Float(string name) => AllPassesMatchNaive<float>(ConvolutionCases.ReferenceTransposedShapes[name]);

    [Fact]
    public void Shape_MatchesPyTorchOutputSize()
    {
        var s = new ConvTranspose2dShape(64, 64, 8, 8, 32, 3, 3, 2, 2, 1, 1, 1, 1);
        Assert.Equal(new Shape(64, 32, 16, 16), s.OutputShape);
        Assert.Equal(new Shape(64, 32, 3, 3), s.WeightShape);
    }

    [Fact]
    public void Accumulate_AddsToExistingValues()
    {
        var s = ConvolutionCases.AwkwardTransposedShapes["5x5 stride 3 pad 2 outpad 2x1"];
        var random = new SeededRandom(11);
        var input = new TestData<double>(s.InputLength, random);
        var weight = new TestData<double>(s.WeightLength, random);
        var bias = new TestData<double>(s.OutChannels, random);
        var gradOutput = new TestData<double>(s.OutputLength, random);

        var output = new TestData<double>(s.OutputLength, random);
        var expectedOutput = Tolerance.Sum(output.Exact, NaiveConvolution.TransposedForward(s, input.Exact, weight.Exact, bias.Exact));
        ConvTranspose2d.Forward<double>(s, input.Values, weight.Values, bias.Values, output.Values, accumulate: true);
        Tolerance.AssertClose(expectedOutput, output.Values, "accumulated output");

        var gradInput = new TestData<double>(s.InputLength, random);
        var expectedGradInput = Tolerance.Sum(gradInput.Exact, NaiveConvolution.TransposedBackwardInput(s, gradOutput.Exact, weight.Exact));
        ConvTranspose2d.BackwardInput<double>(s, gradOutput.Values, weight.Values, gradInput.Values, accumulate: true);
        Tolerance.AssertClose(expectedGradInput, gradInput.Values, "accumulated input gradient");

        var gradWeight = new TestData<double>(s.WeightLength, random);
        var gradBias = new TestData<double>(s.OutChannels, random);
        var (freshGradWeight, freshGradBias) = NaiveConvolution.TransposedBackwardWeight(s, input.Exact, gradOutput.Exact);
        var expectedGradWeight = Tolerance.Sum(gradWeight.Exact, freshGradWeight);
        var expectedGradBias = Tolerance.Sum(gradBias.Exact, freshGradBias);
        ConvTranspose2d.BackwardWeight<double>(s, input.Values, gradOutput.Values, gradWeight.Values, gradBias.Values, accumulate: true);
        Tolerance.AssertClose(expectedGradWeight, gradWeight.Values, "accumulated weight gradient");
        Tolerance.AssertClose(expectedGradBias, gradBias.Values, "accumulated bias gradient");
    }

    [Fact]
    public void Results_AreBitIdentical_ForAnyThreadCount()
    {
        var s = ConvolutionCases.AwkwardTransposedShapes["3x3 stride 2 pad 1 outpad 1"];
        var random = new SeededRandom(12);
        var input = new TestData<float>(s.InputLength, random).Values;
        var weight = new TestData<float>(s.WeightLength, random).Values;
        var bias = new TestData<float>(s.OutChannels, random).Values;
        var gradOutput = new TestData<float>(s.OutputLength, random).Values;

        float[][] Run()
        {
            var output = new float[s.OutputLength];
            var gradInput = new float[s.InputLength];
            var gradWeight = new float[s.WeightLength];
            var gradBias = new float[s.OutChannels];
            ConvTranspose2d.Forward<float>(s, input, weight, bias, output);
            ConvTranspose2d.BackwardInput<float>(s, gradOutput, weight, gradInput);
            ConvTranspose2d.BackwardWeight<float>(s, input, gradOutput, gradWeight, gradBias);
            return [output, gradInput, gradWeight, gradBias];
        }

        var results = ThreadCounts.Run([1, 2, 3], Run);
        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);
    }

    [Fact]
    public void WrongSpanLengths_NameTheTransposedShapes()
    {
        var s = new ConvTranspose2dShape(2, 3, 4, 4, 5, 3, 3, 2, 2, 1, 1, 1, 1); // output [2, 5, 8, 8]
        float[] input = new float[s.InputLength], weight = new float[s.WeightLength], output = new float[s.OutputLength];

        var ex = Assert.Throws<ArgumentException>(() => ConvTranspose2d.Forward<float>(s, new float[7], weight, [], output));
        Assert.Equal("input", ex.ParamName);
        Assert.Contains("[2, 3, 4, 4]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => ConvTranspose2d.Forward<float>(s, input, new float[7], [], output));
        Assert.Contains("[3, 5, 3, 3]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => ConvTranspose2d.Forward<float>(s, input, weight, new float[3], output));
        Assert.Equal("bias", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => ConvTranspose2d.Forward<float>(s, input, weight, [], new float[7]));
        Assert.Contains("[2, 5, 8, 8]", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => ConvTranspose2d.BackwardInput<float>(s, new float[7], weight, input));
        Assert.Equal("gradOutput", ex.ParamName);
        Assert.Contains("[2, 5, 8, 8]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => ConvTranspose2d.BackwardWeight<float>(s, input, output, weight, new float[3]));
        Assert.Equal("gradBias", ex.ParamName);
    }

    [Fact]
    public void Shape_RejectsOutputPaddingNotSmallerThanStride()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new ConvTranspose2dShape(1, 1, 4, 4, 1, 3, 3, 2, 2, 1, 1, 2, 0));

    private static void AllPassesMatchNaive<T>(ConvTranspose2dShape s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(43);
        var input = new TestData<T>(s.InputLength, random);
        var weight = new TestData<T>(s.WeightLength, random);
        var bias = new TestData<T>(s.OutChannels, random);
        var gradOutput = new TestData<T>(s.OutputLength, random);

        var output = new T[s.OutputLength];
        ConvTranspose2d.Forward<T>(s, input.Values, weight.Values, bias.Values, output);
        Tolerance.AssertClose(NaiveConvolution.TransposedForward(s, input.Exact, weight.Exact, bias.Exact), output, "output");

        var gradInput = new T[s.InputLength];
        ConvTranspose2d.BackwardInput<T>(s, gradOutput.Values, weight.Values, gradInput);
        Tolerance.AssertClose(NaiveConvolution.TransposedBackwardInput(s, gradOutput.Exact, weight.Exact), gradInput, "input gradient");

        var gradWeight = new T[s.WeightLength];
        var gradBias = new T[s.OutChannels];
        ConvTranspose2d.BackwardWeight<T>(s, input.Values, gradOutput.Values, gradWeight, gradBias);
        var (expectedGradWeight, expectedGradBias) = NaiveConvolution.TransposedBackwardWeight(s, input.Exact, gradOutput.Exact);
        Tolerance.AssertClose(expectedGradWeight, gradWeight, "weight gradient");
        Tolerance.AssertClose(expectedGradBias, gradBias, "bias gradient");
    }
}
