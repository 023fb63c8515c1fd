using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Sdf.Training;

/// <summary>
/// Part II's DeepSDF auto-decoder (kind <c>autodecoder-deepsdf</c>): a training batch looks up its shapes' codes by
/// dataset index and the loss is the MSE over the query points plus λ · mean ||z||² (<see cref="LatentFitting.Objective"/>).
/// There is no encoder, so <see cref="Encode"/> fits codes by test-time optimisation, and so does <see cref="Loss"/>
/// when the tape is not recording (validation and evaluation batches are shapes without a code of their own). Train it
/// on the dataset whose indices its codes belong to (<see cref="FieldModelConfig.ShapeCount"/> fields).
/// </summary>
public sealed class AutoDecoderFieldModel : FieldModel<DeepSdfAutoDecoder<float>>
{
    /// <summary>Weight λ of the code regularisation λ · mean ||z||² in the training loss (1e-4, as DeepSDF).</summary>
    public const double CodeRegularization = 1e-4;

    /// <summary>The kind, for <see cref="SdfModels.Register"/>.</summary>
    public static SdfModelKind Kind { get; } =
        SdfModelKind.Of<FieldModelConfig>("autodecoder-deepsdf", (settings, seed) => new AutoDecoderFieldModel(settings, seed));

    /// <summary>The reference decoder with one code per training shape, initialised from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range, or <see cref="FieldModelConfig.ShapeCount"/> is 0.</exception>
    public AutoDecoderFieldModel(FieldModelConfig settings, ulong seed)
        : this(settings, DeepSdfAutoDecoder<float>.CreateReference(SeededRandom.Derive(seed, 1), CheckedShapeCount(settings),
            settings.LatentSize, settings.HiddenWidth), seed)
    {
    }

    private AutoDecoderFieldModel(FieldModelConfig settings, DeepSdfAutoDecoder<float> model, ulong seed)
        : base(Kind.Name, settings, model, model.Decoder, isVariational: false) =>
        // Codes of new fields: DeepSDF's fitting recipe (clamped distances, 1,024 fresh points a step), as fit-latent's defaults.
        Fitting = new LatentFittingOptions { LearningRate = 0.05, ClampDistance = 0.03, PointsPerStep = 1024, PriorWeight = CodeRegularization, Seed = seed };

    /// <summary>How codes of new shapes are fitted (by <see cref="Encode"/> and by loss evaluation without gradients).</summary>
    public LatentFittingOptions Fitting { get; init; }

    /// <inheritdoc/>
    public override bool FitsCodes => true;

    /// <summary>
    /// The loss of a batch; the part <c>prior</c> is the unweighted term mean ||z||². While recording, the codes are the
    /// batch's rows of the embedding (by <see cref="SdfBatch.Indices"/>); otherwise they are fitted to the batch's points first.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">While training, a batch index has no code (the data is not the training set).</exception>
    public override (Variable<float> Loss, LossTerms Terms) Loss(SdfBatch batch, Tape<float> tape, LossContext context)
    {
        ArgumentNullException.ThrowIfNull(tape);
        var (points, values) = QueryPoints(batch);
        var latents = tape.IsRecording
            ? Model.LatentsOf(tape, batch.Indices)
            : tape.Constant(LatentFitting.Fit(Model.Decoder, points, values, Fitting));
        var (loss, reconstruction, prior) = LatentFitting.Objective(tape, Model.Decoder, latents, tape.Constant(points),
            tape.Constant(values), CodeRegularization);
        return (loss, LossTerms.Of(loss.Item(), ("reconstruction", reconstruction.Item()), ("prior", prior.Item())));
    }

    /// <summary>Codes [B, L] fitted to fields [B, 1, S, S] by test-time optimisation with <see cref="Fitting"/>.</summary>
    public override Tensor<float> Encode(Tensor<float> fields) => LatentFitting.FitToFields(Model.Decoder, fields, Fitting);

    /// <summary>The learnt codes when <paramref name="train"/> is the training set (one code per field); otherwise fitted ones.</summary>
    public override Tensor<float> TrainingLatents(SdfDataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return train.Count == Model.ShapeCount ? Model.Latents.Value.Clone() : Encode(train.Fields);
    }

    private static int CheckedShapeCount(FieldModelConfig settings)
    {
        Checked(settings);
        if (settings.ShapeCount < 1)
            throw new ArgumentOutOfRangeException(nameof(settings), settings.ShapeCount,
                "An auto-decoder holds a code per training field: its ShapeCount must be at least 1 (FieldModels.SizedFor does it).");
        return settings.ShapeCount;
    }
}
