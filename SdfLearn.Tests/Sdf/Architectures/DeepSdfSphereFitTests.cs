using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Nn.Optimizers;

namespace SdfLearn.Tests.Sdf.Architectures;

/// <summary>The DeepSDF decoder with 3D coordinates learns a sphere's signed distance: layers, tape and Adam together.</summary>
public class DeepSdfSphereFitTests
{
    private const float Radius = 0.5f;

    /// <summary>Points uniform in [-0.75, 0.75]^3 (so every distance fits tanh's range) and their distances to the sphere.</summary>
    private static (Tensor<float> Points, Tensor<float> Distances) Sample(ulong seed, int count)
    {
        var points = SmallModels.Uniform<float>(seed, -0.75, 0.75, count, 3);
        var distances = new Tensor<float>(new Shape(count, 1));
        for (int i = 0; i < count; i++)
            distances.Span[i] = MathF.Sqrt(points[i, 0] * points[i, 0] + points[i, 1] * points[i, 1] + points[i, 2] * points[i, 2]) - Radius;
        return (points, distances);
    }

    private static float Loss(DeepSdfDecoder<float> decoder, Tape<float> tape, Tensor<float> points, Tensor<float> distances) =>
        Ops.MseLoss(decoder.Forward(tape.Constant(points)), tape.Constant(distances)).Item();

    [Fact]
    public void Decoder_FitsASphere()
    {
        var decoder = new DeepSdfDecoder<float>(latentSize: 0, new SeededRandom(1), hiddenWidth: 24, hiddenLayers: 3, skipLayer: 2, coordinateDimension: 3);
        var (points, distances) = Sample(2, 256);
        var (testPoints, testDistances) = Sample(3, 256);
        var optimizer = new Adam<float>(decoder.Parameters(), learningRate: 5e-3);
        var tape = new Tape<float>();
        float initial = Loss(decoder, tape, testPoints, testDistances);

        for (int step = 0; step < 300; step++)
        {
            tape.Reset();
            optimizer.ZeroGrad();
            var loss = Ops.MseLoss(decoder.Forward(tape.Constant(points)), tape.Constant(distances));
            tape.Backward(loss);
            optimizer.Step();
        }

        tape.Reset();
        float final = Loss(decoder, tape, testPoints, testDistances);
        Assert.True(final < initial / 50, $"held-out MSE {initial} -> {final}");

        // Inside and outside are told apart wherever the surface is not within 0.05.
        tape.Reset();
        var predicted = decoder.Forward(tape.Constant(testPoints)).Value.ToArray();
        var clear = Enumerable.Range(0, predicted.Length).Where(i => MathF.Abs(testDistances.Span[i]) > 0.05f).ToList();
        Assert.All(clear, i => Assert.Equal(MathF.Sign(testDistances.Span[i]), MathF.Sign(predicted[i])));
    }
}
