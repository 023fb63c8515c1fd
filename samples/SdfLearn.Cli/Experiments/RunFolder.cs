using SdfLearn.Sdf.Training;

namespace SdfLearn.Cli.Experiments;

/// <summary>The trained model of a run folder, rebuilt from its checkpoint alone (the config travels in the file).</summary>
public static class RunFolder
{
    /// <summary>The checkpoint file of a run folder.</summary>
    public static string Checkpoint(string folder) => Path.Combine(folder, "checkpoint.safetensors");

    /// <summary>Refuses to start a new run where one already is (it would be overwritten); <paramref name="howToContinue"/> says how to resume it.</summary>
    /// <exception cref="ArgumentException">The folder holds a checkpoint.</exception>
    public static void RefuseExisting(string folder, string howToContinue)
    {
        if (File.Exists(Checkpoint(folder)))
            throw new ArgumentException($"{folder} already holds a run (checkpoint.safetensors): {howToContinue}, or choose another folder with --out.");
    }

    /// <summary>The weights of the epoch with the lowest validation loss, which the run evaluates when present.</summary>
    public static string Best(string folder) => Path.Combine(folder, "best.safetensors");

    /// <summary>The run's evaluated model: the best epoch's weights if the run kept them, else the last checkpoint's.</summary>
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
        return FieldModels.Load(File.Exists(Best(folder)) ? Best(folder) : checkpoint);
    }
}
