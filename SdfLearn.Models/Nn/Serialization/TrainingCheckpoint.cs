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
    /// the metadata. Transactional: every tensor is checked (names, shapes, finite values) before anything is
    /// assigned, and a failure leaves both the model and the optimiser as they were.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not valid safetensors, holds tensors outside the two prefixes or a NaN or infinite value, or lacks the optimiser state asked for.</exception>
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
            if (name.StartsWith(ModelPrefix, StringComparison.Ordinal)) modelState[name[ModelPrefix.Length..]] = ReadFinite<T>(file, name, path);
            else if (name.StartsWith(OptimizerPrefix, StringComparison.Ordinal)) optimizerState[name[OptimizerPrefix.Length..]] = ReadFinite<T>(file, name, path);
            else throw new InvalidDataException($"Checkpoint '{path}': tensor {BoundedText.Quote(name)} is neither '{ModelPrefix}*' nor '{OptimizerPrefix}*'.");
        }
        double learningRate = 0;
        if (optimizer is not null && (optimizerState.Count == 0 || !file.Metadata.TryGetValue(LearningRateKey, out string? rate)
                || !double.TryParse(rate, NumberStyles.Float, CultureInfo.InvariantCulture, out learningRate)))
            throw new InvalidDataException($"Checkpoint '{path}' holds no optimiser state ('{OptimizerPrefix}*' tensors and '{LearningRateKey}') to resume from.");
        if (optimizer is not null && !(double.IsFinite(learningRate) && learningRate >= 0))
            throw new InvalidDataException($"Checkpoint '{path}': the learning rate '{LearningRateKey}' is {learningRate}, not a finite non-negative number.");
        // Each LoadStateDict checks everything before it assigns anything; the model's values are kept so that an
        // optimiser state that does not fit puts them back, and a failed load changes nothing.
        var previous = optimizer is null ? null : model.StateDict();
        model.LoadStateDict(modelState);
        if (optimizer is not null)
        {
            try
            {
                optimizer.LoadStateDict(optimizerState);
            }
            catch
            {
                model.LoadStateDict(previous!);
                throw;
            }
            optimizer.LearningRate = learningRate;
        }
        return file.Metadata;
    }

    /// <summary>Reads tensor <paramref name="name"/>, refusing a NaN or infinite value (a diverged run's weights never resume).</summary>
    /// <exception cref="InvalidDataException">The tensor holds a non-finite value; the message names it.</exception>
    internal static Tensor<T> ReadFinite<T>(SafeTensorsFile file, string name, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tensor = file.Read<T>(name);
        var values = tensor.Span;
        for (int i = 0; i < values.Length; i++)
        {
            if (!T.IsFinite(values[i]))
                throw new InvalidDataException($"'{path}': tensor {BoundedText.Quote(name)} holds {values[i]} at element {i}; weights must be finite.");
        }
        return tensor;
    }
}
