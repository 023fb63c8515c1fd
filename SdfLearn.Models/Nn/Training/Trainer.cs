using SdfLearn.Core.IO;
using System.Diagnostics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Data;
using SdfLearn.Nn.Distributed;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Optimizers;
using SdfLearn.Nn.Serialization;

namespace SdfLearn.Nn.Training;

/// <summary>
/// Trains any <see cref="Module{T}"/> on any batches (in the spirit of PyTorch Lightning's <c>Trainer.fit</c>): for
/// every batch the loss, backward, optional gradient clipping and an optimiser step at the scheduled learning rate;
/// after every epoch a validation pass and a checkpoint. A run resumes exactly from a checkpoint, stops cleanly on
/// cancellation (saving the position reached) and stops with a clear message when the loss stops being finite.
/// The noise the loss gets is derived from (seed, epoch, batch), so a resumed run equals an uninterrupted one.
/// </summary>
/// <typeparam name="TBatch">The batch type of the data sources.</typeparam>
public sealed class Trainer<TBatch>
{
    private const ulong NoiseStream = 0x4E4F495345; // stream keys for SeededRandom.Derive
    private const ulong ValidationStream = 0x56414C4944;

    private readonly Module<float> _model;
    private readonly IBatchSource<TBatch> _train;
    private readonly IBatchSource<TBatch>? _validation;
    private readonly LossFunction<TBatch> _loss;
    private readonly TrainingOptions _options;
    private readonly double _baseLearningRate;

    /// <summary>Prepares a run; nothing is trained until <see cref="Run"/>.</summary>
    /// <param name="model">The module whose weights are checkpointed (the optimiser holds the parameters that are trained).</param>
    /// <param name="train">The training batches.</param>
    /// <param name="validation">Batches for the loss after every epoch (the same batches every epoch), or null.</param>
    /// <param name="loss">The objective; it must not change the model.</param>
    /// <param name="optimizer">The optimiser; its learning rate now is the base rate the schedule scales.</param>
    /// <param name="options">Epochs, seed, schedule, clipping, checkpoint path and model config.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the training source has no batches.</exception>
    public Trainer(Module<float> model, IBatchSource<TBatch> train, IBatchSource<TBatch>? validation, LossFunction<TBatch> loss,
        Optimizer<float> optimizer, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (train.BatchesPerEpoch < 1)
            throw new ArgumentOutOfRangeException(nameof(train), train.BatchesPerEpoch, "The training data gives no batch per epoch: it is smaller than one batch.");
        (_model, _train, _validation, _loss, Optimizer, _options) = (model, train, validation, loss, optimizer, options);
        _baseLearningRate = optimizer.LearningRate;
    }

    /// <summary>Receives a report after every step.</summary>
    public IProgress<TrainingProgress>? Progress { get; set; }

    /// <summary>
    /// Runs after the last step of every epoch with the number of epochs completed, before the validation pass and the
    /// checkpoint (as Lightning's <c>on_train_epoch_end</c>), so that model state it changes, such as buffers refitted to
    /// the data, is validated and saved with the epoch. It must be deterministic, and on every rank the same.
    /// </summary>
    public Action<int>? AfterEpoch { get; set; }

    /// <summary>Receives each epoch's record as soon as it is complete.</summary>
    public IProgress<EpochRecord>? EpochCompleted { get; set; }

    /// <summary>The optimiser (its state is checkpointed with the model).</summary>
    public Optimizer<float> Optimizer { get; }

    /// <summary>
    /// Data-parallel training over the ranks of an MPI job, or null for one process (the default). Every rank must run
    /// the same trainer with the same model, data, seed and options: each takes its shard of every batch, the
    /// gradients meet in one all-reduce per step, rank 0 alone writes checkpoints, a stop requested on any rank stops
    /// all after the same step, and a checkpoint resumes only with the rank count that wrote it. Losses that draw
    /// noise get a stream per rank.
    /// </summary>
    public DataParallel<TBatch>? Parallel { get; set; }

