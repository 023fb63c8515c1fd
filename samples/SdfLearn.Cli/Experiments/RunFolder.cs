using SdfLearn.Sdf.Training;

namespace SdfLearn.Cli.Experiments;

/// <summary>The trained model of a run folder, rebuilt from its checkpoint alone (the config travels in the file).</summary>
public static class RunFolder
{
    /// <summary>The checkpoint file of a run folder.</summary>
    public static string Checkpoint(string folder) => Path.Combine(folder, "checkpoint.safetensors");

    /// <exception cref="DirectoryNotFoundException">There is no such folder.</exception>
    /// <exception cref="FileNotFoundException">The folder holds no checkpoint.</exception>
    /// <exception cref="InvalidDataException">The checkpoint does not hold a field model (the message says why).</exception>
    public static ISdfFieldModel Load(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"There is no run folder '{folder}': train one first with 'sdflearn train --out {folder}'.");
        string checkpoint = Checkpoint(folder);
        if (!File.Exists(checkpoint))
            throw new FileNotFoundException($"No checkpoint.safetensors in {folder}: train first with 'sdflearn train --out {folder}'.", checkpoint);
        return FieldModels.Load(checkpoint);
    }
}
