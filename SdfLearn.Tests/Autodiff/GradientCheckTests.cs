using System.Numerics.Tensors;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Autodiff;

public class GradientCheckTests
{
    /// <summary>x^2 whose backward is off by a factor <paramref name="error"/> (1 = correct).</summary>
    private static Variable<double> SquareWithScaledGradient(Variable<double> x, double error)
    {
        var tape = x.Tape;
        var y = tape.Rent(x.Shape);
        TensorPrimitives.Multiply(x.Value.Span, x.Value.Span, y.Span);
        return tape.RecordOp(y, [x], gradY =>
        {
            if (!x.RequiresGrad) return;
            var gx = x.GradAccumulator();
            for (int i = 0; i < gx.Length; i++) gx[i] += 2 * error * x.Value.Span[i] * gradY.Span[i];
        });
    }

    /// <summary>y = x W^T whose weight gradient is g^T x, optionally transposed by mistake (W is square).</summary>
    private static Variable<double> MatMulWithTransposedWeightGradient(Variable<double> x, Variable<double> w, bool transposeMistake)
    {
        var tape = x.Tape;
        int rows = x.Shape[0], n = w.Shape[0];
        var y = tape.Rent(new Shape(rows, n));
        SdfLearn.Core.Kernels.Gemm.Multiply<double>(x.Value.Span, false, w.Value.Span, true, y.Span, rows, n, n);
        return tape.RecordOp(y, [x, w], gradY =>
        {
            var gw = w.GradAccumulator();
            for (int o = 0; o < n; o++)
                for (int i = 0; i < n; i++)
                    for (int r = 0; r < rows; r++)
                    {
                        double term = gradY.Span[r * n + o] * x.Value.Span[r * n + i];
                        if (transposeMistake) gw[i * n + o] += term; else gw[o * n + i] += term;
                    }
        });
    }

    /// <summary>
    /// Ops.Cos's forward with its backward's sign flipped (<c>+g sin x</c> instead of <c>-g sin x</c>): the mistake a
    /// new op's hand-written backward is most likely to make.
    /// </summary>
    private static Variable<double> CosWithSignFlippedBackward(Variable<double> x)
    {
        var tape = x.Tape;
        var y = tape.Rent(x.Shape);
        SdfLearn.Core.Kernels.CosKernel.Forward<double>(x.Value.Span, y.Span);
        return tape.RecordOp(y, [x], gradY =>
        {
            var correct = new double[x.Shape.Length];
            SdfLearn.Core.Kernels.CosKernel.Backward<double>(x.Value.Span, gradY.Span, correct, accumulate: false);
            TensorPrimitives.Subtract(x.GradAccumulator(), correct, x.GradAccumulator());
        });
    }

    [Fact]
    public void NewOp_WithWrongBackward_FailsItsGradientCheck_WhereTheRealOpPasses()
    {
        var x = UniformParameter(13, -3, 3, 7);
        Passes(tape => WeightedSum(Ops.Cos(tape.Watch(x))), x);
        var result = GradientCheck.Run(tape => WeightedSum(CosWithSignFlippedBackward(tape.Watch(x))), [x]);
        Assert.False(result.Passed);
        Assert.InRange(result.MaxRelativeError, 1.99, 2.01); // |g sin x - (-g sin x)| / |g sin x|
    }

    [Fact]
    public void CustomOp_WithCorrectBackward_Passes()
    {
        var x = RandomParameter(1, 3, 4);
        Passes(tape => WeightedSum(SquareWithScaledGradient(tape.Watch(x), 1.0)), x);
        var a = RandomParameter(2, 3, 4);
        var w = RandomParameter(3, 4, 4);
        a.RequiresGrad = false;
        Passes(tape => WeightedSum(MatMulWithTransposedWeightGradient(tape.Watch(a), tape.Watch(w), false)), a, w);
    }

