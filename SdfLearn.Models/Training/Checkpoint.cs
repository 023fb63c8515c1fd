using System.Globalization;
using System.Text.Json;
using SdfLearn.Core;
using SdfLearn.Models.Optimizers;
using SdfLearn.Models.Serialization;

namespace SdfLearn.Models.Training;

/// <summary>
/// Training checkpoints as one safetensors file: the model's state dict under <c>model.*</c> (PyTorch-style names), the
/// optimiser's state under <c>optimizer.*</c>, and the run's position and history as JSON in the metadata. Files are
/// written to a temporary file and renamed, so a crash never leaves a half-written checkpoint in place.
/// </summary>
public static class Checkpoint
{
    private const string FormatKey = "format";
    private const string FormatValue = "sdflearn-checkpoint/1";
    private const string ModelPrefix = "model.";
    private const string OptimizerPrefix = "optimizer.";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Writes a checkpoint atomically.</summary>
    public static void Save(string path, ITrainableSdfModel model, Optimizer<float> optimizer, TrainingState state, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        var tensors = model.Module.StateDict().Select(e => KeyValuePair.Create(ModelPrefix + e.Key, e.Value))
            .Concat(optimizer.StateDict().Select(e => KeyValuePair.Create(OptimizerPrefix + e.Key, e.Value)));
        var metadata = new Dictionary<string, string>
        {
            [FormatKey] = FormatValue,
            ["kind"] = model.Kind,
            ["latent_size"] = model.LatentSize.ToString(CultureInfo.InvariantCulture),
            ["resolution"] = model.Resolution.ToString(CultureInfo.InvariantCulture),
            ["state"] = JsonSerializer.Serialize(state, Json),
            ["options"] = JsonSerializer.Serialize(options, Json),
        };
        SafeTensorsWriter.Save(path, tensors, metadata);
    }

    /// <summary>
    /// Restores a model (and, when given, an optimiser) from a checkpoint and returns the run's position. Nothing is
    /// copied into the model until all its tensors have been checked against it.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not an SdfLearn checkpoint, or is for another kind or size of model.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static TrainingState Load(string path, ITrainableSdfModel model, Optimizer<float>? optimizer = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var file = SafeTensorsFile.Load(path);
        if (!file.Metadata.TryGetValue(FormatKey, out var format) || format != FormatValue)
            throw new InvalidDataException($"{path} is not an SdfLearn training checkpoint (metadata '{FormatKey}' is not '{FormatValue}'); use LoadModel for a plain state dict.");
        if (file.Metadata.GetValueOrDefault("kind") != model.Kind)
            throw new InvalidDataException($"{path} holds a '{file.Metadata.GetValueOrDefault("kind")}' model, not '{model.Kind}'.");
        var all = file.ReadAll<float>();
        var modelState = WithPrefix(all, ModelPrefix);
        var optimizerState = WithPrefix(all, OptimizerPrefix);
        var state = JsonSerializer.Deserialize<TrainingState>(file.Metadata.GetValueOrDefault("state") ?? "null", Json)
            ?? throw new InvalidDataException($"{path} has no training state in its metadata.");
        try
        {
            model.Module.LoadStateDict(modelState);
            optimizer?.LoadStateDict(optimizerState);
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException)
        {
            throw new InvalidDataException($"{path} does not fit this model: {e.Message}", e);
        }
        return state;
    }

    /// <summary>
    /// Loads only model weights: from an SdfLearn checkpoint, or from any safetensors file holding the model's state dict
    /// under its own names (e.g. written from PyTorch with the names of <c>state_dict()</c>), in F32 or F64.
    /// </summary>
    /// <exception cref="InvalidDataException">The tensors do not fit the model (the message names the first problem).</exception>
    public static void LoadModel(string path, ITrainableSdfModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var file = SafeTensorsFile.Load(path);
        var all = file.ReadAll<float>();
        bool isCheckpoint = file.Metadata.GetValueOrDefault(FormatKey) == FormatValue;
        if (isCheckpoint && file.Metadata.GetValueOrDefault("kind") != model.Kind)
            throw new InvalidDataException($"{path} holds a '{file.Metadata.GetValueOrDefault("kind")}' model, not '{model.Kind}'.");
        try
        {
            model.Module.LoadStateDict(isCheckpoint ? WithPrefix(all, ModelPrefix) : all);
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException)
        {
            throw new InvalidDataException($"{path} does not fit this model: {e.Message}", e);
        }
    }

    /// <summary>Reads a checkpoint's training state without loading any tensors into a model.</summary>
    public static TrainingState ReadState(string path)
    {
        var file = SafeTensorsFile.Load(path);
        return JsonSerializer.Deserialize<TrainingState>(file.Metadata.GetValueOrDefault("state") ?? "null", Json)
            ?? throw new InvalidDataException($"{path} has no training state in its metadata.");
    }

    private static Dictionary<string, Tensor<float>> WithPrefix(Dictionary<string, Tensor<float>> all, string prefix) =>
        all.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))
           .ToDictionary(e => e.Key[prefix.Length..], e => e.Value, StringComparer.Ordinal);
}
