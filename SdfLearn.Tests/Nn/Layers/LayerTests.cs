using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;

namespace SdfLearn.Tests.Nn.Layers;

public class LayerTests
{
    [Fact]
    public void Predict_EqualsForward_AndReturnsATensorOfItsOwn()
    {
        var linear = new Linear<double>(3, 2, new SeededRandom(1));
        var x = Tensor<double>.FromValues([1, 2, 3, -1, 0.5, 0], 2, 3);
        var predicted = linear.Predict(x);
        var tape = new Tape<double>();
        Assert.Equal(linear.Forward(tape.Constant(x)).Value.ToArray(), predicted.ToArray());
        predicted.Span[0] = 42; // the output is a tensor of its own
        Assert.Equal(linear.Forward(tape.Constant(x)).Value.ToArray(), linear.Predict(x).ToArray());
    }

    [Fact]
    public void Linear_ComputesXTimesWeightTransposedPlusBias()
    {
        var linear = new Linear<double>(3, 2, new SeededRandom(1));
        var tape = new Tape<double>();
        var x = Tensor<double>.FromValues([1, 2, 3, -1, 0.5, 0], 2, 3);
        var y = linear.Forward(tape.Constant(x)).Value;
        var w = linear.Weight.Value;
        var b = linear.Bias!.Value;
        for (int n = 0; n < 2; n++)
            for (int o = 0; o < 2; o++)
            {
                double expected = b[o];
                for (int i = 0; i < 3; i++) expected += x[n, i] * w[o, i];
                Assert.Equal(expected, y[n, o], 12);
            }
    }

    [Fact]
    public void Layers_HavePyTorchParameterShapes()
    {
        var random = new SeededRandom(1);
        Assert.Equal(new Shape(5, 3, 3, 3), new Conv2d<float>(3, 5, 3, random).Weight.Shape);
        Assert.Equal(new Shape(3, 5, 3, 3), new ConvTranspose2d<float>(3, 5, 3, random, stride: 2, padding: 1, outputPadding: 1).Weight.Shape);
        Assert.Equal(new Shape(7, 4), new Linear<float>(4, 7, random).Weight.Shape);
        Assert.Null(new Linear<float>(4, 7, random, bias: false).Bias);
        Assert.Single(new Linear<float>(4, 7, random, bias: false).Parameters());
    }

    [Fact]
    public void ConvTranspose2d_InitUsesItsPyTorchFanIn()
    {
        // Weight [in = 2, out = 16, 3, 3]: PyTorch's fan-in is 16 * 9 = 144, so every value lies within 1/12.
        var layer = new ConvTranspose2d<double>(2, 16, 3, new SeededRandom(3));
        Assert.All(layer.Weight.Value.ToArray(), v => Assert.InRange(v, -1.0 / 12, 1.0 / 12));
        Assert.True(layer.Weight.Value.ToArray().Max() > 0.9 / 12);
    }

    [Fact]
    public void ConvLayers_DoubleAndHalveTheImageAsConfigured()
    {
        var random = new SeededRandom(1);
        var tape = new Tape<float>();
        var x = tape.Constant(Tensor<float>.Full(0.5f, 2, 3, 8, 8));
        var down = new Conv2d<float>(3, 4, 3, random, stride: 2, padding: 1).Forward(x);
        Assert.Equal(new Shape(2, 4, 4, 4), down.Shape);
        var up = new ConvTranspose2d<float>(4, 1, 3, random, stride: 2, padding: 1, outputPadding: 1).Forward(down);
        Assert.Equal(new Shape(2, 1, 8, 8), up.Shape);
    }

    [Fact]
    public void Unflatten_ReshapesPerSample()
    {
        var tape = new Tape<float>();
        var y = new Unflatten<float>(2, 3, 3).Forward(tape.Constant(Tensor<float>.Zeros(4, 18)));
        Assert.Equal(new Shape(4, 2, 3, 3), y.Shape);
        Assert.Throws<ArgumentException>(() => new Unflatten<float>(2, 0));
    }

    [Fact]
    public void Activations_ApplyTheirFunction()
    {
        var tape = new Tape<double>();
        var x = tape.Constant(Tensor<double>.FromValues([-2, 0.5], 2));
        Assert.Equal([0, 0.5], new Relu<double>().Forward(x).Value.ToArray());
        Assert.Equal(Math.Tanh(-2), new Tanh<double>().Forward(x).Value.Span[0], 12);
        Assert.Equal(1 / (1 + Math.Exp(2)), new Sigmoid<double>().Forward(x).Value.Span[0], 12);
        Assert.Equal(-0.2, new LeakyRelu<double>(0.1).Forward(x).Value.Span[0], 12);
        Assert.Equal(0.5 / (1 + Math.Exp(-0.5)), new Silu<double>().Forward(x).Value.Span[1], 12);
        double tanhGelu = 0.5 * 0.5 * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (0.5 + 0.044715 * 0.125)));
        Assert.Equal(tanhGelu, new Gelu<double>(GeluApproximation.Tanh).Forward(x).Value.Span[1], 12);
        double exactGelu = 0.5 * 0.5 * (1 + MathNet.Numerics.SpecialFunctions.Erf(0.5 / Math.Sqrt(2)));
        Assert.Equal(exactGelu, new Gelu<double>().Forward(x).Value.Span[1], 14); // nn.GELU()'s default: the exact form
        Assert.Equal(GeluApproximation.Exact, new Gelu<double>().Approximation);
    }
}