    /// <summary>
    /// Trains until <see cref="TrainingOptions.Epochs"/> epochs are complete or <paramref name="cancellation"/> fires.
    /// With <paramref name="resumeFrom"/>, continues exactly from that checkpoint. Temporaries of the checkpoint that
    /// a killed run left behind are removed first.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite; the last good checkpoint is kept.</exception>
    /// <exception cref="InvalidDataException">The checkpoint to resume from does not fit the model or its config.</exception>
    public TrainingResult Run(CancellationToken cancellation = default, string? resumeFrom = null)
    {
        var parallel = Parallel;
        int ranks = parallel?.Communicator.Size ?? 1;
        if (_options.CheckpointPath is not null && Leads) AtomicFile.RemoveStaleTemporaries(_options.CheckpointPath);
        var state = resumeFrom is null ? TrainingState.Start : Checkpoint.Load(resumeFrom, _model, Optimizer, _options.Model);
        if (resumeFrom is not null && state.Ranks != ranks)
            throw new InvalidDataException(
                $"{resumeFrom} was written by a run of {state.Ranks} rank(s); resume it with {state.Ranks} (mpirun -np {state.Ranks}): " +
                "another count adds the gradients in another order, so the run would not continue exactly.");
        var exchange = parallel is null ? null : new StepExchange(parallel.Communicator, Optimizer.Parameters);
        if (parallel is not null) new GradientAllReduce(parallel.Communicator, _model.Parameters()).BroadcastValues(); // rank 0's weights everywhere
        var history = state.History.ToList();
        int batches = _train.BatchesPerEpoch;
        long totalSteps = (long)_options.Epochs * batches;
        var tape = new Tape<float>();
        var clock = Stopwatch.StartNew();
        long step = state.Step;
        long stepsThisRun = 0, stepsLeft = totalSteps - step;
        bool stop = false; // what the ranks agreed in the last exchange
        bool Stopping() => exchange is null ? cancellation.IsCancellationRequested : stop;

        for (int epoch = state.Epoch; epoch < _options.Epochs; epoch++)
        {
            bool resumedEpoch = epoch == state.Epoch;
            int batch = resumedEpoch ? state.Batch : 0;
            var sums = resumedEpoch ? state.EpochSums : LossTerms.Zero;
            double secondsBefore = resumedEpoch ? state.EpochSeconds : 0;
            var epochClock = Stopwatch.StartNew();
            foreach (var global in _train.Epoch(epoch, batch))
            {
                var (data, shard) = parallel is null ? (global, default) : parallel.Take(global);
                tape.Reset();
                Optimizer.ZeroGrad();
                var (loss, terms) = _loss(data, tape, new LossContext(Noise(epoch, batch), epoch + (double)batch / batches));
                if (exchange is null)
                {
                    CheckFinite(terms, epoch, batch, step);
                    tape.Backward(loss);
                }
                else
                {
                    // Every rank takes part in the exchange, even one whose loss is not finite: the global terms then are
                    // not finite on all ranks, and all stop together instead of leaving the others waiting.
                    tape.Backward(loss);
                    (terms, stop) = exchange.Reduce(terms, shard.Share, cancellation.IsCancellationRequested);
                    CheckFinite(terms, epoch, batch, step);
                }
                if (_options.GradientClipNorm is double maxNorm) GradientClipping.ClipByGlobalNorm(Optimizer.Parameters, maxNorm);
                Optimizer.LearningRate = _baseLearningRate * _options.Schedule.Factor(step, totalSteps);
                Optimizer.Step();
                step++;
                stepsThisRun++;
                batch++;
                sums += terms;
                Report(epoch, batch, batches, sums / batch, clock.Elapsed, stepsThisRun, stepsLeft);

                if (Stopping() && batch < batches)
                {
                    Save(new TrainingState(epoch, batch, step, sums, secondsBefore + epochClock.Elapsed.TotalSeconds, history, ranks));
                    return new TrainingResult(history, Interrupted: true, step);
                }
            }
            AfterEpoch?.Invoke(epoch + 1);
            double seconds = secondsBefore + epochClock.Elapsed.TotalSeconds;
            var record = new EpochRecord(epoch + 1, sums / batches, Validate(tape, epoch + 1), seconds);
            history.Add(record);
            EpochCompleted?.Report(record);
            Save(new TrainingState(epoch + 1, 0, step, LossTerms.Zero, 0, history, ranks));
            if (_options.BestCheckpointPath is not null && Leads && IsBest(history))
                Checkpoint.Save(_options.BestCheckpointPath, _model, optimizer: null, state: null, _options.Model);
            // Ranks act only on what they agreed in the last exchange; a request arriving since rides in the next one.
            if (Stopping() && epoch + 1 < _options.Epochs)
                return new TrainingResult(history, Interrupted: true, step);
        }
        return new TrainingResult(history, Interrupted: false, step);
    }

