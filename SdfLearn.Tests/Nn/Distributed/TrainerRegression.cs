using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Core.Distributed;
using SdfLearn.Nn.Data;
using SdfLearn.Nn.Distributed;
using SdfLearn.Nn.Optimizers;
using SdfLearn.Nn.Training;
using SdfLearn.Tests.Nn.Training;

namespace SdfLearn.Tests.Nn.Distributed;

/// <summary>
/// <see cref="ShardedTraining"/>'s regression through the general trainer: batches as (inputs, targets) row pairs,
/// cut into shards by rows, for data-parallel runs under <c>mpirun</c> and their one-process references.
/// </summary>
internal static class TrainerRegression
{
    public const int BatchesPerEpoch = 4;

    /// <summary>Epoch e's batch b is <see cref="ShardedTraining.GlobalBatchAt"/> of step e·4 + b.</summary>
    private sealed class Source : IBatchSource<(Tensor<float> X, Tensor<float> Y)>
    {
        public int BatchesPerEpoch => TrainerRegression.BatchesPerEpoch;

        public IEnumerable<(Tensor<float> X, Tensor<float> Y)> Epoch(int epoch, int startBatch = 0)
        {
            for (int b = startBatch; b < BatchesPerEpoch; b++)
            {
                var (inputs, targets) = ShardedTraining.GlobalBatchAt(epoch * BatchesPerEpoch + b);
                yield return (ShardedTraining.Rows(inputs, 3, 0, ShardedTraining.GlobalBatch), ShardedTraining.Rows(targets, 1, 0, ShardedTraining.GlobalBatch));
            }
        }
    }

    private sealed class RowSharder : IBatchSharder<(Tensor<float> X, Tensor<float> Y)>
    {
        public int Count((Tensor<float> X, Tensor<float> Y) batch) => batch.X.Shape[0];

        public (Tensor<float> X, Tensor<float> Y) Shard((Tensor<float> X, Tensor<float> Y) batch, BatchShard shard) =>
            (ShardedTraining.Rows(batch.X.ToArray(), 3, shard.Start, shard.Count), ShardedTraining.Rows(batch.Y.ToArray(), 1, shard.Start, shard.Count));
    }

    /// <summary>
    /// Trains to <paramref name="epochs"/> epochs (from <paramref name="resumeFrom"/> when given), checkpointing to
    /// <paramref name="checkpoint"/>; with <paramref name="stopOnRank1AfterStep"/>, rank 1 alone asks to stop after that
    /// step (as SIGTERM on one rank does). Returns the result and every weight.
    /// </summary>
    public static (TrainingResult Result, float[] Weights) Run(ICommunicator communicator, int epochs, string checkpoint,
        string? resumeFrom = null, long? stopOnRank1AfterStep = null)
    {
        var model = ShardedTraining.Model(communicator.Rank);
        var loss = new LossFunction<(Tensor<float> X, Tensor<float> Y)>((batch, tape, _) =>
        {
            var value = Ops.MseLoss(model.Forward(tape.Constant(batch.X)), tape.Constant(batch.Y));
            return (value, LossTerms.Of(value.Item(), ("mse", value.Item())));
        });
        var options = new TrainingOptions { Epochs = epochs, Seed = 5, CheckpointPath = checkpoint };
        var trainer = new Trainer<(Tensor<float> X, Tensor<float> Y)>(model, new Source(), null, loss, new Adam<float>(model.Parameters(), 1e-2), options)
        {
            Parallel = communicator.Size > 1 ? new DataParallel<(Tensor<float> X, Tensor<float> Y)>(communicator, new RowSharder()) : null,
        };
        using var stop = new CancellationTokenSource();
        long steps = 0;
        if (stopOnRank1AfterStep is long last && communicator.Rank == 1)
            trainer.Progress = new Callback<TrainingProgress>(_ => { if (++steps == last) stop.Cancel(); });
        var result = trainer.Run(stop.Token, resumeFrom);
        return (result, model.Parameters().SelectMany(p => p.Value.ToArray()).ToArray());
    }
}
