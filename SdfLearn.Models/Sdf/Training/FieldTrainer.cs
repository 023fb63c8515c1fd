using SdfLearn.Core.Distributed;
using SdfLearn.Nn.Distributed;
using SdfLearn.Nn.Optimizers;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Sdf.Training;

/// <summary>A <see cref="Trainer{TBatch}"/> for a field model on field datasets: the loaders and the model's loss and config wired up.</summary>
public static class FieldTrainer
{
    private const ulong ValidationStream = 0x56414C4944; // keeps validation points apart from training points

    /// <summary>
    /// A trainer of <paramref name="model"/> on batches of <paramref name="batchSize"/> fields (reshuffled every epoch from
    /// <see cref="TrainingOptions.Seed"/>, with the query points the model needs), validating on
    /// <paramref name="validation"/> with fixed points; after every epoch <see cref="ISdfFieldModel.AfterEpoch"/>;
    /// checkpoints carry the model's config.
    /// </summary>
    /// <exception cref="ArgumentException">A dataset's resolution differs from the model's, or the training set is smaller than a fitted prior's component count.</exception>
    /// <param name="communicator">
    /// The ranks of an MPI job to train data-parallel on (each takes its shard of every batch of
    /// <paramref name="batchSize"/>), or null, like a job of one rank, for one process.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">The batch size is not in [ranks, training set size], or an option is out of range.</exception>
    public static Trainer<SdfBatch> Create(ISdfFieldModel model, SdfDataset train, SdfDataset? validation, int batchSize,
        Optimizer<float> optimizer, TrainingOptions options, ICommunicator? communicator = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var data in new[] { train, validation })
            if (data is not null && data.Resolution != model.Resolution)
                throw new ArgumentException($"The data is {data.Resolution}x{data.Resolution} but the model was built for {model.Resolution}x{model.Resolution}.", nameof(train));
        if (model.Prior is FittedMixturePrior<float> { Components: var components } && train.Count < components)
            throw new ArgumentException($"A prior fitted with {components} components needs at least {components} training fields; there are {train.Count}. Use fewer components or more data.", nameof(train));
        int ranks = communicator?.Size ?? 1;
        if (batchSize < ranks)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"A batch of {batchSize} cannot give each of {ranks} ranks a field; use a batch of at least {ranks}.");
        var trainLoader = new SdfDataLoader(train, batchSize, options.Seed, shuffle: true, model.TrainingPoints);
        var validationLoader = validation is null ? null
            : new SdfDataLoader(validation, Math.Min(batchSize, validation.Count), options.Seed ^ ValidationStream, shuffle: false, model.TrainingPoints);
        return new Trainer<SdfBatch>(model.Module, trainLoader, validationLoader, model.Loss, optimizer, options with { Model = options.Model ?? model.Config })
        {
            Parallel = ranks > 1 ? new DataParallel<SdfBatch>(communicator!, new SdfBatchSharder()) : null,
            AfterEpoch = completed => model.AfterEpoch(train, completed, options.Epochs, options.Seed),
        };
    }
}
