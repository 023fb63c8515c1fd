using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels.Convolution;

public class Conv2dTests
{
    [Theory]
    [MemberData(nameof(ConvolutionCases.AwkwardConvolutions), MemberType = typeof(ConvolutionCases))]
    public void AwkwardShapes_MatchNaive_Float(string name) => AllPassesMatchNaive<float>(ConvolutionCases.Awkward[name]);

    [Theory]
    [MemberData(nameof(ConvolutionCases.AwkwardConvolutions), MemberType = typeof(ConvolutionCases))]
    public void AwkwardShapes_MatchNaive_Double(string name) => AllPassesMatchNaive<double>(ConvolutionCases.Awkward[name]);

    [Theory]
    [MemberData(nameof(ConvolutionCases.ReferenceConvolutions), MemberType = typeof(ConvolutionCases))]
    public void ReferenceShapes_MatchNaive_Float(string name) => AllPassesMatchNaive<float>(ConvolutionCases.Reference[name]);

    [Theory]
    [MemberData(nameof(ConvolutionCases.AwkwardConvolutions), MemberType = typeof(ConvolutionCases))]
    public void Accumulate_AddsToExistingValues(string name)
    {
        var s = ConvolutionCases.Awkward[name];
        var random = new SeededRandom(7);
        var input = new TestData<double>(s.InputLength, random);
        var weight = new TestData<double>(s.WeightLength, random);
        var bias = new TestData<double>(s.OutChannels, random);
        var gradOutput = new TestData<double>(s.OutputLength, random);
        var (expectedGradWeight, expectedGradBias) = NaiveConvolution.BackwardWeight(s, input.Exact, gradOutput.Exact);

        var output = new TestData<double>(s.OutputLength, random);
        var expectedOutput = Tolerance.Sum(output.Exact, NaiveConvolution.Forward(s, input.Exact, weight.Exact, bias.Exact));
        Conv2d.Forward<double>(s, input.Values, weight.Values, bias.Values, output.Values, accumulate: true);
        Tolerance.AssertClose(expectedOutput, output.Values, "accumulated output");

        var gradInput = new TestData<double>(s.InputLength, random);
        var expectedGradInput = Tolerance.Sum(gradInput.Exact, NaiveConvolution.BackwardInput(s, gradOutput.Exact, weight.Exact));
        Conv2d.BackwardInput<double>(s, gradOutput.Values, weight.Values, gradInput.Values, accumulate: true);
        Tolerance.AssertClose(expectedGradInput, gradInput.Values, "accumulated input gradient");

        var gradWeight = new TestData<double>(s.WeightLength, random);
        var gradBias = new TestData<double>(s.OutChannels, random);
        expectedGradWeight = Tolerance.Sum(gradWeight.Exact, expectedGradWeight);
        expectedGradBias = Tolerance.Sum(gradBias.Exact, expectedGradBias);
        Conv2d.BackwardWeight<double>(s, input.Values, gradOutput.Values, gradWeight.Values, gradBias.Values, accumulate: true);
        Tolerance.AssertClose(expectedGradWeight, gradWeight.Values, "accumulated weight gradient");
        Tolerance.AssertClose(expectedGradBias, gradBias.Values, "accumulated bias gradient");
    }

    [Fact]
    public void WithoutAccumulate_OverwritesStaleValues()
    {
        var s = ConvolutionCases.Awkward["5x5 stride 3 pad 1"];
        var random = new SeededRandom(8);
        var input = new TestData<double>(s.InputLength, random);
        var weight = new TestData<double>(s.WeightLength, random);
        var gradOutput = new TestData<double>(s.OutputLength, random);

        var output = new TestData<double>(s.OutputLength, random).Values;
        Conv2d.Forward<double>(s, input.Values, weight.Values, [], output);
        Tolerance.AssertClose(NaiveConvolution.Forward(s, input.Exact, weight.Exact, null), output, "output without bias");

        var gradInput = new TestData<double>(s.InputLength, random).Values;
        Conv2d.BackwardInput<double>(s, gradOutput.Values, weight.Values, gradInput);
        Tolerance.AssertClose(NaiveConvolution.BackwardInput(s, gradOutput.Exact, weight.Exact), gradInput, "input gradient");

        var gradWeight = new TestData<double>(s.WeightLength, random).Values;
        Conv2d.BackwardWeight<double>(s, input.Values, gradOutput.Values, gradWeight, []);
        Tolerance.AssertClose(NaiveConvolution.BackwardWeight(s, input.Exact, gradOutput.Exact).GradWeight, gradWeight, "weight gradient");
    }

