using SdfLearn.Nn.Optimizers;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Training;

namespace SdfLearn.Tests.Sdf.Training;

/// <summary>The field models at test size (S = 16, c = 4, H = 16, L = 3) and a trainer for them.</summary>
internal static class TinyFieldModels
{
    public const int Resolution = 16;

    public static readonly FieldModelConfig Settings = new()
    {
        LatentSize = 3, Resolution = Resolution, Channels = 4, HiddenWidth = 16, PointsPerShape = 24, KlWarmupEpochs = 1,
        UniformFraction = 0.05f, // DeepSDF's share: on discs this small the near-surface points teach fastest
        PriorComponents = 0, // N(0, I), whose closed-form KL the tests check; FittedPriorFieldModelTests covers the default fitted prior
    };

    public static ISdfFieldModel Create(string kind, ulong seed = 5, int shapeCount = 0) =>
        FieldModels.Create(kind, Settings with { ShapeCount = shapeCount }, seed);

    public static Trainer<SdfBatch> Trainer(ISdfFieldModel model, SdfDataset train, SdfDataset? validation, int epochs,
        string? checkpoint = null, double learningRate = 3e-3, IProgress<TrainingProgress>? progress = null)
    {
        var trainer = FieldTrainer.Create(model, train, validation, batchSize: 8, new Adam<float>(model.Module.Parameters(), learningRate),
            new TrainingOptions { Epochs = epochs, Seed = 11, CheckpointPath = checkpoint });
        trainer.Progress = progress;
        return trainer;
    }
}
