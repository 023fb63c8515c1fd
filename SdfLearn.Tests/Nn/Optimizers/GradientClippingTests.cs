using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Optimizers;

namespace SdfLearn.Tests.Nn.Optimizers;

public class GradientClippingTests
{
    private static Parameter<double> WithGradient(params double[] gradient)
    {
        var parameter = new Parameter<double>(Tensor<double>.Zeros(gradient.Length));
        gradient.CopyTo(parameter.Grad.Span);
        return parameter;
    }

    [Fact]
    public void ClipByGlobalNorm_ScalesAllGradientsTogether()
    {
        Parameter<double> a = WithGradient(3, 0), b = WithGradient(0, -4);
        double norm = GradientClipping.ClipByGlobalNorm([a, b], maxNorm: 1);
        Assert.Equal(5, norm, 12);
        double scale = 1 / (5 + 1e-6);
        Assert.Equal([3 * scale, 0], a.Grad.ToArray());
        Assert.Equal([0, -4 * scale], b.Grad.ToArray());
    }

    [Fact]
    public void ClipByGlobalNorm_BelowTheLimit_LeavesGradients()
    {
        var a = WithGradient(0.3, 0.4);
        Assert.Equal(0.5, GradientClipping.ClipByGlobalNorm([a], maxNorm: 1), 12);
        Assert.Equal([0.3, 0.4], a.Grad.ToArray());
    }

    [Fact]
    public void ClipByGlobalNorm_IgnoresFrozenParameters()
    {
        var frozen = WithGradient(100);
        frozen.RequiresGrad = false;
        Assert.Equal(2, GradientClipping.ClipByGlobalNorm([frozen, WithGradient(2)], maxNorm: 10), 12);
        Assert.Equal(100, frozen.Grad.Span[0]);
    }

    [Fact]
    public void ClipByGlobalNorm_NonFiniteNorm_IsReportedAndGradientsKept()
    {
        Parameter<double> a = WithGradient(double.NaN), b = WithGradient(7);
        Assert.True(double.IsNaN(GradientClipping.ClipByGlobalNorm([a, b], maxNorm: 1)));
        Assert.Equal(7, b.Grad.Span[0]);
    }

    [Fact]
    public void ClipByGlobalNorm_RejectsNonPositiveLimit() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm([WithGradient(1)], 0));
}
