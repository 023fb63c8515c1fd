using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Training;

namespace SdfLearn.Cli.Experiments;

/// <summary>Loads the trained model of a run folder (model.json + checkpoint.safetensors).</summary>
public static class RunFolder
{
    public static (ModelSpec Spec, ITrainableSdfModel Model) Load(string folder)
    {
        var spec = ModelSpec.Load(folder);
        var model = spec.Create(seed: 0);
        string checkpoint = Path.Combine(folder, "checkpoint.safetensors");
        if (!File.Exists(checkpoint))
            throw new FileNotFoundException($"No checkpoint.safetensors in {folder}: train first with 'sdflearn train --out {folder}'.", checkpoint);
        Checkpoint.LoadModel(checkpoint, model);
        return (spec, model);
    }
}
