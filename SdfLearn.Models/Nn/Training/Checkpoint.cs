using System.Text.Json;
using System.Text.Json.Serialization;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Optimizers;
using SdfLearn.Nn.Serialization;

namespace SdfLearn.Nn.Training;

/// <summary>
/// Trainer checkpoints: a <see cref="TrainingCheckpoint"/> file (model under <c>model.*</c> with PyTorch-style names,
/// optimiser under <c>optimizer.*</c>, written atomically) whose metadata also records the model's config
/// (<see cref="ModelConfig"/>) and the run's position and history, so a run can resume exactly, a checkpoint rebuilds
/// its model, and it is never loaded into the wrong one.
/// </summary>
public static class Checkpoint
{
    private const string FormatKey = "format";
    private const string FormatValue = "sdflearn-checkpoint/1";
    private const string StateKey = "state";

    // Named literals, so a NaN validation loss in the history can still be written (and read back).
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Writes a checkpoint atomically; <paramref name="optimizer"/> and <paramref name="state"/> may be null for weights only.</summary>
    public static void Save(string path, Module<float> model, Optimizer<float>? optimizer, TrainingState? state, ModelConfig? config)
    {
        ArgumentNullException.ThrowIfNull(model);
        var metadata = new Dictionary<string, string> { [FormatKey] = FormatValue };
        if (state is not null) metadata[StateKey] = JsonSerializer.Serialize(state, Json);
        config?.AddTo(metadata);
        TrainingCheckpoint.Save(path, model, optimizer, metadata);
    }

    /// <summary>
    /// Restores a model and optimiser from a checkpoint and returns the run's position. When both the file and
    /// <paramref name="expected"/> carry a config they must be equal; nothing is copied into the model until all its
    /// tensors have been checked against it.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not an SdfLearn checkpoint, holds no training state, or is for another model (the message names both).</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static TrainingState Load(string path, Module<float> model, Optimizer<float> optimizer, ModelConfig? expected = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var metadata = SafeTensorsFile.Load(path).Metadata;
        if (metadata.GetValueOrDefault(FormatKey) != FormatValue)
            throw new InvalidDataException($"{path} is not an SdfLearn training checkpoint (metadata '{FormatKey}' is not '{FormatValue}'); use LoadModel for a plain state dict.");
        CheckConfig(path, ModelConfig.From(metadata), expected);
        var state = State(path, metadata);
        Fit(path, () => TrainingCheckpoint.Load(path, model, optimizer));
        return state;
    }

    /// <summary>
    /// Loads only model weights: from an SdfLearn checkpoint, or from any safetensors file holding the model's state dict
    /// under its own names (e.g. written from PyTorch with the names of <c>state_dict()</c>), in F32 or F64.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is for another model, or its tensors do not fit (the message names the first problem).</exception>
    public static void LoadModel(string path, Module<float> model, ModelConfig? expected = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var metadata = SafeTensorsFile.Load(path).Metadata;
        if (metadata.GetValueOrDefault(FormatKey) == FormatValue)
        {
            CheckConfig(path, ModelConfig.From(metadata), expected);
            Fit(path, () => TrainingCheckpoint.Load(path, model));
        }
        else Fit(path, () => model.LoadSafeTensors(path));
    }

    /// <summary>Reads a checkpoint's training state without loading any tensors into a model.</summary>
    /// <exception cref="InvalidDataException">The file holds no training state.</exception>
    public static TrainingState ReadState(string path) => State(path, SafeTensorsFile.Load(path).Metadata);

    /// <summary>The model config stored in a file, or null when it has none (e.g. a plain state dict).</summary>
    public static ModelConfig? ReadConfig(string path) => ModelConfig.From(SafeTensorsFile.Load(path).Metadata);

    private static TrainingState State(string path, IReadOnlyDictionary<string, string> metadata)
    {
        TrainingState state;
        try
        {
            state = JsonSerializer.Deserialize<TrainingState>(metadata.GetValueOrDefault(StateKey) ?? "null", Json)
                ?? throw new InvalidDataException($"{path} has no training state in its metadata: it holds weights only, so it cannot be resumed.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: the training state in its metadata does not parse: {e.Message}", e);
        }
        if (Problem(state) is { } problem)
            throw new InvalidDataException($"{path}: the training state in its metadata is impossible: {problem}.");
        return state;
    }

    /// <summary>What is wrong with a deserialised state (JSON can omit fields or give any numbers), or null.</summary>
    private static string? Problem(TrainingState state) => state switch
    {
        { Epoch: < 0 } => $"epoch {state.Epoch}",
        { Batch: < 0 } => $"batch {state.Batch}",
        { Step: < 0 } => $"step {state.Step}",
        { EpochSums: null } => "no epoch sums",
        { History: null } => "no history",
        _ when !(double.IsFinite(state.EpochSeconds) && state.EpochSeconds >= 0) => $"{state.EpochSeconds} seconds spent in the epoch",
        _ when state.History.Count != state.Epoch => $"{state.History.Count} completed epochs in the history at epoch {state.Epoch}",
        _ when state.History.Any(record => record is null) => "an empty history entry",
        _ => null,
    };

    private static void CheckConfig(string path, ModelConfig? stored, ModelConfig? expected)
    {
        if (stored is null || expected is null || stored == expected) return;
        throw new InvalidDataException(stored.Kind != expected.Kind
            ? $"{path} holds a '{stored.Kind}' model, not '{expected.Kind}'."
            : $"{path} holds a '{stored.Kind}' model configured as {stored.Json}, not as {expected.Json}.");
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
