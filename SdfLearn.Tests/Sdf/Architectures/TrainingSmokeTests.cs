using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Nn.Optimizers;

namespace SdfLearn.Tests.Sdf.Architectures;

/// <summary>Models, tape and optimiser together: a few Adam steps on a fixed small batch must cut the loss.</summary>
public class TrainingSmokeTests
{
    private const int Steps = 40;

    /// <summary>Disc SDF images [B, 1, S, S] with varied centres and radii, as MNISTSDF-like targets.</summary>
    private static Tensor<float> Discs(int batch, int size)
    {
        var images = new Tensor<float>(new Shape(batch, 1, size, size));
        for (int b = 0; b < batch; b++)
        {
            float cx = 0.1f * (b % 3 - 1), cy = 0.1f * (b % 2), radius = 0.15f + 0.05f * b;
            for (int i = 0; i < size; i++)
                for (int j = 0; j < size; j++)
                {
                    float x = (float)i / size - 0.5f - cx, y = (float)j / size - 0.5f - cy;
                    images[b, 0, i, j] = MathF.Sqrt(x * x + y * y) - radius;
                }
        }
        return images;
    }

    private static (float First, float Last) Train(Func<Tape<float>, Variable<float>> loss, Optimizer<float> optimizer)
    {
        var tape = new Tape<float>();
        float first = 0, last = 0;
        for (int step = 0; step < Steps; step++)
        {
            tape.Reset();
            optimizer.ZeroGrad();
            var value = loss(tape);
            if (step == 0) first = value.Item();
            last = value.Item();
            tape.Backward(value);
            optimizer.Step();
        }
        return (first, last);
    }

    [Fact]
    public void Vae_LossFalls()
    {
        var vae = Vae<float>.CreateReference(new SeededRandom(1), latentSize: 4, imageSize: 16, channels: 4, beta: 0.1);
        var images = Discs(4, 16);
        var noise = new SeededRandom(2);
        var (first, last) = Train(tape => vae.Loss(tape.Constant(images), noise).Total, new Adam<float>(vae.Parameters(), 3e-3));
        Assert.True(last < first / 3, $"VAE loss {first} -> {last}");
    }

    [Fact]
    public void DeepSdfAutoencoder_LossFalls()
    {
        var model = DeepSdfAutoencoder<float>.CreateReference(new SeededRandom(1), latentSize: 4, imageSize: 16, channels: 4, hiddenWidth: 32);
        var images = Discs(4, 16);
        // Query each shape at 32 of its pixels, at their grid coordinates.
        var coordinates = new Tensor<float>(new Shape(4, 32, 2));
        var targets = new Tensor<float>(new Shape(4, 32));
        var random = new SeededRandom(3);
        for (int b = 0; b < 4; b++)
            for (int p = 0; p < 32; p++)
            {
                int i = random.NextInt(16), j = random.NextInt(16);
                coordinates[b, p, 0] = i / 16f - 0.5f;
                coordinates[b, p, 1] = j / 16f - 0.5f;
                targets[b, p] = images[b, 0, i, j];
            }
        var (first, last) = Train(tape => model.Loss(tape.Constant(images), tape.Constant(coordinates), tape.Constant(targets)),
            new AdamW<float>(model.Parameters(), 3e-3));
        Assert.True(last < first / 3, $"autoencoder loss {first} -> {last}");
    }
}
