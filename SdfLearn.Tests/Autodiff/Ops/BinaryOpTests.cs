using SdfLearn.Autodiff;
using SdfLearn.Core;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Autodiff;

public class BinaryOpTests
{
    // Same shapes, a bias-like row vector, both operands broadcast, a leading-axis broadcast, and a one-element value.
    public static TheoryData<int[], int[]> ShapePairs => new()
    {
        { new[] { 3, 5 }, new[] { 3, 5 } },
        { new[] { 3, 5 }, new[] { 5 } },
        { new[] { 3, 1 }, new[] { 1, 4 } },
        { new[] { 2, 3, 4 }, new[] { 3, 1 } },
        { new[] { 1 }, new[] { 2, 3 } },
        { new[] { 2, 3, 2, 2 }, new[] { 1, 3, 2, 2 } },
    };

    [Theory, MemberData(nameof(ShapePairs))]
    public void Add_Gradient_MatchesFiniteDifferences(int[] left, int[] right) => CheckBinary(Ops.Add, left, right);

    [Theory, MemberData(nameof(ShapePairs))]
    public void Sub_Gradient_MatchesFiniteDifferences(int[] left, int[] right) => CheckBinary(Ops.Sub, left, right);

    [Theory, MemberData(nameof(ShapePairs))]
    public void Mul_Gradient_MatchesFiniteDifferences(int[] left, int[] right) => CheckBinary(Ops.Mul, left, right);

    [Theory, MemberData(nameof(ShapePairs))]
    public void Div_Gradient_MatchesFiniteDifferences(int[] left, int[] right) => CheckBinary(Ops.Div, left, right);

    [Theory, MemberData(nameof(ShapePairs))]
    public void Maximum_Gradient_MatchesFiniteDifferences(int[] left, int[] right) => CheckBinary(Ops.Maximum, left, right);

    [Theory, MemberData(nameof(ShapePairs))]
    public void Minimum_Gradient_MatchesFiniteDifferences(int[] left, int[] right) => CheckBinary(Ops.Minimum, left, right);

