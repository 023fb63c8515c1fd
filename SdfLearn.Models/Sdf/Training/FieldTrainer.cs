using SdfLearn.Nn.Optimizers;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Sdf.Training;

/// <summary>A <see cref="Trainer{TBatch}"/> for a field model on field datasets: the loaders and the model's loss and config wired up.</summary>
public static class FieldTrainer
{
    private const ulong ValidationStream = 0x56414C4944; // keeps validation points apart from training points

    /// <summary>
    /// A trainer of <paramref name="model"/> on batches of <paramref name="batchSize"/> fields (reshuffled every epoch from
    /// <see cref="TrainingOptions.Seed"/>, with the query points the model needs), validating on
    /// <paramref name="validation"/> with fixed points; checkpoints carry the model's config.
    /// </summary>
    /// <exception cref="ArgumentException">A dataset's resolution differs from the model's.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The batch size is not in [1, training set size], or an option is out of range.</exception>
    public static Trainer<SdfBatch> Create(ISdfFieldModel model, SdfDataset train, SdfDataset? validation, int batchSize,
        Optimizer<float> optimizer, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var data in new[] { train, validation })
            if (data is not null && data.Resolution != model.Resolution)
                throw new ArgumentException($"The data is {data.Resolution}x{data.Resolution} but the model was built for {model.Resolution}x{model.Resolution}.", nameof(train));
        var trainLoader = new SdfDataLoader(train, batchSize, options.Seed, shuffle: true, model.TrainingPoints);
        var validationLoader = validation is null ? null
            : new SdfDataLoader(validation, Math.Min(batchSize, validation.Count), options.Seed ^ ValidationStream, shuffle: false, model.TrainingPoints);
        return new Trainer<SdfBatch>(model.Module, trainLoader, validationLoader, model.Loss, optimizer, options with { Model = options.Model ?? model.Config });
    }
}
