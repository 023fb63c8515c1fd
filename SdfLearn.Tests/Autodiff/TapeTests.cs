using SdfLearn.Autodiff;
using SdfLearn.Core;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Autodiff;

public class TapeTests
{
    [Fact]
    public void Backward_AccumulatesIntoParameters_UntilZeroed()
    {
        var p = new Parameter<double>(Tensor<double>.FromValues([1, 2, 3], 3));
        var tape = new Tape<double>();
        for (int step = 0; step < 2; step++)
        {
            tape.Reset();
            tape.Backward(Ops.Sum(Ops.Square(tape.Watch(p))));
        }
        Assert.Equal([4.0, 8, 12], p.Grad.ToArray());
        p.ZeroGrad();
        tape.Reset();
        tape.Backward(Ops.Sum(Ops.Square(tape.Watch(p))));
        Assert.Equal([2.0, 4, 6], p.Grad.ToArray());
    }

    [Fact]
    public void Input_KeepsItsGradientOnTheVariable()
    {
        var tape = new Tape<double>();
        var x = tape.Input(Tensor<double>.FromValues([1, -2], 2), requiresGrad: true);
        tape.Backward(Ops.Sum(Ops.Scale(x, 3.0)));
        Assert.Equal([3.0, 3], x.Grad!.ToArray());
    }

    [Fact]
    public void LeavesWithoutGrad_GetNone_AndFrozenParametersAreUntouched()
    {
        var tape = new Tape<double>();
        var frozen = RandomParameter(1, 2, 1, 1);
        frozen.RequiresGrad = false;
        var weight = RandomParameter(2, 2, 3, 3, 3);
        var image = tape.Constant(RandomParameter(3, 1, 3, 4, 4).Value);
        var y = Ops.Conv2d(image, tape.Watch(weight), null, 1, 1);
        var loss = Ops.Sum(Ops.Mul(y, tape.Watch(frozen)));
        tape.Backward(loss);
        Assert.Null(image.Grad);
        Assert.All(frozen.Grad.ToArray(), g => Assert.Equal(0, g));
        Assert.Contains(weight.Grad.ToArray(), g => g != 0);
    }

    [Fact]
    public void NoGrad_ComputesValues_RecordsNothing()
    {
        var tape = new Tape<double>();
        var p = RandomParameter(4, 2, 2);
        using (tape.NoGrad())
        {
            Assert.False(tape.IsRecording);
            var y = Ops.Exp(tape.Watch(p));
            Assert.False(y.RequiresGrad);
            Assert.Equal(Math.Exp(p.Value[1, 1]), y.Value[1, 1], 14);
            Assert.Equal(0, tape.RecordedOpCount);
            Assert.Throws<InvalidOperationException>(() => tape.Backward(Ops.Sum(y)));
        }
        Assert.True(tape.IsRecording);
        Assert.True(Ops.Exp(tape.Watch(p)).RequiresGrad);
    }

    [Fact]
    public void Reset_ReusesBuffers_SoSteadyStepsDoNotAllocateActivations()
    {
        var tape = new Tape<float>();
        var w = new Parameter<float>(Tensor<float>.Full(0.5f, 4, 3));
        var x = Tensor<float>.Full(1f, 5, 3);
        Tensor<float>[] Step()
        {
            tape.Reset();
            var h = Ops.Gelu(Ops.Linear(tape.Constant(x), tape.Watch(w)));
            var loss = Ops.Mean(h);
            tape.Backward(loss);
            return [h.Value, h.Grad!, loss.Value];
        }
        var first = Step();
        var second = Step();
        for (int i = 0; i < first.Length; i++) Assert.Same(first[i], second[i]);
    }

