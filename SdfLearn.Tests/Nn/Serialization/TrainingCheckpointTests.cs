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
}
