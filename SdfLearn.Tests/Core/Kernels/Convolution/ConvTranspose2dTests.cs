using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels.Convolution;

public class ConvTranspose2dTests
{
    [Theory]
    [MemberData(nameof(ConvolutionCases.AwkwardTransposed), MemberType = typeof(ConvolutionCases))]
    public void AwkwardShapes_MatchNaive_Float(string name) => ConvolutionChecks.AllPassesMatchOracle<float>(Awkward(name));

    [Theory]
    [MemberData(nameof(ConvolutionCases.AwkwardTransposed), MemberType = typeof(ConvolutionCases))]
    public void AwkwardShapes_MatchNaive_Double(string name) => ConvolutionChecks.AllPassesMatchOracle<double>(Awkward(name));

    [Theory]
    [MemberData(nameof(ConvolutionCases.ReferenceTransposed), MemberType = typeof(ConvolutionCases))]
    public void ReferenceShapes_MatchNaive_Float(string name)
        => ConvolutionChecks.AllPassesMatchOracle<float>(ConvolutionLayer.Of(ConvolutionCases.ReferenceTransposedShapes[name]));

    [Theory]
    [MemberData(nameof(ConvolutionCases.AwkwardTransposed), MemberType = typeof(ConvolutionCases))]
    public void Accumulate_AddsToExistingValues(string name) => ConvolutionChecks.AccumulateAddsToExistingValues(Awkward(name));

    [Theory]
    [InlineData("3x3 stride 2 pad 1 outpad 1")]
    [InlineData("many images 3x3 stride 2 outpad 1")]
    public void Results_AreBitIdentical_ForAnyThreadCount(string name)
        => ConvolutionChecks.ResultsAreBitIdenticalForAnyThreadCount(Awkward(name));

    [Fact]
    public void Shape_MatchesPyTorchOutputSize()
    {
        var s = new ConvTranspose2dShape(64, 64, 8, 8, 32, 3, 3, 2, 2, 1, 1, 1, 1);
        Assert.Equal(new Shape(64, 32, 16, 16), s.OutputShape);
        Assert.Equal(new Shape(64, 32, 3, 3), s.WeightShape);
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

    private static ConvolutionLayer Awkward(string name) => ConvolutionLayer.Of(ConvolutionCases.AwkwardTransposedShapes[name]);
}