    /// <summary>Whether the last epoch's validation loss is the lowest of the run (a NaN never is; a tie keeps the earlier epoch).</summary>
    private static bool IsBest(IReadOnlyList<EpochRecord> history) =>
        history[^1].Validation is { } last && !double.IsNaN(last.Total) &&
        history.SkipLast(1).All(e => e.Validation is not { } v || double.IsNaN(v.Total) || last.Total < v.Total);

    /// <summary>The loss's noise for a batch: from (seed, epoch, batch), and the rank when several ranks share the batch.</summary>
    private SeededRandom Noise(int epoch, int batch) => Parallel is { Communicator.Size: > 1 } parallel
        ? SeededRandom.Derive(_options.Seed, NoiseStream, (ulong)epoch, (ulong)batch, (ulong)parallel.Communicator.Rank)
        : SeededRandom.Derive(_options.Seed, NoiseStream, (ulong)epoch, (ulong)batch);

    private void CheckFinite(LossTerms terms, int epoch, int batch, long step)
    {
        if (!terms.IsFinite)
            throw new TrainingDivergedException(
                $"The loss became {terms} at epoch {epoch + 1}, batch {batch + 1} (step {step + 1}); the step was not applied" +
                $"{(_options.CheckpointPath is null ? "" : $" and {_options.CheckpointPath} still holds the last good checkpoint")}. " +
                "Try a lower learning rate or gradient clipping.");
    }

    /// <summary>Whether this process writes files: always, except on ranks other than 0 when data-parallel.</summary>
    private bool Leads => (Parallel?.Communicator.Rank ?? 0) == 0;

    /// <summary>Writes a checkpoint, on rank 0 only when data-parallel.</summary>
    private void Save(TrainingState state)
    {
        if (_options.CheckpointPath is not null && Leads) Checkpoint.Save(_options.CheckpointPath, _model, Optimizer, state, _options.Model);
    }

    /// <summary>Mean loss terms on the validation batches, with fixed noise (the same every epoch), without recording.</summary>
    private LossTerms? Validate(Tape<float> tape, double epochs)
    {
        if (_validation is null) return null;
        var sums = LossTerms.Zero;
        int batch = 0;
        using (tape.NoGrad())
        {
            foreach (var data in _validation.Epoch(0))
            {
                tape.Reset();
                var noise = SeededRandom.Derive(_options.Seed, ValidationStream, (ulong)batch);
                sums += _loss(data, tape, new LossContext(noise, epochs)).Terms;
                batch++;
            }
        }
        tape.Reset();
        return batch == 0 ? null : sums / batch;
    }

    private void Report(int epoch, int batch, int batches, LossTerms running, TimeSpan elapsed, long stepsThisRun, long stepsLeftAtStart)
    {
        if (Progress is null) return;
        var remaining = TimeSpan.FromSeconds(elapsed.TotalSeconds / stepsThisRun * (stepsLeftAtStart - stepsThisRun));
        Progress.Report(new TrainingProgress(epoch + 1, _options.Epochs, batch, batches, running, elapsed, remaining));
    }
}
