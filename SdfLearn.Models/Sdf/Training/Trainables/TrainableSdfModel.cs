using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Data;
using SdfLearn.Nn.Layers;

using SdfLearn.Nn.Training;

namespace SdfLearn.Sdf.Training;

/// <summary>
/// What the trainable wrappers share: the wrapped module, the field resolution, the query points the loss trains on,
/// and the check that a batch carries those points.
/// </summary>
/// <typeparam name="TModule">The wrapped model.</typeparam>
public abstract class TrainableSdfModel<TModule> : ITrainableSdfModel where TModule : Module<float>
{
    /// <summary>Wraps <paramref name="model"/>; <paramref name="points"/> is null for models trained on whole fields.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The resolution is below 2 or a point option is out of range.</exception>
    protected TrainableSdfModel(TModule model, int resolution, QueryPointOptions? points)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        points?.Validate();
        Model = model;
        Resolution = resolution;
        TrainingPoints = points;
    }

    /// <summary>The wrapped model.</summary>
    public TModule Model { get; }

    /// <inheritdoc/>
    public Module<float> Module => Model;

    /// <inheritdoc/>
    public int Resolution { get; }

    /// <inheritdoc/>
    public QueryPointOptions? TrainingPoints { get; }

    /// <inheritdoc/>
    public abstract string Kind { get; }

    /// <inheritdoc/>
    public abstract int LatentSize { get; }

    /// <inheritdoc/>
    public abstract bool IsVariational { get; }

    /// <inheritdoc/>
    public abstract bool RendersAnyResolution { get; }

    /// <inheritdoc/>
    public abstract (Variable<float> Loss, LossTerms Terms) Loss(Tape<float> tape, SdfBatch batch, SeededRandom noise, double epochs);

    /// <inheritdoc/>
    public abstract Tensor<float> Encode(Tensor<float> fields);

    /// <inheritdoc/>
    public abstract Tensor<float> Decode(Tensor<float> latents, int resolution);

    /// <inheritdoc/>
    public virtual Tensor<float> TrainingLatents(SdfDataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return Encode(train.Fields);
    }

    /// <summary>The batch's query points and their signed distances.</summary>
    /// <exception cref="ArgumentException">The batch has none (the loader was created without <see cref="TrainingPoints"/>).</exception>
    protected (Tensor<float> Points, Tensor<float> Values) QueryPoints(SdfBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Points is null || batch.Values is null)
            throw new ArgumentException($"The {Kind} model trains on query points; the batch has none (create the loader with TrainingPoints).", nameof(batch));
        return (batch.Points, batch.Values);
    }
}
