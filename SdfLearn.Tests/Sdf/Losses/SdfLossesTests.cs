using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;
using SdfLearn.Sdf.Losses;

namespace SdfLearn.Tests.Sdf.Losses;

public class SdfLossesTests
{
    [Fact]
    public void APlaneAtUnitSlope_HasZeroEikonalAndNormalLoss_AndOtherSlopesDoNot()
    {
        // f(x) = 0.6 x + 0.8 y - 0.1: a signed distance to a line, whose gradient is its unit normal (0.6, 0.8).
        var plane = new Linear<double>(2, 1, new SeededRandom(1));
        plane.Weight.Value.CopyFrom(Tensor<double>.FromValues([0.6, 0.8], 1, 2));
        plane.Bias!.Value.Span[0] = -0.1;
        var tape = new Tape<double>();
        var points = tape.Constant(Tensor<double>.FromValues([0.1, 0.2, -0.5, 0.3, 0.9, -0.7], 3, 2));
        var (values, gradient) = plane.ForwardWithInputGradient(points, 0, 2);
        var normals = tape.Constant(Tensor<double>.FromValues([0.6, 0.8, 0.6, 0.8, 0.6, 0.8], 3, 2));
        Assert.Equal(0, SdfLosses.Eikonal(gradient).Item(), 1e-15);
        Assert.Equal(0, SdfLosses.NormalAlignment(gradient, normals).Item(), 1e-6); // the norm of a zero row is clamped to 1e-6
        Assert.Equal(values.Value.ToArray().Select(Math.Abs).Average(), SdfLosses.OnSurface(values).Item(), 1e-15);

        var steep = tape.Constant(Tensor<double>.FromValues([1.2, 1.6, 1.2, 1.6, 1.2, 1.6], 3, 2)); // |g| = 2
        Assert.Equal(1, SdfLosses.Eikonal(steep).Item(), 1e-12);
        Assert.Equal(1, SdfLosses.NormalAlignment(steep, normals).Item(), 1e-12);
    }

    [Fact]
    public void ZeroGradientRows_GiveFiniteGradients()
    {
        var gradient = new SdfLearn.Autodiff.Parameter<double>(Tensor<double>.FromValues([0.0, 0.0, 0.6, 0.8], 2, 2));
        var tape = new Tape<double>();
        var watched = tape.Watch(gradient);
        tape.Backward(Ops.Add(SdfLosses.Eikonal(watched), SdfLosses.NormalAlignment(watched, tape.Constant(Tensor<double>.FromValues([0.0, 0.0, 0.6, 0.8], 2, 2)))));
        // Row 0 is zero (clamped: no gradient), row 1 is a unit vector equal to its normal (both terms at their minimum).
        Assert.All(gradient.Grad.ToArray(), g => Assert.InRange(g, -1e-12, 1e-12));
    }
}