    /// <summary>
    /// Their kernels are static lambdas, so a steady-state step on equal shapes and trailing tiles allocates nothing (other
    /// broadcasts still build a <c>Broadcast</c> plan per call).
    /// </summary>
    [Fact]
    public void MaximumAndMinimum_SteadyStateStep_AllocatesNothing()
    {
        var tape = new Tape<float>();
        var a = new Parameter<float>(Tensor<float>.Full(0.5f, 4, 3));
        var (row, other) = (new Parameter<float>(Tensor<float>.Full(0.2f, 3)), new Parameter<float>(Tensor<float>.Full(0.7f, 4, 3)));
        void Step()
        {
            tape.Reset();
            var x = tape.Watch(a);
            tape.Backward(Ops.Sum(Ops.Add(Ops.Maximum(x, tape.Watch(row)), Ops.Minimum(x, tape.Watch(other)))));
        }
        for (int i = 0; i < 3; i++) Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void MaximumAndMinimum_Ties_GoToTheFirstArgument()
    {
        var a = new Parameter<double>(Tensor<double>.FromValues([1, 2, 3], 3));
        var b = new Parameter<double>(Tensor<double>.FromValues([1, 5, 0], 3));
        foreach (var op in new Func<Variable<double>, Variable<double>, Variable<double>>[] { Ops.Maximum, Ops.Minimum })
        {
            a.ZeroGrad();
            b.ZeroGrad();
            var tape = new Tape<double>();
            tape.Backward(Ops.Sum(op(tape.Watch(a), tape.Watch(b))));
            bool max = op == Ops.Maximum<double>;
            Assert.Equal(max ? [1.0, 0, 1] : [1.0, 1, 0], a.Grad.ToArray());
            Assert.Equal(max ? [0.0, 1, 0] : [0.0, 0, 1], b.Grad.ToArray());
        }
    }

    // Where: equal shapes (the vectorised path), values broadcast, and the condition broadcast along rows and columns.
    public static TheoryData<int[], int[], int[]> WhereShapes => new()
    {
        { new[] { 37 }, new[] { 37 }, new[] { 37 } },
        { new[] { 3, 5 }, new[] { 3, 5 }, new[] { 5 } },
        { new[] { 3, 1 }, new[] { 3, 4 }, new[] { 4 } },
        { new[] { 1, 4 }, new[] { 3, 1 }, new[] { 1, 4 } },
        { new[] { 2, 3, 4 }, new[] { 3, 4 }, new[] { 2, 1, 1 } },
    };

    [Theory, MemberData(nameof(WhereShapes))]
    public void Where_Gradient_MatchesFiniteDifferences(int[] condition, int[] left, int[] right)
    {
        var mask = RandomParameter(35, condition).Value;
        foreach (ref double m in mask.Span) m = m > 0 ? 1 : 0;
        var a = RandomParameter(36, left);
        var b = RandomParameter(37, right);
        Passes(tape => WeightedSum(Ops.Where(mask, tape.Watch(a), tape.Watch(b))), a, b);
        Passes(tape => WeightedSum(Ops.Where(mask, Intermediate(tape, b), Intermediate(tape, a))), a, b);
    }

    [Fact]
    public void Where_SelectsByTheMask_AndRejectsAConditionThatWouldGrowTheResult()
    {
        var tape = new Tape<double>();
        var a = tape.Constant(Tensor<double>.FromValues([1, 2, 3, 4], 2, 2));
        var b = tape.Constant(Tensor<double>.FromValues([-1, -2], 2));
        Assert.Equal([1.0, -2, -1, 4], Ops.Where(Tensor<double>.FromValues([1, 0, 0, 1], 2, 2), a, b).Value.ToArray());
        Assert.Equal([-1.0, -2, 3, 4], Ops.Where(Tensor<double>.FromValues([0, 1], 2, 1), a, b).Value.ToArray());
        Assert.Throws<ShapeMismatchException>(() => Ops.Where(new Tensor<double>(new Shape(3, 2, 2)), a, b));
        Assert.Throws<ShapeMismatchException>(() => Ops.Where(new Tensor<double>(new Shape(3)), a, b));
    }

    [Fact]
    public void Broadcast_OutputShape_IsNumPys()
    {
        var tape = new Tape<double>();
        var y = Ops.Add(tape.Constant(new Tensor<double>(new Shape(2, 3, 1))), tape.Constant(new Tensor<double>(new Shape(4))));
        Assert.Equal(new Shape(2, 3, 4), y.Shape);
    }

    [Fact]
    public void Broadcast_Values_RepeatAlongUnitDimensions()
    {
        var tape = new Tape<double>();
        var column = tape.Constant(Tensor<double>.FromValues([10, 20], 2, 1));
        var row = tape.Constant(Tensor<double>.FromValues([1, 2, 3], 3));
        Assert.Equal([11.0, 12, 13, 21, 22, 23], Ops.Add(column, row).Value.ToArray());
        Assert.Equal([9.0, 8, 7, 19, 18, 17], Ops.Sub(column, row).Value.ToArray());
        Assert.Equal([10.0, 20, 30, 20, 40, 60], Ops.Mul(column, row).Value.ToArray());
        Assert.Equal([10.0, 5, 10.0 / 3, 20, 10, 20.0 / 3], Ops.Div(column, row).Value.ToArray());
    }

    [Fact]
    public void Broadcast_TrailingTile_Values()
    {
        var tape = new Tape<double>();
        var matrix = tape.Constant(Tensor<double>.FromValues([1, 2, 3, 4, 5, 6], 2, 3));
        var row = tape.Constant(Tensor<double>.FromValues([10, 20, 30], 1, 3));
        Assert.Equal([11.0, 22, 33, 14, 25, 36], Ops.Add(matrix, row).Value.ToArray());
        Assert.Equal([9.0, 18, 27, 6, 15, 24], Ops.Sub(row, matrix).Value.ToArray());
        Assert.Equal(new Shape(2, 3), Ops.Mul(row, matrix).Shape);
        Assert.Equal([0.1, 0.1, 0.1, 0.4, 0.25, 0.2], Ops.Div(matrix, row).Value.ToArray());
    }

    [Fact]
    public void ValueUsedTwice_ReceivesTheSumOfBothGradients()
    {
        var x = RandomParameter(31, 4, 3);
        Passes(tape => WeightedSum(Ops.Mul(tape.Watch(x), tape.Watch(x))), x);
        var check = RandomParameter(32, 4, 3);
        Passes(tape =>
        {
            var v = tape.Watch(check);
            return WeightedSum(Ops.Add(Ops.Exp(v), Ops.Mul(v, v)));
        }, check);
    }

    private static void CheckBinary(Func<Variable<double>, Variable<double>, Variable<double>> op, int[] left, int[] right)
    {
        // Operands kept away from zero so Div is smooth; both directions, so each side is the broadcast one once.
        var a = AwayFromZero(33, left);
        var b = AwayFromZero(34, right);
        Passes(tape => WeightedSum(op(tape.Watch(a), tape.Watch(b))), a, b);
        Passes(tape => WeightedSum(op(tape.Watch(b), tape.Watch(a))), a, b);
    }
}
