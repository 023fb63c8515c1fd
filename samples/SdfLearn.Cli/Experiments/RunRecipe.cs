using SdfLearn.Core.IO;
using System.Text.Json;

namespace SdfLearn.Cli.Experiments;

/// <summary>
/// The training recipe a run folder's run follows (<c>recipe.json</c>, beside the checkpoint that carries the model's
/// config), so <c>train --resume</c> continues it with its own options and refuses changed ones.
/// </summary>
/// <param name="Settings">The run's training options (its output folder and resume source are not part of the recipe).</param>
/// <param name="TrainCount">How many training fields the run trains on.</param>
/// <param name="TestCount">How many test fields the run is evaluated on.</param>
public sealed record RunRecipe(RunSettings Settings, int TrainCount, int TestCount)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The recipe file of a run folder.</summary>
    public static string PathIn(string folder) => Path.Combine(folder, "recipe.json");

    /// <summary>Writes the recipe into <paramref name="folder"/> atomically (a temporary renamed over the old file).</summary>
    public void Save(string folder) => AtomicFile.Write(PathIn(folder),
        stream => JsonSerializer.Serialize(stream, this with { Settings = Settings with { ResumeFrom = null, InitialWeights = null } }, Json));

    /// <summary>The recipe of the run in <paramref name="folder"/>.</summary>
    /// <exception cref="InvalidDataException">The folder has no recipe, or it does not parse (the message says how to go on).</exception>
    public static RunRecipe Load(string folder)
    {
        string path = PathIn(folder);
        if (!File.Exists(path))
            throw new InvalidDataException($"--resume: {folder} has no recipe.json (the run predates recorded recipes), so its options cannot be checked: start a new run with another --out.");
        try
        {
            return JsonSerializer.Deserialize<RunRecipe>(File.ReadAllText(path))
                ?? throw new InvalidDataException($"--resume: {path} holds no recipe.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"--resume: {path} does not parse: {e.Message}", e);
        }
    }
}
