using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Core.Distributed;
using SdfLearn.Nn.Distributed;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Optimizers;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace SdfLearn.Tests.Nn.Distributed;

/// <summary>
/// A small MLP regression trained with a plain loop (tape, mean-squared-error loss, Adam) where each rank takes its
/// shard of every global batch and the gradients meet in <see cref="GradientAllReduce"/>: the run the MPI tests make
/// under <c>mpirun</c> and, for reference, in one process.
/// </summary>
internal static class ShardedTraining
{
    public const int GlobalBatch = 32;
    private const int Inputs = 3, Hidden = 32;
    private const ulong Seed = 7;

    /// <summary>
    /// Trains for <paramref name="steps"/> steps and returns every weight, in parameter order. Each rank starts from
    /// weights drawn with its own seed and takes rank 0's by broadcast. With <paramref name="accumulatedShards"/> above
    /// one (in one process), each global batch is cut into that many shards, each shard's gradient is computed alone
    /// and the gradients are added up weighted by their shares: the arithmetic of as many ranks, done in sequence.
    /// </summary>
    public static float[] Train(ICommunicator communicator, int steps, int accumulatedShards = 1)
    {
        var model = Model(communicator.Rank);
        var parameters = model.Parameters().ToList();
        var optimizer = new Adam<float>(parameters, learningRate: 1e-2);
        var exchange = new GradientAllReduce(communicator, parameters);
        exchange.BroadcastValues();
        var tape = new Tape<float>();
        for (int step = 0; step < steps; step++)
        {
            var (inputs, targets) = GlobalBatchAt(step);
            var shard = BatchShard.Of(GlobalBatch, communicator.Rank, communicator.Size);
            var sums = parameters.Select(p => new float[p.Value.Length]).ToArray();
            for (int part = 0; part < accumulatedShards; part++)
            {
                var piece = BatchShard.Of(shard.Count, part, accumulatedShards);
                int first = shard.Start + piece.Start;
                optimizer.ZeroGrad();
                tape.Reset();
                var x = tape.Constant(Rows(inputs, Inputs, first, piece.Count));
                var loss = Ops.MseLoss(model.Forward(x), tape.Constant(Rows(targets, 1, first, piece.Count)));
                tape.Backward(loss);
                if (accumulatedShards == 1) break;
                for (int i = 0; i < parameters.Count; i++)
                    TensorPrimitives.MultiplyAdd(parameters[i].Grad.Span, (float)piece.Share, sums[i], sums[i]);
            }
            if (accumulatedShards > 1)
                for (int i = 0; i < parameters.Count; i++) sums[i].CopyTo(parameters[i].Grad.Span);
            exchange.Reduce(shard.Share);
            optimizer.Step();
        }
        return parameters.SelectMany(p => p.Value.ToArray()).ToArray();
    }

    /// <summary>The MLP, with weights drawn from a seed that differs per rank (rank 0's are the reference).</summary>
    public static Sequential<float> Model(int rank)
    {
        var random = new SeededRandom(Seed + (ulong)rank);
        return new Sequential<float>(new Linear<float>(Inputs, Hidden, random), new Tanh<float>(), new Linear<float>(Hidden, 1, random));
    }

    /// <summary>The global batch of a step: points in [-1, 1)^3 and a smooth target of them.</summary>
    public static (float[] Inputs, float[] Targets) GlobalBatchAt(int step)
    {
        var random = SeededRandom.Derive(Seed, (ulong)step);
        var inputs = new float[GlobalBatch * Inputs];
        random.FillUniform(inputs.AsSpan(), -1f, 1f);
        var targets = new float[GlobalBatch];
        for (int i = 0; i < GlobalBatch; i++)
            targets[i] = MathF.Sin(2 * inputs[i * Inputs]) * inputs[i * Inputs + 1] + 0.5f * inputs[i * Inputs + 2];
        return (inputs, targets);
    }

    public static Tensor<float> Rows(float[] values, int width, int first, int count) =>
        Tensor<float>.FromValues(values.AsSpan(first * width, count * width), count, width);
}
