using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Losses;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Optimizers;

namespace SdfLearn.Benchmarks.Training;

/// <summary>
/// One training step of a reference model at the benchmark shapes of docs/reference.md, the same work as
/// scripts/bench/train_step_peer.py does in PyTorch: the model, a random batch and Adam (lr 1e-3) are built once;
/// <see cref="Run"/> is <c>tape.Reset</c>, <c>ZeroGrad</c>, the loss, <c>Backward</c> and the Adam step. The
/// inference case (<see cref="IsInference"/>) runs only a forward pass under <see cref="Tape{T}.NoGrad"/>.
/// </summary>
public sealed class TrainingStep
{
    private const int Batch = 64, ImageSize = 64, LatentSize = 32, PointsPerShape = 512, HiddenWidth = 256;

    /// <summary>Shapes per step of the <c>deepsdf-eikonal</c> case (each with <see cref="PointsPerShape"/> points).</summary>
    private const int EikonalShapes = 16;

    /// <summary>Query points per call of the <c>deepsdf-infer</c> case (one shape's latent, as when meshing a grid).</summary>
    public const int InferencePoints = 65536;

    private readonly Func<Tape<float>, Variable<float>> _loss;

    private TrainingStep(string name, Module<float> model, Func<Tape<float>, Variable<float>> loss, bool inference = false)
    {
        Name = name;
        _loss = loss;
        IsInference = inference;
        Optimizer = new Adam<float>(model.Parameters(), learningRate: 1e-3);
    }

    /// <summary>The training steps <see cref="Create"/> knows, by the names the peer script uses.</summary>
    public static IReadOnlyList<string> Names { get; } = ["vae", "deepsdf-ae", "deepsdf-eikonal"];

    /// <summary>The inference cases <see cref="Create"/> knows (not part of <see cref="Names"/>).</summary>
    public static IReadOnlyList<string> InferenceNames { get; } = ["deepsdf-infer"];

    /// <summary>True for an inference case: <see cref="Run"/> is a forward pass without recording, nothing else.</summary>
    public bool IsInference { get; }

    /// <summary>The model's name, as in <see cref="Names"/>.</summary>
    public string Name { get; }

    /// <summary>The tape every step records on (reset at the start of each step).</summary>
    public Tape<float> Tape { get; } = new();

    /// <summary>Adam over every parameter of the model.</summary>
    public Optimizer<float> Optimizer { get; }

    /// <summary>
    /// <c>vae</c>: the reference VAE (batch 64, S = 64, L = 32, beta 1) on images ~ N(0, 0.1²).
    /// <c>deepsdf-ae</c>: the reference DeepSDF autoencoder (batch 64, 512 points per shape, L = 32, H = 256) with
    /// coordinates uniform in [-0.5, 0.5) and targets ~ N(0, 0.1²).
    /// <c>deepsdf-eikonal</c>: the reference DeepSDF decoder alone (L = 32, H = 256) trained through its coordinate
    /// gradient, as in SDF learning from points: 16 shapes x 512 points, latents ~ N(0, 0.1²) and 2-D coordinates uniform
    /// in [-0.5, 0.5) (both constants), loss = eikonal + on-surface (<see cref="SdfLosses"/>) on
    /// <see cref="DeepSdfDecoder{T}.ForwardWithCoordinateGradient"/>, so the backward runs through the recorded gradient.
    /// <c>deepsdf-infer</c>: that autoencoder's decoder alone in inference mode, one latent ~ N(0, 1) and
    /// <see cref="InferencePoints"/> coordinates uniform in [-0.5, 0.5) per call.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/> or <see cref="InferenceNames"/>.</exception>
    public static TrainingStep Create(string name, ulong seed = 1)
    {
        var random = new SeededRandom(seed);
        var images = Random(random, [Batch, 1, ImageSize, ImageSize], standardDeviation: 0.1f);
        switch (name)
        {
            case "vae":
            {
                var model = Vae<float>.CreateReference(random.Fork(), LatentSize, ImageSize);
                var noise = random.Fork();
                return new TrainingStep(name, model, tape => model.Loss(tape.Constant(images), noise).Total);
            }
            case "deepsdf-ae":
            {
                var model = DeepSdfAutoencoder<float>.CreateReference(random.Fork(), LatentSize, ImageSize, hiddenWidth: HiddenWidth);
                var coordinates = new Tensor<float>(new Shape(Batch * PointsPerShape, 2));
                random.FillUniform(coordinates.Span, -0.5f, 0.5f);
                var targets = Random(random, [Batch * PointsPerShape, 1], standardDeviation: 0.1f);
                return new TrainingStep(name, model,
                    tape => model.Loss(tape.Constant(images), tape.Constant(coordinates), tape.Constant(targets)));
            }
            case "deepsdf-eikonal":
            {
                var decoder = new DeepSdfDecoder<float>(LatentSize, random.Fork(), hiddenWidth: HiddenWidth);
                var latents = Random(random, [EikonalShapes, LatentSize], standardDeviation: 0.1f);
                var coordinates = new Tensor<float>(new Shape(EikonalShapes, PointsPerShape, 2));
                random.FillUniform(coordinates.Span, -0.5f, 0.5f);
                return new TrainingStep(name, decoder, tape =>
                {
                    var (values, gradient) = decoder.ForwardWithCoordinateGradient(tape.Constant(latents), tape.Constant(coordinates));
                    return Ops.Add(SdfLosses.Eikonal(gradient), SdfLosses.OnSurface(values));
                });
            }
            case "deepsdf-infer":
            {
                var decoder = DeepSdfAutoencoder<float>.CreateReference(random.Fork(), LatentSize, ImageSize, hiddenWidth: HiddenWidth).Decoder;
                var latent = Random(random, [1, LatentSize], standardDeviation: 1f);
                var coordinates = new Tensor<float>(new Shape(InferencePoints, 2));
                random.FillUniform(coordinates.Span, -0.5f, 0.5f);
                return new TrainingStep(name, decoder, tape =>
                {
                    using var noGrad = tape.NoGrad();
                    return decoder.Forward(tape.Constant(latent), tape.Constant(coordinates));
                }, inference: true);
            }
            default:
                throw new ArgumentException(
                    $"Unknown model '{name}'; expected one of: {string.Join(", ", Names.Concat(InferenceNames))}.", nameof(name));
        }
    }

    /// <summary>Records the forward pass and returns the loss (after resetting the tape; gradients are left alone).</summary>
    public Variable<float> Forward()
    {
        Tape.Reset();
        return _loss(Tape);
    }

    /// <summary>Zeroes the gradients, records the forward pass and backpropagates the loss.</summary>
    public void ForwardBackward()
    {
        Optimizer.ZeroGrad();
        Tape.Backward(Forward());
    }

    /// <summary>One whole training step: forward, backward and the Adam update (an inference case: the forward pass alone).</summary>
    public void Run()
    {
        if (IsInference)
        {
            Forward();
            return;
        }
        ForwardBackward();
        Optimizer.Step();
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static Tensor<float> Random(SeededRandom random, int[] dims, float standardDeviation)
    {
        var tensor = new Tensor<float>(new Shape(dims));
        random.FillNormal(tensor.Span, 0f, standardDeviation);
        return tensor;
    }
}
