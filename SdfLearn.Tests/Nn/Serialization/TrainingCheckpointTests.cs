using SdfLearn.Core.IO;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Nn.Optimizers;
using SdfLearn.Nn.Serialization;
using SdfLearn.Tests.Sdf.Architectures;

namespace SdfLearn.Tests.Nn.Serialization;

public sealed class TrainingCheckpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static DeepSdfDecoder<float> Model(ulong seed) => new(2, new SeededRandom(seed), hiddenWidth: 8, hiddenLayers: 3, skipLayer: 2);

    private static void Train(DeepSdfDecoder<float> model, Optimizer<float> optimizer, int from, int to)
    {
        var tape = new Tape<float>();
        for (int step = from; step < to; step++)
        {
            tape.Reset();
            optimizer.ZeroGrad();
            var queries = SmallModelsInputs(step);
            var loss = Ops.MseLoss(model.Forward(tape.Constant(queries)), tape.Constant(Tensor<float>.Full(0.25f, 6, 1)));
            tape.Backward(loss);
            optimizer.Step();
        }
    }

    private static Tensor<float> SmallModelsInputs(int step) => SmallModels.Uniform<float>((ulong)step + 10, -0.5, 0.5, 6, 4);

    [Fact]
    public void ResumedTraining_MatchesUninterruptedTraining_BitForBit()
    {
        var straight = Model(1);
        Train(straight, new Adam<float>(straight.Parameters(), 0.01), 0, 5);

        var first = Model(1);
        var firstOptimizer = new Adam<float>(first.Parameters(), 0.01);
        Train(first, firstOptimizer, 0, 3);
        string path = Path.Combine(_folder, "step3.safetensors");
        TrainingCheckpoint.Save(path, first, firstOptimizer, new Dictionary<string, string> { ["step"] = "3" });

        var resumed = Model(99);
        var resumedOptimizer = new Adam<float>(resumed.Parameters(), 0.5);
        Assert.Equal("3", TrainingCheckpoint.Load(path, resumed, resumedOptimizer)["step"]);
        Assert.Equal(0.01, resumedOptimizer.LearningRate);
        Train(resumed, resumedOptimizer, 3, 5);

        Assert.All(straight.StateDict().Zip(resumed.StateDict()), pair => Assert.Equal(pair.First.Value.ToArray(), pair.Second.Value.ToArray()));
    }

    [Fact]
    public void Load_WithoutSavedOptimizerState_SaysSo()
    {
        string path = Path.Combine(_folder, "weights.safetensors");
        TrainingCheckpoint.Save(path, Model(1));
        var model = Model(2);
        TrainingCheckpoint.Load(path, model);
        Assert.Equal(Model(1).StateDict()["layers.0.weight"].ToArray(), model.StateDict()["layers.0.weight"].ToArray());
        Assert.Contains("no optimiser state", Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path, model, new Adam<float>(model.Parameters()))).Message);
    }

    [Fact]
    public void Load_IntoADifferentModel_NamesTheTensor()
    {
        string path = Path.Combine(_folder, "weights.safetensors");
        TrainingCheckpoint.Save(path, Model(1));
        var wider = new DeepSdfDecoder<float>(2, new SeededRandom(1), hiddenWidth: 9, hiddenLayers: 3, skipLayer: 2);
        Assert.Contains("'layers.0.weight'", Assert.Throws<ShapeMismatchException>(() => TrainingCheckpoint.Load(path, wider)).Message);
    }

    /// <summary>A NaN in the weights (a diverged run's) is refused, naming the tensor, and nothing is changed.</summary>
    [Fact]
    public void Load_NonFiniteWeight_IsRefusedAndChangesNothing()
    {
        var source = Model(1);
        source.Parameters().First().Value.Span[3] = float.NaN;
        string path = Path.Combine(_folder, "nan.safetensors");
        TrainingCheckpoint.Save(path, source, new Adam<float>(source.Parameters(), 0.01));

        var model = Model(2);
        var before = model.StateDict().Select(e => e.Value.ToArray()).ToList();
        var e = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path, model, new Adam<float>(model.Parameters(), 0.01)));
        Assert.Contains("NaN at element 3", e.Message);
        Assert.Contains("model.", e.Message);
        Assert.Equal(before, model.StateDict().Select(entry => entry.Value.ToArray()).ToList());
        Assert.Throws<InvalidDataException>(() => Model(2).LoadSafeTensors(path, strict: false));
    }

    /// <summary>
    /// A file whose model part fits but whose optimiser state does not (another optimiser's): the load fails and
    /// leaves the model's weights and the optimiser's state as they were.
    /// </summary>
    [Fact]
    public void Load_OptimizerStateThatDoesNotFit_LeavesModelAndOptimizerUnchanged()
    {
        var source = Model(1);
        string path = Path.Combine(_folder, "sgd.safetensors");
        TrainingCheckpoint.Save(path, source, new Sgd<float>(source.Parameters(), 0.1, momentum: 0.9));

        var model = Model(2);
        var optimizer = new Adam<float>(model.Parameters(), 0.01);
        Train(model, optimizer, 0, 2);
        var weights = model.StateDict().Select(e => e.Value.ToArray()).ToList();
        var state = optimizer.StateDict().Select(e => e.Value.ToArray()).ToList();
        Assert.ThrowsAny<Exception>(() => TrainingCheckpoint.Load(path, model, optimizer));
        Assert.Equal(weights, model.StateDict().Select(e => e.Value.ToArray()).ToList());
        Assert.Equal(state, optimizer.StateDict().Select(e => e.Value.ToArray()).ToList());
        Assert.Equal(0.01, optimizer.LearningRate);
    }

    [Fact]
    public void RemoveStaleTemporaries_DeletesOnlyTheCheckpointsOwn()
    {
        string path = Path.Combine(_folder, "run.checkpoint.safetensors");
        string stale = Path.Combine(_folder, $".run.checkpoint.safetensors.{Guid.NewGuid():N}.tmp");
        string other = Path.Combine(_folder, $".other.safetensors.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(stale, "half a checkpoint");
        File.WriteAllText(other, "another run's");
        TrainingCheckpoint.Save(path, Model(1));
        Assert.Equal(1, AtomicFile.RemoveStaleTemporaries(path));
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(other));
        Assert.True(File.Exists(path));
    }

    /// <summary>Training state in the metadata that no run can have is refused with what is wrong, before any tensor is loaded.</summary>
    [Theory]
    [InlineData(-1, 0, "epoch -1")]
    [InlineData(0, -5, "batch -5")]
    [InlineData(2, 0, "0 completed epochs in the history at epoch 2")]
    public void Checkpoint_ImpossibleTrainingState_IsRefused(int epoch, int batch, string expected)
    {
        var model = Model(1);
        var optimizer = new Adam<float>(model.Parameters(), 0.01);
        string path = Path.Combine(_folder, "state.safetensors");
        SdfLearn.Nn.Training.Checkpoint.Save(path, model, optimizer,
            new SdfLearn.Nn.Training.TrainingState(epoch, batch, 0, SdfLearn.Nn.Training.LossTerms.Zero, 0, []), null);
        var e = Assert.Throws<InvalidDataException>(() => SdfLearn.Nn.Training.Checkpoint.Load(path, Model(2), new Adam<float>(Model(2).Parameters(), 0.01)));
        Assert.Contains(expected, e.Message);
    }
}
