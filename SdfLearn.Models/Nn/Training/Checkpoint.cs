using System.Globalization;
using System.Text.Json;
using SdfLearn.Core;
using SdfLearn.Nn.Optimizers;
using SdfLearn.Nn.Serialization;

using SdfLearn.Sdf.Training;

namespace SdfLearn.Nn.Training;

/// <summary>
/// Trainer checkpoints: a <see cref="TrainingCheckpoint"/> file (model under <c>model.*</c> with PyTorch-style names,
/// optimiser under <c>optimizer.*</c>, written atomically) whose metadata also records the model kind and size and
/// the run's position and history, so a run can resume exactly and a checkpoint is never loaded into the wrong model.
/// </summary>
public static class Checkpoint
{
    private const string FormatKey = "format";
    private const string FormatValue = "sdflearn-checkpoint/1";
    private static readonly JsonSerializerOptions Json = new();

    /// <summary>Writes a checkpoint atomically.</summary>
    public static void Save(string path, ITrainableSdfModel model, Optimizer<float> optimizer, TrainingState state, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        var metadata = new Dictionary<string, string>
        {
            [FormatKey] = FormatValue,
            ["kind"] = model.Kind,
            ["latent_size"] = model.LatentSize.ToString(CultureInfo.InvariantCulture),
            ["resolution"] = model.Resolution.ToString(CultureInfo.InvariantCulture),
            ["state"] = JsonSerializer.Serialize(state, Json),
            ["options"] = JsonSerializer.Serialize(options, Json),
        };
        TrainingCheckpoint.Save(path, model.Module, optimizer, metadata);
    }

    /// <summary>
    /// Restores a model and optimiser from a checkpoint and returns the run's position. The file's kind is checked
    /// first, and nothing is copied into the model until all its tensors have been checked against it.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not an SdfLearn checkpoint, or is for another kind or size of model.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static TrainingState Load(string path, ITrainableSdfModel model, Optimizer<float> optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        var metadata = SafeTensorsFile.Load(path).Metadata;
        if (metadata.GetValueOrDefault(FormatKey) != FormatValue)
            throw new InvalidDataException($"{path} is not an SdfLearn training checkpoint (metadata '{FormatKey}' is not '{FormatValue}'); use LoadModel for a plain state dict.");
        CheckKind(path, metadata, model);
        Fit(path, () => TrainingCheckpoint.Load(path, model.Module, optimizer));
        return State(path, metadata);
    }

    /// <summary>
    /// Loads only model weights: from an SdfLearn checkpoint, or from any safetensors file holding the model's state dict
    /// under its own names (e.g. written from PyTorch with the names of <c>state_dict()</c>), in F32 or F64.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is for another kind of model, or its tensors do not fit (the message names the first problem).</exception>
    public static void LoadModel(string path, ITrainableSdfModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var metadata = SafeTensorsFile.Load(path).Metadata;
        if (metadata.GetValueOrDefault(FormatKey) == FormatValue)
        {
            CheckKind(path, metadata, model);
            Fit(path, () => TrainingCheckpoint.Load(path, model.Module));
        }
        else Fit(path, () => model.Module.LoadSafeTensors(path));
    }

    /// <summary>Reads a checkpoint's training state without loading any tensors into a model.</summary>
    public static TrainingState ReadState(string path) => State(path, SafeTensorsFile.Load(path).Metadata);

    private static TrainingState State(string path, IReadOnlyDictionary<string, string> metadata) =>
        JsonSerializer.Deserialize<TrainingState>(metadata.GetValueOrDefault("state") ?? "null", Json)
            ?? throw new InvalidDataException($"{path} has no training state in its metadata.");

    private static void CheckKind(string path, IReadOnlyDictionary<string, string> metadata, ITrainableSdfModel model)
    {
        if (metadata.GetValueOrDefault("kind") != model.Kind)
            throw new InvalidDataException($"{path} holds a '{metadata.GetValueOrDefault("kind")}' model, not '{model.Kind}'.");
    }

    private static void Fit(string path, Action load)
    {
        try
        {
            load();
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException)
        {
            throw new InvalidDataException($"{path} does not fit this model: {e.Message}", e);
        }
    }
}