    [Theory]
    [InlineData("partial image groups")]
    [InlineData("3x2 stride 2x3 pad 1x0")]
    public void Results_AreBitIdentical_ForAnyThreadCount(string name)
    {
        var s = ConvolutionCases.Awkward[name];
        var random = new SeededRandom(9);
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
            Conv2d.Forward<float>(s, input, weight, bias, output);
            Conv2d.BackwardInput<float>(s, gradOutput, weight, gradInput);
            Conv2d.BackwardWeight<float>(s, input, gradOutput, gradWeight, gradBias);
            return [output, gradInput, gradWeight, gradBias];
        }

        var results = ThreadCounts.Run([1, 2, 3], Run);
        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);
    }

    [Fact]
    public void WrongSpanLengths_NameTheExpectedShape()
    {
        var s = new Conv2dShape(2, 3, 5, 5, 4, 3, 3);
        float[] input = new float[s.InputLength], weight = new float[s.WeightLength], output = new float[s.OutputLength];

        var ex = Assert.Throws<ArgumentException>(() => Conv2d.Forward<float>(s, new float[7], weight, [], output));
        Assert.Contains("[2, 3, 5, 5]", ex.Message);
        Assert.Equal("input", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => Conv2d.Forward<float>(s, input, new float[7], [], output));
        Assert.Contains("[4, 3, 3, 3]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Conv2d.Forward<float>(s, input, weight, new float[3], output));
        Assert.Equal("bias", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => Conv2d.Forward<float>(s, input, weight, [], new float[7]));
        Assert.Contains("[2, 4, 3, 3]", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => Conv2d.BackwardInput<float>(s, new float[7], weight, input));
        Assert.Equal("gradOutput", ex.ParamName);
        Assert.Contains("[2, 4, 3, 3]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Conv2d.BackwardInput<float>(s, output, weight, new float[7]));
        Assert.Equal("gradInput", ex.ParamName);

        ex = Assert.Throws<ArgumentException>(() => Conv2d.BackwardWeight<float>(s, input, output, new float[7], []));
        Assert.Equal("gradWeight", ex.ParamName);
        Assert.Contains("[4, 3, 3, 3]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Conv2d.BackwardWeight<float>(s, input, output, weight, new float[5]));
        Assert.Equal("gradBias", ex.ParamName);
    }

    [Fact]
    public void Shape_RejectsKernelLargerThanPaddedInput()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2dShape(1, 1, 3, 3, 1, 5, 5));
        Assert.Contains("5x5", ex.Message);
    }

    private static void AllPassesMatchNaive<T>(Conv2dShape s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(42);
        var input = new TestData<T>(s.InputLength, random);
        var weight = new TestData<T>(s.WeightLength, random);
        var bias = new TestData<T>(s.OutChannels, random);
        var gradOutput = new TestData<T>(s.OutputLength, random);

        var output = new T[s.OutputLength];
        Conv2d.Forward<T>(s, input.Values, weight.Values, bias.Values, output);
        Tolerance.AssertClose(NaiveConvolution.Forward(s, input.Exact, weight.Exact, bias.Exact), output, "output");

        var gradInput = new T[s.InputLength];
        Conv2d.BackwardInput<T>(s, gradOutput.Values, weight.Values, gradInput);
        Tolerance.AssertClose(NaiveConvolution.BackwardInput(s, gradOutput.Exact, weight.Exact), gradInput, "input gradient");

        var gradWeight = new T[s.WeightLength];
        var gradBias = new T[s.OutChannels];
        Conv2d.BackwardWeight<T>(s, input.Values, gradOutput.Values, gradWeight, gradBias);
        var (expectedGradWeight, expectedGradBias) = NaiveConvolution.BackwardWeight(s, input.Exact, gradOutput.Exact);
        Tolerance.AssertClose(expectedGradWeight, gradWeight, "weight gradient");
        Tolerance.AssertClose(expectedGradBias, gradBias, "bias gradient");
    }
}
