using SdfLearn.Autodiff;
using SdfLearn.Core;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Autodiff;

public class LossOpTests
{
    public static TheoryData<int[]> Shapes => new() { new[] { 1 }, new[] { 7 }, new[] { 3, 5 }, new[] { 4, 9, 1 } };

    [Theory, MemberData(nameof(Shapes))]
    public void L1Loss_Gradient_MatchesFiniteDifferences(int[] shape)
    {
        var prediction = RandomParameter(101, shape);
        var target = RandomParameter(102, shape);
        Passes(tape => Ops.L1Loss(tape.Watch(prediction), tape.Watch(target)), prediction, target);
        Passes(tape => Ops.L1Loss(Intermediate(tape, prediction), Intermediate(tape, target)), prediction, target);
    }

    [Theory, MemberData(nameof(Shapes))]
    public void ClampedL1Loss_Gradient_MatchesFiniteDifferences(int[] shape)
    {
        // Inside and outside the clamp, away from its bounds (+-0.5) and from equal clamped values.
        var prediction = AwayFrom(103, [-0.5, 0.5], shape);
        var target = UniformParameter(104, -2, 2, shape);
        target.RequiresGrad = false;
        Passes(tape => Ops.ClampedL1Loss(tape.Watch(prediction), tape.Constant(target.Value), 0.5), prediction);
        Passes(tape => Ops.ClampedL1Loss(Intermediate(tape, prediction), tape.Constant(target.Value), 0.5), prediction);
    }

    [Fact]
    public void L1Losses_Values_AreDeepSdfs()
    {
        var tape = new Tape<double>();
        var prediction = tape.Constant(Tensor<double>.FromValues([0.05, -0.3, 0.2, 1], 4));
        var target = tape.Constant(Tensor<double>.FromValues([0.0, 0.3, -0.5, 2], 4));
        Assert.Equal((0.05 + 0.6 + 0.7 + 1) / 4, Ops.L1Loss(prediction, target).Item(), 15);
        // clamp to [-0.1, 0.1]: |0.05 - 0| + |-0.1 - 0.1| + |0.1 + 0.1| + |0.1 - 0.1|
        Assert.Equal((0.05 + 0.2 + 0.2 + 0) / 4, Ops.ClampedL1Loss(prediction, target, 0.1).Item(), 15);
        Assert.Equal(0, Ops.L1Loss(prediction, target).Shape.Rank);
    }

    [Fact]
    public void L1Losses_RejectMismatchedShapes_AndBadDelta()
    {
        var tape = new Tape<double>();
        var a = tape.Constant(new Tensor<double>(new Shape(2, 3)));
        var b = tape.Constant(new Tensor<double>(new Shape(3)));
        Assert.Throws<ShapeMismatchException>(() => Ops.L1Loss(a, b));
        Assert.Throws<ShapeMismatchException>(() => Ops.ClampedL1Loss(a, b, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.ClampedL1Loss(a, a, 0.0));
    }
}
