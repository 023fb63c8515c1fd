using SdfLearn.Autodiff;
using SdfLearn.Core;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Autodiff;

public class LatentLinearOpTests
{
    /// <summary>A skip layer: features, latents shared by 3 rows each, and 2 coordinates per row; every input watched.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LatentLinear_WithFeatures_Gradient_MatchesFiniteDifferences(bool relu)
    {
        var (features, latents, coordinates) = (RandomParameter(71, 6, 4), RandomParameter(72, 2, 3), RandomParameter(73, 6, 2));
        var (w, b) = (RandomParameter(74, 5, 9), RandomParameter(75, 5));
        Passes(tape => WeightedSum(Ops.LatentLinear(tape.Watch(features), tape.Watch(latents), tape.Watch(coordinates), tape.Watch(w), tape.Watch(b), relu)),
            features, latents, coordinates, w, b);
    }

    /// <summary>A first layer (no features), the inputs as intermediates so their gradients are overwritten, not added.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LatentLinear_FirstLayer_Grad_OnIntermediates(bool relu)
    {
        var (latents, coordinates) = (RandomParameter(76, 3, 4), RandomParameter(77, 12, 3));
        var (w, b) = (RandomParameter(78, 6, 7), RandomParameter(79, 6));
        Passes(tape => WeightedSum(Ops.LatentLinear(null, Intermediate(tape, latents), Intermediate(tape, coordinates), tape.Watch(w), tape.Watch(b), relu)),
            latents, coordinates, w, b);
    }

    [Fact]
    public void LatentLinear_WithoutBias_Gradient_MatchesFiniteDifferences()
    {
        var (features, latents, coordinates, w) = (RandomParameter(80, 4, 2), RandomParameter(81, 1, 2), RandomParameter(82, 4, 1), RandomParameter(83, 3, 5));
        Passes(tape => WeightedSum(Ops.LatentLinear(Intermediate(tape, features), tape.Watch(latents), tape.Watch(coordinates), tape.Watch(w), null, true)),
            features, latents, coordinates, w);
    }

    [Fact]
    public void LatentLinear_Equals_LinearOnConcatenatedQueries()
    {
        var tape = new Tape<double>();
        var features = tape.Constant(RandomParameter(84, 8, 5).Value);
        var latents = tape.Constant(RandomParameter(85, 2, 3).Value);
        var coordinates = tape.Constant(RandomParameter(86, 8, 2).Value);
        var (w, b) = (tape.Constant(RandomParameter(87, 4, 10).Value), tape.Constant(RandomParameter(88, 4).Value));
        var expected = Ops.Relu(Ops.Linear(Ops.Concat(1, features, Ops.RepeatRows(latents, 4), coordinates), w, b)).Value.ToArray();
        var actual = Ops.LatentLinear(features, latents, coordinates, w, b, relu: true).Value.ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12);
    }

    /// <summary>A DeepSDF-like step (first layer, hidden layer, skip layer) records and backpropagates without allocating once warm.</summary>
    [Fact]
    public void LatentLinear_SteadyStateStep_AllocatesNothing()
    {
        var tape = new Tape<float>();
        var latents = new Parameter<float>(Tensor<float>.Full(0.1f, 2, 3));
        var coordinates = Tensor<float>.Full(0.5f, 8, 2);
        var (w0, w1, w2) = (new Parameter<float>(Tensor<float>.Full(0.2f, 6, 5)), new Parameter<float>(Tensor<float>.Full(0.1f, 4, 6)),
            new Parameter<float>(Tensor<float>.Full(0.3f, 3, 9)));
        var b = new Parameter<float>(Tensor<float>.Full(0.1f, 6));
        void Step()
        {
            tape.Reset();
            var (z, c) = (tape.Watch(latents), tape.Constant(coordinates));
            var h = Ops.LinearRelu(Ops.LatentLinear(null, z, c, tape.Watch(w0), tape.Watch(b), relu: true), tape.Watch(w1));
            tape.Backward(Ops.Sum(Ops.LatentLinear(h, z, c, tape.Watch(w2), null, relu: false)));
        }
        for (int i = 0; i < 3; i++) Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void LatentLinear_ShapesThatDoNotFit_Throw()
    {
        var tape = new Tape<double>();
        var latents = tape.Constant(RandomParameter(89, 3, 2).Value);
        var coordinates = tape.Constant(RandomParameter(90, 8, 2).Value);
        var w = tape.Constant(RandomParameter(91, 4, 4).Value);
        Assert.Throws<ShapeMismatchException>(() => Ops.LatentLinear(null, latents, coordinates, w, null, true)); // 8 rows, 3 latents
        var twoLatents = tape.Constant(RandomParameter(92, 2, 2).Value);
        Assert.Throws<ShapeMismatchException>(() => Ops.LatentLinear(null, twoLatents, coordinates, tape.Constant(RandomParameter(93, 4, 5).Value), null, true));
    }

    [Theory]
    [InlineData(new[] { 5, 3 }, 4)]
    [InlineData(new[] { 2, 3, 4 }, 7)]
    public void LinearRelu_Gradient_MatchesFiniteDifferences(int[] inputShape, int outFeatures)
    {
        var x = RandomParameter(94, inputShape);
        var w = RandomParameter(95, outFeatures, inputShape[^1]);
        var b = RandomParameter(96, outFeatures);
        Passes(tape => WeightedSum(Ops.LinearRelu(Intermediate(tape, x), tape.Watch(w), tape.Watch(b))), x, w, b);
        Passes(tape => WeightedSum(Ops.LinearRelu(tape.Watch(x), tape.Watch(w))), x, w);
    }

    [Fact]
    public void LinearRelu_Equals_ReluOfLinear()
    {
        var tape = new Tape<double>();
        var x = tape.Constant(RandomParameter(97, 2, 3, 6).Value);
        var (w, b) = (tape.Constant(RandomParameter(98, 5, 6).Value), tape.Constant(RandomParameter(99, 5).Value));
        var linearRelu = Ops.LinearRelu(x, w, b);
        Assert.Equal([2, 3, 5], linearRelu.Shape.Dims.ToArray());
        var expected = Ops.Relu(Ops.Linear(x, w, b)).Value.ToArray();
        var actual = linearRelu.Value.ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12);
    }
}
