using SdfLearn.Autodiff;
using SdfLearn.Core.Kernels;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Losses;
using Xunit.Abstractions;

namespace SdfLearn.Tests.Sdf.Architectures;

/// <summary>
/// Issue 3's done-criterion: the analytic gradient of every parameter tensor of each whole model, loss included, agrees
/// with central finite differences in double precision to a relative error of 1e-6; and a model with one subtly wrong
/// backward (a GELU whose derivative is the erf form's while its value is the tanh form's) fails the same check.
/// </summary>
public class ModelGradientCheckTests(ITestOutputHelper output)
{
    /// <summary>
    /// Up to 24 elements per tensor are perturbed; every tensor is covered. Relative error 1e-6 for gradients above
    /// 1e-2, absolute error 1e-8 below: the losses are ~100, so rounding alone puts eps * |loss| / h ~ 1e-9 into each
    /// finite difference, and h = 3e-5 balances that against the h^2 truncation error of the curved GELU stacks.
    /// </summary>
    private static readonly GradientCheckOptions Options = new()
    {
        MaxElementsPerTensor = 24, Step = 3e-5, RelativeTolerance = 1e-6, AbsoluteTolerance = 1e-8,
    };

    private GradientCheckResult CheckAll(Module<double> model, Func<Tape<double>, Variable<double>> loss, GradientCheckOptions? options = null)
    {
        var result = GradientCheck.Run(loss, model.NamedParameters(), options ?? Options);
        output.WriteLine(result.ToString());
        Assert.Equal(model.NamedParameters().Select(p => p.Key), result.Tensors.Select(t => t.Name));
        return result;
    }

    [Fact]
    public void Vae_EncoderDecoderAndElbo_GradientsMatchFiniteDifferences()
    {
        var vae = SmallModels.Vae();
        var result = CheckAll(vae, SmallModels.VaeLoss(vae, SmallModels.Images()));
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(24, result.Tensors.Count);
    }

    [Fact]
    public void Vae_WithPriorMatching_GradientsMatchFiniteDifferences()
    {
        var vae = SmallModels.Vae();
        vae.PriorMatching = 3;
        var tape = new Tape<double>();
        var loss = vae.Loss(tape.Constant(SmallModels.Images()), new SdfLearn.Core.SeededRandom(0));
        Assert.True(loss.PriorMismatch!.Item() > 0);
        var result = CheckAll(vae, SmallModels.VaeLoss(vae, SmallModels.Images()));
        Assert.True(result.Passed, result.ToString());
    }

    /// <summary>The ELBO with a learnt mixture prior (its KL a Monte Carlo estimate) reaches every parameter, the prior's included.</summary>
    [Fact]
    public void Vae_WithMixturePrior_GradientsMatchFiniteDifferences()
    {
        var prior = new MixturePrior<double>(2, SmallModels.LatentSize, new SdfLearn.Core.SeededRandom(6));
        var vae = SmallModels.WellConditioned(Vae<double>.CreateReference(new SdfLearn.Core.SeededRandom(1), SmallModels.LatentSize, SmallModels.ImageSize,
            SmallModels.Channels, beta: 0.7, prior: prior), 1);
        var result = CheckAll(vae, SmallModels.VaeLoss(vae, SmallModels.Images()));
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(24 + 3, result.Tensors.Count);
        Assert.Equal(["prior.means", "prior.log_scales", "prior.logits"], result.Tensors.Skip(24).Select(t => t.Name));
    }

    [Fact]
    public void DeepSdfVae_WithMixturePrior_GradientsMatchFiniteDifferences()
    {
        var prior = new MixturePrior<double>(3, SmallModels.LatentSize, new SdfLearn.Core.SeededRandom(7));
        var model = SmallModels.WellConditioned(DeepSdfVae<double>.CreateReference(new SdfLearn.Core.SeededRandom(4), SmallModels.LatentSize,
            SmallModels.ImageSize, SmallModels.Channels, SmallModels.HiddenWidth, beta: 0.7, prior: prior), 4);
        var result = CheckAll(model, tape => model.Loss(tape.Constant(SmallModels.Images()), tape.Constant(SmallModels.Coordinates()),
            tape.Constant(SmallModels.Targets()), new SdfLearn.Core.SeededRandom(11)).Total);
        Assert.True(result.Passed, result.ToString());
    }

