using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;

namespace SdfLearn.Tests.Sdf.Architectures;

/// <summary>The geometric initialisation starts a DeepSDF decoder as the distance to a sphere, for every latent.</summary>
public class DeepSdfGeometricInitTests
{
    private const int LatentSize = 16, Points = 4096;
    private const double Radius = 0.5;

    private static DeepSdfDecoder<float> Decoder(ulong seed, bool geometric, int hiddenWidth = 128, bool tanh = false)
    {
        var decoder = new DeepSdfDecoder<float>(LatentSize, new SeededRandom(seed), hiddenWidth, hiddenLayers: 4, skipLayer: 3,
            coordinateDimension: 3, tanhOutput: tanh);
        if (geometric) decoder.InitializeGeometric(Radius, new SeededRandom(seed + 100));
        return decoder;
    }

    /// <summary>Mean |f − (‖x‖ − r)| and mean |‖∇ₓf‖ − 1| (both through tanh when the decoder has it) at points of [-1, 1]³, each with its own random latent.</summary>
    private static (double ValueError, double SlopeError) SphereErrors(DeepSdfDecoder<float> decoder, ulong seed)
    {
        var latents = SmallModels.Uniform<float>(seed, -0.3, 0.3, Points, LatentSize);
        var points = SmallModels.Uniform<float>(seed + 1, -1, 1, Points, 3);
        var tape = new Tape<float>();
        var (values, gradient) = decoder.ForwardWithCoordinateGradient(tape.Constant(latents), tape.Constant(points));
        double valueError = 0, slopeError = 0;
        for (int i = 0; i < Points; i++)
        {
            double norm = Math.Sqrt(points[i, 0] * points[i, 0] + points[i, 1] * points[i, 1] + points[i, 2] * points[i, 2]);
            double expected = decoder.TanhOutput ? Math.Tanh(norm - Radius) : norm - Radius;
            valueError += Math.Abs(values.Value.Span[i] - expected);
            var g = gradient.Value;
            double length = Math.Sqrt(g[i, 0] * g[i, 0] + g[i, 1] * g[i, 1] + g[i, 2] * g[i, 2]);
            slopeError += Math.Abs(length - (decoder.TanhOutput ? 1 - expected * expected : 1));
        }
        return (valueError / Points, slopeError / Points);
    }

    /// <summary>
    /// At width 128 the field is within about 0.09-0.14 of ‖x‖ − r on [-1, 1]³ and its slope within 0.06-0.14 of 1 (seeds
    /// 1-3); PyTorch's default initialisation of the same decoder is 0.47-0.49 and 0.75-0.98 off.
    /// </summary>
    [Theory]
    [InlineData(1UL, false)]
    [InlineData(2UL, false)]
    [InlineData(3UL, true)]
    public void StartsNearTheSphereDistance(ulong seed, bool tanh)
    {
        var (valueError, slopeError) = SphereErrors(Decoder(seed, geometric: true, tanh: tanh), seed);
        var (defaultValueError, defaultSlopeError) = SphereErrors(Decoder(seed, geometric: false, tanh: tanh), seed);
        Assert.True(valueError < 0.2 && slopeError < 0.2, $"geometric: value {valueError}, slope {slopeError}");
        Assert.True(defaultValueError > 0.3 && defaultSlopeError > 0.5, $"default: value {defaultValueError}, slope {defaultSlopeError}");
    }

    [Fact]
    public void EveryLatentDecodesTheSameField()
    {
        var decoder = Decoder(4, geometric: true);
        var points = SmallModels.Uniform<float>(5, -1, 1, 256, 3);
        var tape = new Tape<float>();
        float[] Decode(ulong latentSeed) =>
            decoder.Forward(tape.Constant(SmallModels.Uniform<float>(latentSeed, -1, 1, 256, LatentSize)), tape.Constant(points)).Value.ToArray();
        Assert.Equal(Decode(6), Decode(7));
    }

    [Fact]
    public void SameSeedSameWeights()
    {
        var first = Decoder(8, geometric: true);
        var second = Decoder(8, geometric: true);
        var other = new DeepSdfDecoder<float>(LatentSize, new SeededRandom(8), 128, hiddenLayers: 4, skipLayer: 3, coordinateDimension: 3);
        other.InitializeGeometric(Radius, new SeededRandom(9));
        for (int i = 0; i < first.Layers.Count; i++)
        {
            Assert.Equal(first.Layers[i].Weight.Value.ToArray(), second.Layers[i].Weight.Value.ToArray());
            Assert.Equal(first.Layers[i].Bias!.Value.ToArray(), second.Layers[i].Bias!.Value.ToArray());
            Assert.NotEqual(first.Layers[i].Weight.Value.ToArray(), other.Layers[i].Weight.Value.ToArray());
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void RefusesARadiusThatIsNotPositiveAndFinite(double radius)
    {
        var decoder = Decoder(10, geometric: false);
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => decoder.InitializeGeometric(radius, new SeededRandom(1)));
        Assert.Contains("geometric initialisation's radius must be positive and finite", exception.Message);
    }
}
