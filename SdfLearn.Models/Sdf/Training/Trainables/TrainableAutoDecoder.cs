using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;

using SdfLearn.Nn.Training;

namespace SdfLearn.Sdf.Training;

/// <summary>
/// Part II's DeepSDF auto-decoder as a trainable model: a training batch looks up its shapes' codes by dataset index and
/// the loss is the MSE over the query points plus λ · mean ||z||² (<see cref="LatentFitting.Objective"/>). There is no
/// encoder, so <see cref="Encode"/> fits codes by test-time optimisation, and so does <see cref="Loss"/> when the tape
/// is not recording (validation and evaluation batches are shapes without a code of their own). Train it on the
/// dataset whose indices its codes belong to.
/// </summary>
public sealed class TrainableAutoDecoder : TrainableSdfModel<DeepSdfAutoDecoder<float>>
{
    /// <summary>Wraps the model with its training points, code regularisation λ and the fitting used for new shapes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">λ is negative or not finite, or an option is out of range.</exception>
    public TrainableAutoDecoder(DeepSdfAutoDecoder<float> model, int resolution, QueryPointOptions? points = null,
        double codeRegularization = 1e-4, LatentFittingOptions? fitting = null)
        : base(model, resolution, points ?? new QueryPointOptions())
    {
        if (!(double.IsFinite(codeRegularization) && codeRegularization >= 0))
            throw new ArgumentOutOfRangeException(nameof(codeRegularization), codeRegularization, "The code regularisation must be finite and non-negative.");
        CodeRegularization = codeRegularization;
        Fitting = fitting ?? new LatentFittingOptions { PriorWeight = codeRegularization };
        Fitting.Validate();
    }

    /// <summary>The reference decoder with one code per training shape, initialised from <paramref name="seed"/>.</summary>
    public static TrainableAutoDecoder CreateReference(ulong seed, int shapeCount, int latentSize = 32, int resolution = 64, int hiddenWidth = 256,
        QueryPointOptions? points = null, double codeRegularization = 1e-4, LatentFittingOptions? fitting = null) =>
        new(DeepSdfAutoDecoder<float>.CreateReference(SeededRandom.Derive(seed, 1), shapeCount, latentSize, hiddenWidth), resolution, points,
            codeRegularization, fitting);

    /// <summary>Weight λ of the code regularisation λ · mean ||z||² in the training loss (default 1e-4, as DeepSDF).</summary>
    public double CodeRegularization { get; }

    /// <summary>How codes of new shapes are fitted (by <see cref="Encode"/> and by loss evaluation without gradients).</summary>
    public LatentFittingOptions Fitting { get; }

    /// <inheritdoc/>
    public override string Kind => "autodecoder-deepsdf";
    /// <inheritdoc/>
    public override int LatentSize => Model.LatentSize;
    /// <inheritdoc/>
    public override bool IsVariational => false;
    /// <inheritdoc/>
    public override bool RendersAnyResolution => true;

    /// <summary>
    /// The loss of a batch; <see cref="LossTerms.Kl"/> reports the unweighted prior term mean ||z||². While recording,
    /// the codes are the batch's rows of the embedding (by <see cref="SdfBatch.Indices"/>); otherwise they are fitted to
    /// the batch's points first.
    /// </summary>
    /// <exception cref="ArgumentException">The batch has no query points.</exception>
    /// <exception cref="ArgumentOutOfRangeException">While training, a batch index has no code (the data is not the training set).</exception>
    public override (Variable<float> Loss, LossTerms Terms) Loss(Tape<float> tape, SdfBatch batch, SeededRandom noise, double epochs)
    {
        ArgumentNullException.ThrowIfNull(tape);
        var (points, values) = QueryPoints(batch);
        var latents = tape.IsRecording
            ? Model.LatentsOf(tape, batch.Indices)
            : tape.Constant(LatentFitting.Fit(Model.Decoder, points, values, Fitting));
        var (loss, reconstruction, prior) = LatentFitting.Objective(tape, Model.Decoder, latents, tape.Constant(points),
            tape.Constant(values), CodeRegularization);
        return (loss, new LossTerms(loss.Item(), reconstruction.Item(), prior.Item()));
    }

    /// <summary>Codes [B, L] fitted to fields [B, 1, S, S] by test-time optimisation with <see cref="Fitting"/>.</summary>
    public override Tensor<float> Encode(Tensor<float> fields) => LatentFitting.FitToFields(Model.Decoder, fields, Fitting);

    /// <summary>The learnt codes when <paramref name="train"/> is the training set (one code per field); otherwise fitted ones.</summary>
    public override Tensor<float> TrainingLatents(SdfDataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return train.Count == Model.ShapeCount ? Model.Latents.Value.Clone() : Encode(train.Fields);
    }

    /// <inheritdoc/>
    public override Tensor<float> Decode(Tensor<float> latents, int resolution) => DeepSdfRenderer.Render(Model.Decoder, latents, resolution);
}