    /// <summary>A fitted prior of three components over random posteriors of the small models' latent size.</summary>
    private static FittedMixturePrior<double> FittedPrior(ulong seed)
    {
        var random = new SdfLearn.Core.SeededRandom(seed);
        var shape = new SdfLearn.Core.Shape(60, SmallModels.LatentSize);
        var codes = new SdfLearn.Core.Tensor<float>(shape);
        var variances = new SdfLearn.Core.Tensor<float>(shape);
        random.FillNormal<float>(codes.Span, 0, 1);
        random.FillUniform<float>(variances.Span, 0.05f, 0.2f);
        var prior = new FittedMixturePrior<double>(3, SmallModels.LatentSize);
        prior.Refit(codes, variances, seed);
        return prior;
    }

    /// <summary>The ELBO with a fitted prior (a constant full-covariance mixture; KL a Monte Carlo estimate) reaches every trained parameter.</summary>
    [Fact]
    public void Vae_WithFittedPrior_GradientsMatchFiniteDifferences()
    {
        var vae = SmallModels.WellConditioned(Vae<double>.CreateReference(new SdfLearn.Core.SeededRandom(1), SmallModels.LatentSize, SmallModels.ImageSize,
            SmallModels.Channels, beta: 0.7, prior: FittedPrior(8)), 1);
        var result = CheckAll(vae, SmallModels.VaeLoss(vae, SmallModels.Images()));
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(24, result.Tensors.Count);
    }

    [Fact]
    public void DeepSdfVae_WithFittedPrior_GradientsMatchFiniteDifferences()
    {
        var model = SmallModels.WellConditioned(DeepSdfVae<double>.CreateReference(new SdfLearn.Core.SeededRandom(4), SmallModels.LatentSize,
            SmallModels.ImageSize, SmallModels.Channels, SmallModels.HiddenWidth, beta: 0.7, prior: FittedPrior(9)), 4);
        var result = CheckAll(model, tape => model.Loss(tape.Constant(SmallModels.Images()), tape.Constant(SmallModels.Coordinates()),
            tape.Constant(SmallModels.Targets()), new SdfLearn.Core.SeededRandom(11)).Total);
        Assert.True(result.Passed, result.ToString());
    }

    [Theory]
    [InlineData(GaussianScale.Fixed)]
    [InlineData(GaussianScale.Learnt)]
    [InlineData(GaussianScale.OptimalPerSample)]
    public void Vae_WithEachLikelihood_GradientsMatchFiniteDifferences(GaussianScale scale)
    {
        var vae = SmallModels.Vae(likelihood: new GaussianLikelihood<double>(scale, sigma: 0.3));
        // A per-image optimum puts D/2 · log(SSE_i) into the loss, whose third derivative is large: a smaller step keeps
        // the h² truncation error of the finite differences under the tolerance.
        var options = scale == GaussianScale.OptimalPerSample ? Options with { Step = 1e-5 } : Options;
        var result = CheckAll(vae, SmallModels.VaeLoss(vae, SmallModels.Images()), options);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(scale == GaussianScale.Learnt ? 25 : 24, result.Tensors.Count);
    }

    [Fact]
    public void DeepSdfAutoencoder_GradientsMatchFiniteDifferences()
    {
        var model = SmallModels.Autoencoder();
        var result = CheckAll(model, SmallModels.AutoencoderLoss(model));
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(12 + 12, result.Tensors.Count);
    }

