using System.Text.Json.Serialization;
using SdfLearn.Core;
using SdfLearn.Nn.Losses;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Sdf.Training;

/// <summary>
/// Hyper-parameters of the models of S×S fields (<see cref="FieldModels"/>), stored as JSON in their checkpoints.
/// The defaults are the recipe the results in docs/results.md were measured with; each kind uses the parts it needs.
/// </summary>
public sealed record FieldModelConfig : IJsonOnDeserializing
{
    /// <summary>Latent size L (default 32).</summary>
    public int LatentSize { get; init; } = 32;

    /// <summary>Field size S, a multiple of 8 (default 64).</summary>
    public int Resolution { get; init; } = 64;

    /// <summary>Base channel count c of the convolutions (default 32).</summary>
    public int Channels { get; init; } = 32;

    /// <summary>Hidden width H of a DeepSDF decoder (default 256).</summary>
    public int HiddenWidth { get; init; } = 256;

    /// <summary>Final weight of a VAE's KL term (default 1, the ELBO).</summary>
    public double Beta { get; init; } = 1;

    /// <summary>Epochs of KL warm-up; null for the kind's default (0 for <c>vae</c>, 2 for <c>vae-deepsdf</c>).</summary>
    public double? KlWarmupEpochs { get; init; }

    /// <summary>Query points per field per step for DeepSDF decoders (default 512).</summary>
    public int PointsPerShape { get; init; } = 512;

    /// <summary>
    /// Share of query points drawn uniformly over the field, the rest near the zero contour (default 0.5: with DeepSDF's
    /// 0.05 the far field is never learnt; see docs/training.md).
    /// </summary>
    public float UniformFraction { get; init; } = 0.5f;

    /// <summary>The DeepSDF VAE's reconstruction term (default <see cref="DeepSdfVaeReconstruction.ImageSum"/>).</summary>
    public DeepSdfVaeReconstruction Reconstruction { get; init; } = DeepSdfVaeReconstruction.ImageSum;

    /// <summary>
    /// Where the VAEs' decoder scale sigma comes from (default <see cref="GaussianScale.OptimalBatch"/>, the sigma-VAE's
    /// analytic optimum; see docs/likelihood.md).
    /// </summary>
    public GaussianScale Likelihood { get; init; } = GaussianScale.OptimalBatch;

    /// <summary>The VAEs' fixed sigma, or a learnt sigma's start (default 0.05; unused at the optimum).</summary>
    public double Sigma { get; init; } = 0.05;

    /// <summary>
    /// Weight of the VAEs' prior-matching term (<see cref="Nn.Losses.PriorMoments"/>; 0 for the plain ELBO): pulls the
    /// batch's codes to the prior's mean and covariance, without which the calibrated decoder's prior samples are blank
    /// (docs/likelihood.md). Null for the kind's default for its prior (<see cref="VaeFieldModel.DefaultPriorMatching"/>,
    /// <see cref="DeepSdfVaeFieldModel.DefaultPriorMatching"/> for N(0, I); <see cref="VaeFieldModel.FittedPriorMatching"/>,
    /// <see cref="DeepSdfVaeFieldModel.FittedPriorMatching"/> for a fitted mixture; 0 for a learnt one). A checkpoint
    /// written before it existed reads back as 0.
    /// </summary>
    public double? PriorMatching { get => _priorMatching; init => _priorMatching = value; }
    private double? _priorMatching;

    /// <summary>
    /// Components K of the VAEs' mixture prior, fitted (<see cref="FittedPrior"/>, the default) or learnt, or 0 for
    /// N(0, I) (default <see cref="LatentMixture.DefaultComponents"/>, 20). Left out of the JSON when 0, so checkpoints
    /// with N(0, I) stay as they were; one written before it existed reads back as 0.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int PriorComponents { get => _priorComponents; init => _priorComponents = value; }
    private int _priorComponents = LatentMixture.DefaultComponents;

    /// <summary>
    /// Whether the VAEs' mixture prior of <see cref="PriorComponents"/> Gaussians is fitted by EM to the posteriors of
    /// the first <see cref="PriorFitFields"/> training fields after every epoch and of all after the last, with full
    /// covariances (<see cref="FittedMixturePrior{T}"/>; the default, whose prior samples are digit-like where N(0, I)'s
    /// are blobs: docs/likelihood.md), rather than learnt by the optimiser (<see cref="MixturePrior{T}"/>). Without
    /// components the prior is N(0, I) either way. Left out of the JSON when false; a checkpoint written before it
    /// existed reads back as false.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool FittedPrior { get => _fittedPrior; init => _fittedPrior = value; }
    private bool _fittedPrior = true;

    /// <summary>
    /// How many training fields (the first ones) a <see cref="FittedPrior"/> is refitted to after every epoch but the
    /// last. Encoding a field is about a sixth of a training step's work on it, so on the 9,000 bundled digits such a
    /// refit adds about 4% to an epoch, plus the EM (docs/likelihood.md).
    /// </summary>
    public const int PriorFitFields = 2048;

