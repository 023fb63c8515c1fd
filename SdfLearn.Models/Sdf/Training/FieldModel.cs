using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Serialization;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Sdf.Training;

/// <summary>
/// What the field models share: the module, the config and everything derived from it, rendering through a DeepSDF
/// decoder, and the check that a batch carries query points. A kind adds its encoder and its loss.
/// </summary>
/// <typeparam name="TModule">The architecture.</typeparam>
public abstract class FieldModel<TModule> : ISdfFieldModel where TModule : Module<float>
{
    /// <summary>Fields or latents per forward pass in <see cref="Encode"/> and <see cref="Decode"/> (bounds their memory).</summary>
    protected const int InferenceChunk = 100;

    /// <summary>Wraps <paramref name="model"/> built from <paramref name="settings"/> as kind <paramref name="kind"/>.</summary>
    /// <param name="kind">The kind name stored in checkpoints.</param>
    /// <param name="settings">The hyper-parameters.</param>
    /// <param name="model">The architecture.</param>
    /// <param name="pointDecoder">The DeepSDF decoder, or null for a decoder of whole fields.</param>
    /// <param name="isVariational">Whether the latent has a prior (a VAE).</param>
    protected FieldModel(string kind, FieldModelConfig settings, TModule model, DeepSdfDecoder<float>? pointDecoder, bool isVariational)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(model);
        (Model, Settings, PointDecoder, IsVariational) = (model, settings, pointDecoder, isVariational);
        Config = ModelConfig.Of(kind, settings);
    }

    /// <summary>The architecture.</summary>
    public TModule Model { get; }

    /// <inheritdoc/>
    public Module<float> Module => Model;

    /// <inheritdoc/>
    public ModelConfig Config { get; }

    /// <inheritdoc/>
    public FieldModelConfig Settings { get; }

    /// <inheritdoc/>
    public int LatentSize => Settings.LatentSize;

    /// <inheritdoc/>
    public int Resolution => Settings.Resolution;

    /// <inheritdoc/>
    public bool IsVariational { get; }

    /// <inheritdoc/>
    public virtual ILatentDistribution? Prior => IsVariational ? LatentGaussian.StandardNormal(LatentSize) : null;

    /// <inheritdoc/>
    public virtual bool FitsCodes => false;

    /// <inheritdoc/>
    public DeepSdfDecoder<float>? PointDecoder { get; }

    /// <inheritdoc/>
    public bool RendersAnyResolution => PointDecoder is not null;

    /// <inheritdoc/>
    public QueryPointOptions? TrainingPoints => PointDecoder is null ? null : Settings.Points();

    /// <inheritdoc/>
    public abstract (Variable<float> Loss, LossTerms Terms) Loss(SdfBatch batch, Tape<float> tape, LossContext context);

    /// <inheritdoc/>
    public virtual void AfterEpoch(SdfDataset train, int completedEpochs, int epochs, ulong seed)
    {
    }

    /// <inheritdoc/>
    public abstract Tensor<float> Encode(Tensor<float> fields);

    /// <inheritdoc/>
    public virtual Tensor<float> TrainingLatents(SdfDataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return Encode(train.Fields);
    }

    /// <summary>Renders through the DeepSDF decoder; a model without one overrides this.</summary>
    public virtual Tensor<float> Decode(Tensor<float> latents, int resolution) =>
        DeepSdfRenderer.Render(PointDecoder ?? throw new NotSupportedException("This model has no DeepSDF decoder."), latents, resolution);

    /// <summary><paramref name="settings"/> after checking them, for use before the architecture is built.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    protected static FieldModelConfig Checked(FieldModelConfig settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return settings;
    }

    /// <summary>The terms of a VAE's loss: total, reconstruction and KL (nats per image), and the decoder's sigma (its geometric mean over the batch).</summary>
    protected static LossTerms VaeTerms(VaeLoss<float> loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        double sigma = Math.Exp(System.Numerics.Tensors.TensorPrimitives.Average<float>(loss.LogSigma.Value.Span));
        (string, double)[] parts = [("reconstruction", loss.Reconstruction.Item()), ("kl", loss.Kl.Item()), ("sigma", sigma)];
        return LossTerms.Of(loss.Total.Item(), loss.PriorMismatch is { } mismatch ? [.. parts, ("prior_moments", mismatch.Item())] : parts);
    }

    /// <summary>The batch's query points and their signed distances.</summary>
    /// <exception cref="ArgumentException">The batch has none (the loader was created without <see cref="TrainingPoints"/>).</exception>
    protected (Tensor<float> Points, Tensor<float> Values) QueryPoints(SdfBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Points is null || batch.Values is null)
            throw new ArgumentException($"The {Config.Kind} model trains on query points; the batch has none (create the loader with TrainingPoints).", nameof(batch));
        return (batch.Points, batch.Values);
    }
}
