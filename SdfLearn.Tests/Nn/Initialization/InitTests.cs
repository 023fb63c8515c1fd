using SdfLearn.Core;
using SdfLearn.Nn.Initialization;

namespace SdfLearn.Tests.Nn.Initialization;

public class InitTests
{
    [Theory]
    [InlineData(new[] { 8, 5 }, 5, 8)]              // Linear weight [out, in]
    [InlineData(new[] { 16, 3, 3, 3 }, 27, 144)]    // Conv2d weight [out, in, kh, kw]
    [InlineData(new[] { 64, 32, 3, 3 }, 288, 576)]  // ConvTranspose2d weight [in, out, kh, kw]: fan-in from dim 1, as PyTorch
    public void Fans_FollowPyTorch(int[] shape, int fanIn, int fanOut) => Assert.Equal((fanIn, fanOut), Init.Fans(shape));

    [Fact]
    public void Fans_RejectVectors() => Assert.Throws<ArgumentException>(() => Init.Fans(new Shape(4)));

    [Fact]
    public void PyTorchDefault_DrawsWithinOneOverSqrtFanIn_AndFillsTheRange()
    {
        var weight = new Tensor<float>(new Shape(64, 4, 3, 3));
        var bias = new Tensor<float>(new Shape(64));
        Init.PyTorchDefault(weight, bias, new SeededRandom(1));
        double bound = 1 / Math.Sqrt(36);
        foreach (var values in new[] { weight.ToArray(), bias.ToArray() })
        {
            Assert.All(values, v => Assert.InRange(v, -bound, bound));
            Assert.True(values.Max() > 0.9 * bound && values.Min() < -0.9 * bound);
        }
        // Variance of U(-b, b) is b^2 / 3.
        double variance = weight.ToArray().Select(v => (double)v * v).Average();
        Assert.InRange(variance, 0.9 * bound * bound / 3, 1.1 * bound * bound / 3);
    }

    [Fact]
    public void KaimingUniform_WithReluGain_UsesSqrtSixOverFanIn()
    {
        var weight = new Tensor<double>(new Shape(200, 50));
        Init.KaimingUniform(weight, new SeededRandom(2), a: 0);
        double bound = Math.Sqrt(6.0 / 50);
        Assert.All(weight.ToArray(), v => Assert.InRange(v, -bound, bound));
        Assert.True(weight.ToArray().Max() > 0.95 * bound);
    }

    [Fact]
    public void SameSeed_SameWeights()
    {
        Tensor<float> a = new(new Shape(3, 3)), b = new(new Shape(3, 3));
        Init.KaimingUniform(a, new SeededRandom(7));
        Init.KaimingUniform(b, new SeededRandom(7));
        Assert.Equal(a.ToArray(), b.ToArray());
    }
}
