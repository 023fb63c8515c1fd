using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Losses;
using SdfLearn.Tests.Autodiff;
using Xunit.Abstractions;

namespace SdfLearn.Tests.Sdf.Architectures;

/// <summary>
/// The DeepSDF decoder's gradient with respect to its coordinates (not its latent code), through the skip connection
/// and the tanh output: first order against finite differences, second order — a loss on that gradient — for every
/// parameter, the latents and the coordinates.
/// </summary>
public class DeepSdfInputGradientTests(ITestOutputHelper output)
{
    private const int Shapes = 2, PointsPerShape = 4, LatentSize = 3;

    private static DeepSdfDecoder<double> Decoder() =>
        new(LatentSize, new SeededRandom(50), hiddenWidth: 12, hiddenLayers: 3, skipLayer: 2, coordinateDimension: 2);

    [Fact]
    public void CoordinateGradient_MatchesFiniteDifferences()
    {
        var decoder = Decoder();
        var queries = GradientAssert.AwayFromZero(51, Shapes * PointsPerShape, LatentSize + 2).Value;
        InputGradientAssert.MatchesFiniteDifferences(decoder, queries, start: LatentSize, count: 2);
    }

    [Fact]
    public void EikonalAndNormalLosses_PassSecondOrderCheckForEveryParameter()
    {
        var decoder = Decoder();
        var latents = GradientAssert.RandomParameter(52, Shapes, LatentSize);
        var coordinates = GradientAssert.RandomParameter(53, Shapes, PointsPerShape, 2);
        var parameters = decoder.NamedParameters()
            .Append(KeyValuePair.Create("latents", latents)).Append(KeyValuePair.Create("coordinates", coordinates));
        var normals = GradientAssert.RandomParameter(54, Shapes * PointsPerShape, 2).Value;
        var result = GradientCheck.Run(tape =>
        {
            var (values, gradient) = decoder.ForwardWithCoordinateGradient(tape.Watch(latents), tape.Watch(coordinates));
            return Ops.Add(Ops.Add(SdfLosses.Eikonal(gradient), SdfLosses.NormalAlignment(gradient, tape.Constant(normals))), SdfLosses.OnSurface(values));
        }, parameters);
        output.WriteLine(result.ToString());
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(decoder.NamedParameters().Count() + 2, result.Tensors.Count);
    }

    /// <summary>
    /// A steady-state eikonal step (reset, forward with the coordinate gradient, losses, backward) allocates under 1 KB on
    /// the stepping thread: the decoder's one pullback closure and its array, no seed tensor, no closure per layer.
    /// </summary>
    [Fact]
    public void EikonalStep_SteadyState_AllocatesUnderOneKilobyte()
    {
        var decoder = new DeepSdfDecoder<float>(LatentSize, new SeededRandom(55), hiddenWidth: 12, hiddenLayers: 3, skipLayer: 2);
        var latents = Tensor<float>.Full(0.1f, Shapes, LatentSize);
        var coordinates = Tensor<float>.Full(0.25f, Shapes, PointsPerShape, 2);
        var tape = new Tape<float>();
        void Step()
        {
            tape.Reset();
            var (values, gradient) = decoder.ForwardWithCoordinateGradient(tape.Constant(latents), tape.Constant(coordinates));
            tape.Backward(Ops.Add(SdfLosses.Eikonal(gradient), SdfLosses.OnSurface(values)));
        }
        for (int i = 0; i < 3; i++) Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Step();
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"{bytes} bytes");
        Assert.InRange(bytes, 0, 1023);
    }
}