    [Fact]
    public void DeepSdfAutoencoder_CalibratedLoss_GradientsMatchFiniteDifferences()
    {
        var model = SmallModels.Autoencoder();
        var likelihood = new GaussianLikelihood<double>(GaussianScale.OptimalBatch);
        var result = CheckAll(model, tape => model.CalibratedLoss(tape.Constant(SmallModels.Images()), tape.Constant(SmallModels.Coordinates()),
            tape.Constant(SmallModels.Targets()), likelihood));
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(12 + 12, result.Tensors.Count);
    }

    [Fact]
    public void Vae_WithDeepSdfImageDecoder_GradientsMatchFiniteDifferences()
    {
        var random = new SdfLearn.Core.SeededRandom(3);
        var encoder = new ConvEncoder<double>(2 * SmallModels.LatentSize, random, SmallModels.ImageSize, SmallModels.Channels);
        var sdf = new DeepSdfDecoder<double>(SmallModels.LatentSize, random, SmallModels.HiddenWidth);
        var vae = SmallModels.WellConditioned(new Vae<double>(encoder, new DeepSdfImageDecoder<double>(sdf, SmallModels.ImageSize), SmallModels.LatentSize), 3);

        var result = CheckAll(vae, SmallModels.VaeLoss(vae, SmallModels.Images()));

        Assert.True(result.Passed, result.ToString());
    }

    [Theory]
    [InlineData(DeepSdfVaeReconstruction.ImageSum, GaussianScale.OptimalBatch)]
    [InlineData(DeepSdfVaeReconstruction.ImageSum, GaussianScale.Learnt)]
    [InlineData(DeepSdfVaeReconstruction.PointMean, GaussianScale.Fixed)]
    public void DeepSdfVae_OnQueryPoints_GradientsMatchFiniteDifferences(DeepSdfVaeReconstruction reconstruction, GaussianScale scale)
    {
        var model = SmallModels.WellConditioned(DeepSdfVae<double>.CreateReference(new SdfLearn.Core.SeededRandom(4), SmallModels.LatentSize,
            SmallModels.ImageSize, SmallModels.Channels, SmallModels.HiddenWidth, beta: 0.7, reconstruction,
            new GaussianLikelihood<double>(scale, sigma: 0.3)), 4);

        var result = CheckAll(model, tape => model.Loss(tape.Constant(SmallModels.Images()), tape.Constant(SmallModels.Coordinates()),
            tape.Constant(SmallModels.Targets()), new SdfLearn.Core.SeededRandom(11)).Total);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Vae_WithSubtlyWrongActivationGradient_IsCaught()
    {
        var random = new SdfLearn.Core.SeededRandom(1);
        var encoder = new ConvEncoder<double>(2 * SmallModels.LatentSize, random, SmallModels.ImageSize, SmallModels.Channels);
        var decoder = new Sequential<double>(
            new VanillaDecoder<double>(SmallModels.LatentSize, random, SmallModels.ImageSize, SmallModels.Channels),
            new GeluWithWrongDerivative());
        var vae = SmallModels.WellConditioned(new Vae<double>(encoder, decoder, SmallModels.LatentSize), 1);

        var result = CheckAll(vae, SmallModels.VaeLoss(vae, SmallModels.Images()));

        Assert.False(result.Passed, result.ToString());
        Assert.Contains(result.Tensors, t => !t.Passed && t.Name.StartsWith("encoder.", StringComparison.Ordinal));
        Assert.Contains(result.Tensors, t => !t.Passed && t.Name.StartsWith("decoder.", StringComparison.Ordinal));
    }

    /// <summary>Tanh-form GELU forward with the erf form's derivative: off by about 1e-3, a realistic slip.</summary>
    private sealed class GeluWithWrongDerivative : Layer<double>
    {
        public override Variable<double> Forward(Variable<double> x)
        {
            var tape = x.Tape;
            var value = tape.Rent(x.Shape);
            GeluTanhKernel.Forward<double>(x.Value.Span, value.Span);
            return tape.RecordOp(value, [x], gradY => GeluErfKernel.Backward<double>(x.Value.Span, gradY.Span, x.GradAccumulator()));
        }
    }
}
