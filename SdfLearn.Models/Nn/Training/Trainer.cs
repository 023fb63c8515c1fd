using System.Diagnostics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Data;
using SdfLearn.Nn.Optimizers;

using SdfLearn.Sdf.Training;

namespace SdfLearn.Nn.Training;

/// <summary>
/// Trains an <see cref="ITrainableSdfModel"/> with Adam (or AdamW): epochs of shuffled fixed-size batches, a validation
/// pass and a checkpoint after every epoch, exact resume from a checkpoint, clean stop on cancellation (Ctrl+C) with a
/// checkpoint of the position reached, and a stop with a clear message when the loss stops being finite.
/// Shuffling, query points and noise are derived from (seed, epoch, batch), so a resumed run equals an uninterrupted one.
/// </summary>
public sealed class Trainer
{
    private const ulong NoiseStream = 0x4E4F495345; // stream keys for SeededRandom.Derive
    private const ulong ValidationStream = 0x56414C4944;

    private readonly ITrainableSdfModel _model;
    private readonly SdfDataset _train;
    private readonly SdfDataset? _validation;
    private readonly TrainingOptions _options;

    /// <summary>Prepares a run; nothing is trained until <see cref="Run"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the batch is larger than the training set.</exception>
    /// <exception cref="ArgumentException">The data's resolution differs from the model's.</exception>
    public Trainer(ITrainableSdfModel model, SdfDataset train, SdfDataset? validation, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        foreach (var data in new[] { train, validation })
            if (data is not null && data.Resolution != model.Resolution)
                throw new ArgumentException($"The data is {data.Resolution}x{data.Resolution} but the model was built for {model.Resolution}x{model.Resolution}.", nameof(train));
        if (options.BatchSize > train.Count)
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, $"The batch size exceeds the {train.Count} training fields.");
        (_model, _train, _validation, _options) = (model, train, validation, options);
        Optimizer = options.WeightDecay > 0
            ? new AdamW<float>(model.Module.Parameters(), options.LearningRate, weightDecay: options.WeightDecay)
            : new Adam<float>(model.Module.Parameters(), options.LearningRate);
    }

    /// <summary>Receives a report after every step (and after each validation).</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Receives each epoch's record as soon as it is complete.</summary>
    public IProgress<EpochRecord>? EpochCompleted { get; init; }

    /// <summary>The optimiser (its state is checkpointed with the model).</summary>
    public Optimizer<float> Optimizer { get; }

    /// <summary>
    /// Trains until <see cref="TrainingOptions.Epochs"/> epochs are complete or <paramref name="cancellation"/> fires.
    /// With <paramref name="resumeFrom"/>, continues exactly from that checkpoint.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite; the last good checkpoint is kept.</exception>
    /// <exception cref="InvalidDataException">The checkpoint to resume from does not fit the model.</exception>
    public TrainingResult Run(CancellationToken cancellation = default, string? resumeFrom = null)
    {
        var state = resumeFrom is null ? TrainingState.Start : Checkpoint.Load(resumeFrom, _model, Optimizer);
        var history = state.History.ToList();
        var loader = new SdfDataLoader(_train, _options.BatchSize, _options.Seed, shuffle: true, _model.TrainingPoints);
        int batches = loader.BatchesPerEpoch;
        var tape = new Tape<float>();
        var clock = Stopwatch.StartNew();
        long step = state.Step;
        long stepsThisRun = 0, stepsLeft = (long)(_options.Epochs - state.Epoch) * batches - state.Batch;

        for (int epoch = state.Epoch; epoch < _options.Epochs; epoch++)
        {
            bool resumedEpoch = epoch == state.Epoch;
            int batch = resumedEpoch ? state.Batch : 0;
            var sums = resumedEpoch ? state.EpochSums : default;
            double secondsBefore = resumedEpoch ? state.EpochSeconds : 0;
            var epochClock = Stopwatch.StartNew();
            foreach (var data in loader.Epoch(epoch, batch))
            {
                var noise = SeededRandom.Derive(_options.Seed, NoiseStream, (ulong)epoch, (ulong)batch);
                tape.Reset();
                Optimizer.ZeroGrad();
                var (loss, terms) = _model.Loss(tape, data, noise, epoch + (double)batch / batches);
                if (!terms.IsFinite)
                    throw new TrainingDivergedException(
                        $"The loss became {terms.Total} (reconstruction {terms.Reconstruction}, KL {terms.Kl}) at epoch {epoch + 1}, batch {batch + 1} " +
                        $"(step {step + 1}); the step was not applied{(_options.CheckpointPath is null ? "" : $" and {_options.CheckpointPath} still holds the last good checkpoint")}. " +
                        "Try a lower learning rate or gradient clipping.");
                tape.Backward(loss);
                if (_options.GradientClipNorm is double maxNorm) GradientClipping.ClipByGlobalNorm(Optimizer.Parameters, maxNorm);
                Optimizer.Step();
                step++;
                stepsThisRun++;
                batch++;
                sums += terms;
                Report(epoch, batch, batches, sums / batch, clock.Elapsed, stepsThisRun, stepsLeft);

                if (cancellation.IsCancellationRequested && batch < batches)
                {
                    var position = new TrainingState(epoch, batch, step, sums, secondsBefore + epochClock.Elapsed.TotalSeconds, history);
                    if (_options.CheckpointPath is not null) Checkpoint.Save(_options.CheckpointPath, _model, Optimizer, position, _options);
                    return new TrainingResult(history, Interrupted: true, step);
                }
            }
            double seconds = secondsBefore + epochClock.Elapsed.TotalSeconds;
            var record = new EpochRecord(epoch + 1, sums / batches, Validate(tape, epoch + 1), seconds);
            history.Add(record);
            EpochCompleted?.Report(record);
            if (_options.CheckpointPath is not null)
                Checkpoint.Save(_options.CheckpointPath, _model, Optimizer, new TrainingState(epoch + 1, 0, step, default, 0, history), _options);
            if (cancellation.IsCancellationRequested && epoch + 1 < _options.Epochs)
                return new TrainingResult(history, Interrupted: true, step);
        }
        return new TrainingResult(history, Interrupted: false, step);
    }

    /// <summary>Mean loss terms on the validation set, with fixed points and noise (the same every epoch).</summary>
    private LossTerms? Validate(Tape<float> tape, double epochs)
    {
        if (_validation is null) return null;
        int batchSize = Math.Min(_options.BatchSize, _validation.Count);
        var loader = new SdfDataLoader(_validation, batchSize, _options.Seed ^ ValidationStream, shuffle: false, _model.TrainingPoints);
        var sums = default(LossTerms);
        int batch = 0;
        using (tape.NoGrad())
        {
            foreach (var data in loader.Epoch(0))
            {
                tape.Reset();
                var noise = SeededRandom.Derive(_options.Seed, ValidationStream, (ulong)batch);
                sums += _model.Loss(tape, data, noise, epochs).Terms;
                batch++;
            }
        }
        tape.Reset();
        return sums / batch;
    }

    private void Report(int epoch, int batch, int batches, LossTerms running, TimeSpan elapsed, long stepsThisRun, long stepsLeftAtStart)
    {
        if (Progress is null) return;
        var remaining = TimeSpan.FromSeconds(elapsed.TotalSeconds / stepsThisRun * (stepsLeftAtStart - stepsThisRun));
        Progress.Report(new TrainingProgress(epoch + 1, _options.Epochs, batch, batches, running, elapsed, remaining));
    }
}
