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
}