    /// <summary>
    /// The autoencoder's training loss (default <see cref="Architectures.AutoencoderLoss.Calibrated"/>). A checkpoint
    /// written before it existed reads back as <see cref="Architectures.AutoencoderLoss.MeanSquaredError"/>.
    /// </summary>
    public AutoencoderLoss AutoencoderLoss { get => _autoencoderLoss; init => _autoencoderLoss = value; }
    private AutoencoderLoss _autoencoderLoss = AutoencoderLoss.Calibrated;

    /// <summary>
    /// Before a config is read from JSON: a setting added after checkpoints were first written takes the value those
    /// checkpoints were trained with when their JSON lacks it, not today's default, so that resuming them changes nothing.
    /// </summary>
    void IJsonOnDeserializing.OnDeserializing()
    {
        _priorMatching = 0;
        _priorComponents = 0;
        _fittedPrior = false;
        _autoencoderLoss = AutoencoderLoss.MeanSquaredError;
    }

    /// <summary>Training fields an auto-decoder holds codes for (0 for the other kinds).</summary>
    public int ShapeCount { get; init; }

    /// <summary>The query points a DeepSDF decoder trains on.</summary>
    public QueryPointOptions Points() => new() { PointsPerShape = PointsPerShape, UniformFraction = UniformFraction };

    /// <summary>A VAE's decoder likelihood (<see cref="Likelihood"/>, <see cref="Sigma"/>).</summary>
    public GaussianLikelihood<float> CreateLikelihood() => new(Likelihood, Sigma);

    /// <summary>
    /// These settings with the prior-matching weight used when they give none — the kind's
    /// <paramref name="normalPrior"/> for N(0, I), its <paramref name="fittedPrior"/> for a fitted mixture, 0 for a learnt
    /// one — so that a checkpoint records the weight used.
    /// </summary>
    public FieldModelConfig WithPriorMatching(double normalPrior, double fittedPrior) => PriorMatching is not null ? this : this with
    {
        PriorMatching = PriorComponents == 0 ? normalPrior : FittedPrior ? fittedPrior : 0,
    };

    /// <summary>
    /// A VAE's mixture prior of <see cref="PriorComponents"/> Gaussians: fitted (<see cref="FittedPrior"/>) or learnt,
    /// a learnt one's means drawn from <paramref name="random"/>; null for N(0, I).
    /// </summary>
    public LatentPrior<float>? CreatePrior(SeededRandom random) => PriorComponents switch
    {
        0 => null,
        _ when FittedPrior => new FittedMixturePrior<float>(PriorComponents, LatentSize),
        _ => new MixturePrior<float>(PriorComponents, LatentSize, random),
    };

    /// <summary>The KL schedule, with <paramref name="defaultWarmup"/> when <see cref="KlWarmupEpochs"/> is null.</summary>
    public KlSchedule Kl(double defaultWarmup) => new(Beta, KlWarmupEpochs ?? defaultWarmup);

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (the message names it).</exception>
    public void Validate()
    {
        if (LatentSize < 1) throw new ArgumentOutOfRangeException(nameof(LatentSize), LatentSize, "The latent size must be at least 1.");
        if (Resolution < 8 || Resolution % 8 != 0)
            throw new ArgumentOutOfRangeException(nameof(Resolution), Resolution, "The resolution must be a positive multiple of 8 (the encoder halves it three times).");
        if (Channels < 1) throw new ArgumentOutOfRangeException(nameof(Channels), Channels, "The channel count must be at least 1.");
        if (HiddenWidth < 1) throw new ArgumentOutOfRangeException(nameof(HiddenWidth), HiddenWidth, "The hidden width must be at least 1.");
        if (!(Sigma > 0) || !double.IsFinite(Sigma)) throw new ArgumentOutOfRangeException(nameof(Sigma), Sigma, "Sigma must be positive and finite.");
        if (!Enum.IsDefined(Likelihood)) throw new ArgumentOutOfRangeException(nameof(Likelihood), Likelihood, "Unknown likelihood scale.");
        if (PriorMatching is double weight && (!(weight >= 0) || !double.IsFinite(weight)))
            throw new ArgumentOutOfRangeException(nameof(PriorMatching), weight, "The prior-matching weight must be finite and non-negative.");
        if (PriorComponents < 0)
            throw new ArgumentOutOfRangeException(nameof(PriorComponents), PriorComponents, "The number of prior components must not be negative: 0 for N(0, I), K > 0 for a mixture of K Gaussians.");
        if (!Enum.IsDefined(AutoencoderLoss)) throw new ArgumentOutOfRangeException(nameof(AutoencoderLoss), AutoencoderLoss, "Unknown autoencoder loss.");
        if (ShapeCount < 0) throw new ArgumentOutOfRangeException(nameof(ShapeCount), ShapeCount, "The shape count must not be negative.");
        Kl(0).Validate();
        Points().Validate();
    }
}
