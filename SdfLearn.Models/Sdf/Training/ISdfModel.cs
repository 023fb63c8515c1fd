using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Serialization;

namespace SdfLearn.Sdf.Training;

/// <summary>
/// A model of signed distances that a checkpoint can rebuild: its module (the weights) and its config (kind and
/// hyper-parameters), from which <see cref="SdfModels.Create"/> builds the same architecture again.
/// </summary>
public interface ISdfModel
{
    /// <summary>The module whose parameters are trained and checkpointed.</summary>
    Module<float> Module { get; }

    /// <summary>The kind and hyper-parameters, stored in checkpoints.</summary>
    ModelConfig Config { get; }
}
