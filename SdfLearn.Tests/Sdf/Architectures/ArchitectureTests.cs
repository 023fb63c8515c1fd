using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Losses;
using SdfLearn.Sdf.Architectures;

namespace SdfLearn.Tests.Sdf.Architectures;

/// <summary>The reference models' structure: PyTorch state-dict names, parameter counts, shapes, and input checks.</summary>
public class ArchitectureTests
{
    private static string[] Names(string prefix, int[] indices) =>
        indices.SelectMany(i => new[] { $"{prefix}.{i}.weight", $"{prefix}.{i}.bias" }).ToArray();

    [Fact]
    public void ReferenceVae_HasPyTorchNamesAndParameterCount()
    {
        var vae = Vae<float>.CreateReference(new SeededRandom(1));
        Assert.Equal([.. Names("encoder.layers", [0, 2, 4, 6, 8, 11]), .. Names("decoder.layers", [0, 3, 5, 7, 9, 11])],
            vae.NamedParameters().Select(p => p.Key));
        // sum(p.numel() for p in model.parameters()) of the equivalent PyTorch module (docs/models.md).
        Assert.Equal(601_153, vae.ParameterCount());
        Assert.Equal(new Shape(64, 4096), vae.Encoder.Layers.Layers[11].Parameters().First().Shape);
    }

    [Fact]
    public void ReferenceAutoencoder_HasPyTorchNamesShapesAndParameterCount()
    {
        var model = DeepSdfAutoencoder<float>.CreateReference(new SeededRandom(1));
        Assert.Equal([.. Names("encoder.layers", [0, 2, 4, 6, 8, 11]), .. Names("decoder.layers", [0, 1, 2, 3, 4, 5])],
            model.NamedParameters().Select(p => p.Key));
        Assert.Equal(496_671, model.ParameterCount());
        Assert.Equal([new Shape(256, 34), new Shape(256, 256), new Shape(222, 256), new Shape(256, 256), new Shape(256, 256), new Shape(1, 256)],
            model.Decoder.Layers.Select(l => l.Weight.Shape));
    }

    [Fact]
    public void ReferenceVae_ForwardShapesAndLossParts()
    {
        var vae = Vae<float>.CreateReference(new SeededRandom(1), beta: 0.5);
        var tape = new Tape<float>();
        var images = tape.Constant(SmallModels.Uniform<float>(3, 0, 1, 2, 1, 64, 64));
        var loss = vae.Loss(images, new SeededRandom(2));
        Assert.Equal(new Shape(2, 1, 64, 64), loss.Output.Shape);
        Assert.Equal(new Shape(2, 32), loss.Mu.Shape);
        Assert.Equal(new Shape(2, 32), loss.LogVar.Shape);
        Assert.Equal(loss.Reconstruction.Item() + 0.5f * loss.Kl.Item(), loss.Total.Item(), 3);

        // Reconstruction is the Gaussian NLL per image in nats, averaged over the batch; by default sigma is the batch's
        // optimum, sigma*² = SSE / (B · S²), so it is S²/2 · (log(2π sigma*²) + 1).
        double sse = 0;
        for (int i = 0; i < images.Value.Length; i++) sse += Math.Pow(loss.Output.Value.Span[i] - images.Value.Span[i], 2);
        double variance = sse / images.Value.Length;
        Assert.Equal(2048 * (Math.Log(2 * Math.PI * variance) + 1), loss.Reconstruction.Item(), 0.05);
        Assert.Equal(0.5 * Math.Log(variance), loss.LogSigma.Item(), 4);
    }

    [Fact]
    public void SameSeed_SameModel()
    {
        var a = DeepSdfAutoencoder<float>.CreateReference(new SeededRandom(5), latentSize: 3, imageSize: 16, channels: 4, hiddenWidth: 16);
        var b = DeepSdfAutoencoder<float>.CreateReference(new SeededRandom(5), latentSize: 3, imageSize: 16, channels: 4, hiddenWidth: 16);
        Assert.All(a.StateDict().Zip(b.StateDict()), pair => Assert.Equal(pair.First.Value.ToArray(), pair.Second.Value.ToArray()));
    }

    [Fact]
    public void DeepSdfAutoencoder_CalibratedLoss_IsTheImageLikelihoodAtTheOptimalSigma()
    {
        var model = SmallModels.Autoencoder();
        var tape = new Tape<double>();
        var (images, coordinates, targets) = (tape.Constant(SmallModels.Images()), tape.Constant(SmallModels.Coordinates()), tape.Constant(SmallModels.Targets()));
        double mse = model.Loss(images, coordinates, targets).Item();
        double calibrated = model.CalibratedLoss(images, coordinates, targets, new GaussianLikelihood<double>(GaussianScale.OptimalBatch)).Item();

        // The mean over the batch of D/2 log 2π + D log σ* + SSE_i/(2σ*²), with σ*² the mean squared error and D = S² pixels.
        int pixels = SmallModels.ImageSize * SmallModels.ImageSize;
        Assert.Equal(pixels / 2.0 * (Math.Log(2 * Math.PI * mse) + 1), calibrated, 1e-9);
    }