    [Fact]
    public void GradientOffByOnePercent_IsCaught_AndReported()
    {
        var x = RandomParameter(1, 3, 4);
        var result = GradientCheck.Run(tape => WeightedSum(SquareWithScaledGradient(tape.Watch(x), 1.01)), [x]);
        Assert.False(result.Passed);
        var report = Assert.Single(result.Tensors);
        Assert.Equal("0", report.Name);
        Assert.Equal(new Shape(3, 4), report.Shape);
        Assert.InRange(report.MaxRelativeError, 0.0098, 0.0100); // |1.01 a - a| / (1.01 |a|)
        Assert.Contains("FAIL", result.ToString());
    }

    [Fact]
    public void TransposedGradientTerm_IsCaught()
    {
        var a = RandomParameter(2, 3, 4);
        var w = RandomParameter(3, 4, 4);
        a.RequiresGrad = false;
        var result = GradientCheck.Run(tape => WeightedSum(MatMulWithTransposedWeightGradient(tape.Watch(a), tape.Watch(w), true)),
            new Dictionary<string, Parameter<double>> { ["input"] = a, ["weight"] = w });
        Assert.False(result.Passed);
        Assert.Equal("weight", Assert.Single(result.Tensors).Name);
        Assert.True(result.MaxRelativeError > 0.1, result.ToString());
    }

    [Fact]
    public void WholeModel_NamedParameters_SampledElements_RestoresGradients()
    {
        // A two-layer network with an MSE loss, checked as a model would be: named parameters, a sampled subset of a
        // large weight, and a loss function that builds the whole forward pass on the tape it is given.
        var w1 = RandomParameter(4, 40, 6);
        var b1 = RandomParameter(5, 40);
        var w2 = RandomParameter(6, 1, 40);
        var inputs = new Tape<double>().Constant(RandomParameter(7, 8, 6).Value).Value;
        var targets = RandomParameter(8, 8, 1).Value;
        w1.Grad.Fill(42);
        var named = new Dictionary<string, Parameter<double>> { ["fc1.weight"] = w1, ["fc1.bias"] = b1, ["fc2.weight"] = w2 };
        var result = GradientCheck.Run(tape =>
        {
            var h = Ops.Gelu(Ops.Linear(tape.Constant(inputs), tape.Watch(w1), tape.Watch(b1)));
            return Ops.MseLoss(Ops.Tanh(Ops.Linear(h, tape.Watch(w2))), tape.Constant(targets));
        }, named, new GradientCheckOptions { MaxElementsPerTensor = 30 });
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight"], result.Tensors.Select(t => t.Name));
        Assert.Equal([30, 30, 30], result.Tensors.Select(t => t.CheckedElements));
        Assert.All(w1.Grad.ToArray(), g => Assert.Equal(42, g));
    }

    [Fact]
    public void LossThatThrows_LeavesValuesAndGradientsAsTheyWere()
    {
        var x = RandomParameter(11, 3);
        var before = x.Value.ToArray();
        int calls = 0;
        Assert.Throws<InvalidOperationException>(() => GradientCheck.Run(tape =>
        {
            if (++calls > 3) throw new InvalidOperationException("boom");
            return Ops.Sum(Ops.Square(tape.Watch(x)));
        }, [x]));
        Assert.Equal(before, x.Value.ToArray());
        Assert.All(x.Grad.ToArray(), g => Assert.Equal(0, g));
    }

    [Fact]
    public void NonScalarLoss_And_BadOptions_FailClearly()
    {
        var x = RandomParameter(12, 3);
        Assert.Throws<InvalidOperationException>(() => GradientCheck.Run(tape => Ops.Exp(tape.Watch(x)), [x]));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            GradientCheck.Run(tape => Ops.Sum(tape.Watch(x)), [x], new GradientCheckOptions { Step = 0 }));
    }

    [Fact]
    public void FrozenParameters_AreSkipped()
    {
        var x = RandomParameter(9, 2, 2);
        var frozen = RandomParameter(10, 2, 2);
        frozen.RequiresGrad = false;
        var result = GradientCheck.Run(tape => WeightedSum(Ops.Mul(tape.Watch(x), tape.Watch(frozen))), [x, frozen]);
        Assert.Equal("0", Assert.Single(result.Tensors).Name);
    }
}