    [Fact]
    public void SteadyStateStep_AllocatesAlmostNothing()
    {
        // A DeepSDF-like graph (latent repeated per point, concatenated with coordinates, a skip connection) whose
        // activations are 64 KB each; after warm-up a step records into recycled variables and buffers (the bound is
        // generous: such a step allocates nothing today).
        var tape = new Tape<float>();
        var latent = new Parameter<float>(Tensor<float>.Full(0.1f, 4, 62));
        var points = Tensor<float>.Full(0.5f, 4 * 64, 2);
        var target = Tensor<float>.Zeros(4 * 64, 64);
        void Step()
        {
            tape.Reset();
            var input = Ops.Concat(1, Ops.RepeatRows(tape.Watch(latent), 64), tape.Constant(points));
            var hidden = Ops.Concat(1, Ops.Slice(Ops.Gelu(input), 1, 0, 32), Ops.Slice(Ops.Relu(input), 1, 32, 32));
            var output = Ops.Tanh(Ops.Mul(hidden, input));
            tape.Backward(Ops.MseLoss(output, tape.Constant(target)));
        }
        for (int i = 0; i < 3; i++) Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Step();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1024, $"A steady-state step allocated {allocated} bytes.");
    }

    [Fact]
    public void RecycledVariable_FromThePreviousStep_FailsClearly_ThoughTheNewStepRecordedTheSameGraph()
    {
        var tape = new Tape<double>();
        var p = RandomParameter(9, 3);
        Variable<double> Step()
        {
            tape.Reset();
            var loss = Ops.Sum(Ops.Exp(tape.Watch(p)));
            tape.Backward(loss);
            return loss;
        }
        var first = Step();
        var second = Step();
        Assert.NotSame(first, second);
        var ex = Assert.Throws<InvalidOperationException>(() => Ops.Exp(first));
        Assert.Contains("Reset", ex.Message);
        ex = Assert.Throws<InvalidOperationException>(() => first.Item());
        Assert.Contains("Clone", ex.Message);
        Assert.Throws<InvalidOperationException>(() => first.Value);
        Assert.Equal(Enumerable.Sum(p.Value.ToArray(), Math.Exp), second.Item(), 12);
        // The contract: two steps on, the object is the same position's variable of the current step again, so a
        // variable must not be kept over resets (keep loss.Item() or Value.Clone() instead).
        var third = Step();
        Assert.Same(first, third);
    }

    [Fact]
    public void Backward_OnNonScalar_NamesTheShape()
    {
        var tape = new Tape<double>();
        var y = Ops.Exp(tape.Watch(RandomParameter(5, 4, 3)));
        var ex = Assert.Throws<InvalidOperationException>(() => tape.Backward(y));
        Assert.Contains("[4, 3]", ex.Message);
        Assert.Contains("scalar", ex.Message);
    }

    [Fact]
    public void Backward_Twice_FailsClearly_UntilReset()
    {
        var tape = new Tape<double>();
        var p = RandomParameter(6, 3);
        var loss = Ops.Sum(tape.Watch(p));
        tape.Backward(loss);
        var ex = Assert.Throws<InvalidOperationException>(() => tape.Backward(loss));
        Assert.Contains("already", ex.Message);
        Assert.Contains("Reset", ex.Message);
        tape.Reset();
        tape.Backward(Ops.Sum(tape.Watch(p)));
    }

    [Fact]
    public void VariableFromBeforeReset_FailsClearly()
    {
        var tape = new Tape<double>();
        var p = RandomParameter(7, 3);
        var stale = Ops.Exp(tape.Watch(p));
        tape.Reset();
        var ex = Assert.Throws<InvalidOperationException>(() => tape.Backward(Ops.Sum(stale)));
        Assert.Contains("Reset", ex.Message);
        Assert.Throws<InvalidOperationException>(() => tape.Backward(stale));
    }

    [Fact]
    public void ValueAndItem_AfterReset_Refuse_AndSayWhatToDo()
    {
        var tape = new Tape<double>();
        var p = RandomParameter(8, 3);
        var loss = Ops.Sum(Ops.Exp(tape.Watch(p)));
        double before = loss.Item();
        var kept = loss.Value.Clone();
        tape.Reset();
        var again = Ops.Sum(Ops.Exp(tape.Watch(p))); // reuses the stale loss's buffer
        var ex = Assert.Throws<InvalidOperationException>(() => loss.Item());
        Assert.Contains("Reset", ex.Message);
        Assert.Contains("before", ex.Message);
        Assert.Contains("Clone", ex.Message);
        Assert.Throws<InvalidOperationException>(() => loss.Value);
        Assert.Equal(new SdfLearn.Core.Shape(), loss.Shape); // metadata stays readable
        Assert.Equal(before, again.Item());
        Assert.Equal(before, kept.Item());
    }

    [Fact]
    public void VariablesFromTwoTapes_CannotMix()
    {
        var a = new Tape<double>().Constant(Tensor<double>.Zeros(2));
        var b = new Tape<double>().Constant(Tensor<double>.Zeros(2));
        var ex = Assert.Throws<InvalidOperationException>(() => Ops.Add(a, b));
        Assert.Contains("another tape", ex.Message);
    }

    [Fact]
    public void NullInputs_AreRejected_ButABiasMayBeOmitted()
    {
        var tape = new Tape<double>();
        var x = Zeros(tape, 2, 3);
        Assert.Throws<ArgumentNullException>(() => Ops.Add(x, null!));
        Assert.Throws<ArgumentNullException>(() => Ops.Concat(1, x, null!));
        Assert.Throws<ArgumentNullException>(() => Ops.Linear(x, null!));
        Assert.Equal(new Shape(2, 4), Ops.Linear(x, Zeros(tape, 4, 3), null).Shape);
    }

    [Theory]
    [MemberData(nameof(MismatchedOps))]
    public void ShapeMismatch_NamesBothShapes(string expectedA, string expectedB, Func<Tape<double>, Variable<double>> op)
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => op(new Tape<double>()));
        Assert.Contains(expectedA, ex.Message);
        Assert.Contains(expectedB, ex.Message);
    }

    public static TheoryData<string, string, Func<Tape<double>, Variable<double>>> MismatchedOps => new()
    {
        { "[2, 3]", "[4]", t => Ops.Add(Zeros(t, 2, 3), Zeros(t, 4)) },
        { "[2, 3]", "[3, 2]", t => Ops.Mul(Zeros(t, 2, 3), Zeros(t, 3, 2)) },
        { "[5, 3]", "[4, 2]", t => Ops.Linear(Zeros(t, 5, 3), Zeros(t, 4, 2)) },
        { "[4, 3]", "[5]", t => Ops.Linear(Zeros(t, 5, 3), Zeros(t, 4, 3), Zeros(t, 5)) },
        { "[1, 2, 5, 5]", "[4, 3, 3, 3]", t => Ops.Conv2d(Zeros(t, 1, 2, 5, 5), Zeros(t, 4, 3, 3, 3)) },
        { "[1, 2, 5, 5]", "[3, 4, 3, 3]", t => Ops.ConvTranspose2d(Zeros(t, 1, 2, 5, 5), Zeros(t, 3, 4, 3, 3)) },
        { "[2, 3]", "[3, 4]", t => Ops.Concat(1, Zeros(t, 2, 3), Zeros(t, 3, 4)) },
        { "[2, 3]", "[2, 4]", t => Ops.MseLoss(Zeros(t, 2, 3), Zeros(t, 2, 4)) },
        { "[2, 3]", "[3, 3]", t => Ops.KlDivergence(Zeros(t, 2, 3), Zeros(t, 3, 3)) },
        { "[2, 3]", "[2, 2]", t => Ops.Reparameterize(Zeros(t, 2, 3), Zeros(t, 2, 2), new SeededRandom(1)) },
    };

    private static Variable<double> Zeros(Tape<double> tape, params int[] dims) => tape.Constant(new Tensor<double>(new Shape(dims)));
}