    [Fact]
    public void DeepSdfDecoder_PerShapeLatents_EqualExplicitQueries()
    {
        var decoder = new DeepSdfDecoder<double>(2, new SeededRandom(1), hiddenWidth: 8, hiddenLayers: 3, skipLayer: 2);
        var tape = new Tape<double>();
        var latents = Tensor<double>.FromValues([0.1, 0.2, -0.3, 0.4], 2, 2);
        var coordinates = Tensor<double>.FromValues([0.1, 0.1, -0.2, 0.3, 0.4, -0.4, 0.0, 0.2], 2, 2, 2);
        var batched = decoder.Forward(tape.Constant(latents), tape.Constant(coordinates)).Value;

        var queries = new Tensor<double>(new Shape(4, 4));
        for (int b = 0; b < 2; b++)
            for (int p = 0; p < 2; p++)
            {
                queries[b * 2 + p, 0] = latents[b, 0];
                queries[b * 2 + p, 1] = latents[b, 1];
                queries[b * 2 + p, 2] = coordinates[b, p, 0];
                queries[b * 2 + p, 3] = coordinates[b, p, 1];
            }
        // The same function; the per-shape path adds the latent's and the coordinates' products in another order.
        Assert.Equal(decoder.Forward(tape.Constant(queries)).Value.ToArray(), batched.ToArray(), (x, y) => Math.Abs(x - y) < 1e-14);
        Assert.All(batched.ToArray(), v => Assert.InRange(v, -1, 1));
    }

    /// <summary>A skip into the output layer: the per-shape path's last layer is linear, without ReLU.</summary>
    [Fact]
    public void DeepSdfDecoder_SkipIntoOutputLayer_PerShapeLatentsEqualExplicitQueries()
    {
        var decoder = new DeepSdfDecoder<double>(2, new SeededRandom(3), hiddenWidth: 8, hiddenLayers: 2, skipLayer: 2, tanhOutput: false);
        var tape = new Tape<double>();
        var latents = Tensor<double>.FromValues([0.5, -0.2, 0.3, 0.9], 2, 2);
        var coordinates = Tensor<double>.FromValues([0.1, 0.1, -0.2, 0.3, 0.4, -0.4, 0.0, 0.2, 0.3, 0.3, -0.1, -0.5], 6, 2);
        var batched = decoder.Forward(tape.Constant(latents), tape.Constant(coordinates)).Value.ToArray();
        var queries = new Tensor<double>(new Shape(6, 4));
        for (int r = 0; r < 6; r++)
        {
            queries[r, 0] = latents[r / 3, 0];
            queries[r, 1] = latents[r / 3, 1];
            queries[r, 2] = coordinates[r, 0];
            queries[r, 3] = coordinates[r, 1];
        }
        Assert.Equal(decoder.Forward(tape.Constant(queries)).Value.ToArray(), batched, (x, y) => Math.Abs(x - y) < 1e-14);
    }

    [Fact]
    public void DeepSdfDecoder_WithoutSkip_IsAPlainMlp()
    {
        var decoder = new DeepSdfDecoder<float>(3, new SeededRandom(1), hiddenWidth: 4, hiddenLayers: 2, skipLayer: null, coordinateDimension: 3);
        Assert.Equal([new Shape(4, 6), new Shape(4, 4), new Shape(1, 4)], decoder.Layers.Select(l => l.Weight.Shape));
    }

    [Fact]
    public void BadSizesAndInputs_GiveClearErrors()
    {
        var random = new SeededRandom(1);
        Assert.Contains("multiple of 8", Assert.Throws<ArgumentOutOfRangeException>(() => new ConvEncoder<float>(4, random, imageSize: 20)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeepSdfDecoder<float>(32, random, hiddenWidth: 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeepSdfDecoder<float>(2, random, hiddenWidth: 8, hiddenLayers: 2, skipLayer: 3));
        Assert.Throws<ArgumentException>(() => new Vae<float>(new ConvEncoder<float>(5, random, 16, 2), new VanillaDecoder<float>(3, random, 16, 2), 3));

        var tape = new Tape<float>();
        var encoder = new ConvEncoder<float>(4, random, imageSize: 16, channels: 2);
        Assert.Contains("[B, 1, 16, 16]", Assert.Throws<ShapeMismatchException>(() => encoder.Forward(tape.Constant(Tensor<float>.Zeros(1, 1, 8, 8)))).Message);
        var decoder = new DeepSdfDecoder<float>(3, random, hiddenWidth: 8);
        Assert.Throws<ShapeMismatchException>(() => decoder.Forward(tape.Constant(Tensor<float>.Zeros(2, 3)), tape.Constant(Tensor<float>.Zeros(3, 4, 2))));
        Assert.Throws<ShapeMismatchException>(() => decoder.Forward(tape.Constant(Tensor<float>.Zeros(2, 4))));
    }

    [Fact]
    public void DeepSdfImageDecoder_RendersThePixelGrid()
    {
        var sdf = new DeepSdfDecoder<double>(3, new SeededRandom(1), hiddenWidth: 8, hiddenLayers: 2, skipLayer: 1);
        var renderer = new DeepSdfImageDecoder<double>(sdf, imageSize: 8);
        var vae = new Vae<double>(new ConvEncoder<double>(6, new SeededRandom(2), 8, 2), renderer, 3);
        Assert.StartsWith("decoder.sdf.layers.0.", vae.NamedParameters().Select(p => p.Key).First(k => k.StartsWith("decoder", StringComparison.Ordinal)));

        var tape = new Tape<double>();
        var latents = Tensor<double>.FromValues([0.3, -0.2, 0.1, 0.5, 0.4, -0.6], 2, 3);
        var image = renderer.Forward(tape.Constant(latents)).Value;
        Assert.Equal(new Shape(2, 1, 8, 8), image.Shape);

        // Pixel (row 6, column 1) of image 1 is the decoder at [z1, 6/8 - 0.5, 1/8 - 0.5].
        var query = Tensor<double>.FromValues([0.5, 0.4, -0.6, 0.25, -0.375], 1, 5);
        Assert.Equal(sdf.Forward(tape.Constant(query)).Item(), image[1, 0, 6, 1], 12);
    }
}
