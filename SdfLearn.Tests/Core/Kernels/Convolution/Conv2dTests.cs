using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels.Convolution;

public class Conv2dTests
{
    [Theory]
    [MemberData(nameof(ConvolutionCases.AwkwardConvolutions), MemberType = typeof(ConvolutionCases))]
    public void AwkwardShapes_MatchNaive_Float(string name) => ConvolutionChecks.AllPassesMatchOracle<float>(Awkward(name));

    [Theory]
    [MemberData(nameof(ConvolutionCases.AwkwardConvolutions), MemberType = typeof(ConvolutionCases))]
    public void AwkwardShapes_MatchNaive_Double(string name) => ConvolutionChecks.AllPassesMatchOracle<double>(Awkward(name));

    [Theory]
    [MemberData(nameof(ConvolutionCases.ReferenceConvolutions), MemberType = typeof(ConvolutionCases))]
    public void ReferenceShapes_MatchNaive_Float(string name)
        => ConvolutionChecks.AllPassesMatchOracle<float>(ConvolutionLayer.Of(ConvolutionCases.Reference[name]));

    [Theory]
    [MemberData(nameof(ConvolutionCases.AwkwardConvolutions), MemberType = typeof(ConvolutionCases))]
    public void Accumulate_AddsToExistingValues(string name) => ConvolutionChecks.AccumulateAddsToExistingValues(Awkward(name));

    [Theory]
    [InlineData("partial image groups")]
    [InlineData("3x2 stride 2x3 pad 1x0")]
    [InlineData("1x1 more outputs than taps")]
    [InlineData("many images stride 2")]
    [InlineData("many images one channel stride 2")]
    [InlineData("more groups than blocks")]
    public void Results_AreBitIdentical_ForAnyThreadCount(string name) => ConvolutionChecks.ResultsAreBitIdenticalForAnyThreadCount(Awkward(name));

    [Fact]
    public void WithoutBias_OutputIsTheConvolutionAlone()
    {
        var s = ConvolutionCases.Awkward["5x5 stride 3 pad 1"];
        var random = new SdfLearn.Core.SeededRandom(8);
        var input = new TestData<double>(s.InputLength, random);
        var weight = new TestData<double>(s.WeightLength, random);
        var output = new double[s.OutputLength];
        Conv2d.Forward<double>(s, input.Values, weight.Values, [], output);
        Tolerance.AssertClose(NaiveConvolution.Forward(s, input.Exact, weight.Exact, null), output, "output without bias");
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

    private static ConvolutionLayer Awkward(string name) => ConvolutionLayer.Of(ConvolutionCases.Awkward[name]);
}
