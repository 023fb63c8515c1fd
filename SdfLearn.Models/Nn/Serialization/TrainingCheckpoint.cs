using System.Globalization;
using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Optimizers;

namespace SdfLearn.Nn.Serialization;

/// <summary>
/// A model and (optionally) its optimiser in one safetensors file, so training resumes exactly where it stopped:
/// the model's state dict under <c>model.</c>, the optimiser's under <c>optimizer.</c>, its learning rate exactly
/// (round-trip decimal) in the metadata key <c>optimizer.lr</c>, plus the caller's free-form metadata (epoch, seed,
/// options...). The file is written atomically.
/// </summary>
public static class TrainingCheckpoint
{
    /// <summary>Prefix of the model's tensors.</summary>
    public const string ModelPrefix = "model.";

    /// <summary>Prefix of the optimiser's tensors.</summary>
    public const string OptimizerPrefix = "optimizer.";

    /// <summary>The metadata key of the optimiser's learning rate.</summary>
    public const string LearningRateKey = "optimizer.lr";

    /// <summary>Saves the model's parameters and, if given, the optimiser's state and learning rate.</summary>
    /// <exception cref="ArgumentException">The metadata uses the reserved key <c>optimizer.lr</c>.</exception>
    public static void Save<T>(string path, Module<T> model, Optimizer<T>? optimizer = null, IReadOnlyDictionary<string, string>? metadata = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var allMetadata = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var tensors = model.StateDict().Select(e => KeyValuePair.Create(ModelPrefix + e.Key, e.Value));
        if (optimizer is not null)
        {
            if (!allMetadata.TryAdd(LearningRateKey, optimizer.LearningRate.ToString("R", CultureInfo.InvariantCulture)))
                throw new ArgumentException($"Metadata key '{LearningRateKey}' is reserved for the optimiser's learning rate.", nameof(metadata));
            tensors = tensors.Concat(optimizer.StateDict().Select(e => KeyValuePair.Create(OptimizerPrefix + e.Key, e.Value)));
        }
        SafeTensorsWriter.Save(path, tensors, allMetadata);
    }

    /// <summary>
    /// Loads the model's parameters (strictly: every name must match) and, if given, the optimiser's state; returns
    /// the metadata. Nothing is changed unless the whole model state is valid.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not valid safetensors, holds tensors outside the two prefixes, or lacks the optimiser state asked for.</exception>
    /// <exception cref="KeyNotFoundException">A parameter or optimiser tensor is missing.</exception>
    /// <exception cref="ShapeMismatchException">A parameter's shape differs.</exception>
    public static IReadOnlyDictionary<string, string> Load<T>(string path, Module<T> model, Optimizer<T>? optimizer = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var file = SafeTensorsFile.Load(path);
        var modelState = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        var optimizerState = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        foreach (string name in file.Names)
        {
            if (name.StartsWith(ModelPrefix, StringComparison.Ordinal)) modelState[name[ModelPrefix.Length..]] = file.Read<T>(name);
            else if (name.StartsWith(OptimizerPrefix, StringComparison.Ordinal)) optimizerState[name[OptimizerPrefix.Length..]] = file.Read<T>(name);
            else throw new InvalidDataException($"Checkpoint '{path}': tensor '{name}' is neither '{ModelPrefix}*' nor '{OptimizerPrefix}*'.");
        }
        double learningRate = 0;
        if (optimizer is not null && (optimizerState.Count == 0 || !file.Metadata.TryGetValue(LearningRateKey, out string? rate)
                || !double.TryParse(rate, NumberStyles.Float, CultureInfo.InvariantCulture, out learningRate)))
            throw new InvalidDataException($"Checkpoint '{path}' holds no optimiser state ('{OptimizerPrefix}*' tensors and '{LearningRateKey}') to resume from.");
        model.LoadStateDict(modelState);
        if (optimizer is not null)
        {
            optimizer.LoadStateDict(optimizerState);
            optimizer.LearningRate = learningRate;
        }
        return file.Metadata;
    }
}
