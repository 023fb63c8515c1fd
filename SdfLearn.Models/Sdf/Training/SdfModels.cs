using System.Collections.Concurrent;
using SdfLearn.Nn.Serialization;
using SdfLearn.Nn.Training;

namespace SdfLearn.Sdf.Training;

/// <summary>
/// The model registry: turns a config, or any checkpoint SdfLearn wrote, into a ready model. The library's kinds are
/// registered here; an application adds its own with <see cref="Register"/> (one line per kind).
/// </summary>
public static class SdfModels
{
    private static readonly ConcurrentDictionary<string, SdfModelKind> Registered = new(StringComparer.Ordinal);

    static SdfModels()
    {
        Register(VaeFieldModel.Kind);
        Register(DeepSdfVaeFieldModel.Kind);
        Register(DeepSdfAutoencoderFieldModel.Kind);
        Register(AutoDecoderFieldModel.Kind);
    }

    /// <summary>The registered kind names, sorted.</summary>
    public static IReadOnlyList<string> Kinds => Registered.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Adds a kind; registering the same kind again does nothing.</summary>
    /// <exception cref="ArgumentException">Another kind of the same name is registered.</exception>
    public static void Register(SdfModelKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind.Name);
        if (Registered.GetOrAdd(kind.Name, kind) != kind)
            throw new ArgumentException($"A model kind named '{kind.Name}' is already registered.", nameof(kind));
    }

    /// <summary>A freshly initialised model of the config's kind and hyper-parameters.</summary>
    /// <exception cref="ArgumentException">The kind is not registered (the message lists those that are).</exception>
    /// <exception cref="InvalidDataException">The hyper-parameters do not parse for this kind.</exception>
    public static ISdfModel Create(ModelConfig config, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!Registered.TryGetValue(config.Kind, out var kind))
            throw new ArgumentException($"Unknown model kind '{config.Kind}'; the registered kinds are: {string.Join(", ", Kinds)}.", nameof(config));
        return kind.Create(config, seed);
    }

    /// <summary>
    /// The model stored in an SdfLearn checkpoint (a trainer's or <see cref="Save"/>'s), rebuilt from the config in its
    /// metadata, with its weights.
    /// </summary>
    /// <exception cref="InvalidDataException">The file carries no config, names an unknown kind, has a config that does not parse, or weights that do not fit it; the message names the file.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static ISdfModel Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"There is no checkpoint at {path}.", path);
        var config = Checkpoint.ReadConfig(path)
            ?? throw new InvalidDataException(
                $"{path} carries no model config (metadata '{ModelConfig.KindKey}'): it is a plain state dict or an older checkpoint. " +
                "Build the model with SdfModels.Create and load the weights with Checkpoint.LoadModel.");
        ISdfModel model;
        try
        {
            model = Create(config);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        Checkpoint.LoadModel(path, model.Module, config);
        return model;
    }

    /// <summary>The model stored in a checkpoint, which must be a <typeparamref name="TModel"/>.</summary>
    /// <exception cref="InvalidDataException">As <see cref="Load(string)"/>, or the model is of another type (the message names its kind).</exception>
    public static TModel Load<TModel>(string path) where TModel : ISdfModel =>
        Load(path) is TModel model ? model
            : throw new InvalidDataException($"{path} holds a '{Checkpoint.ReadConfig(path)!.Kind}' model, which is not a {typeof(TModel).Name}.");

    /// <summary>Writes the model's weights and config (no optimiser) atomically, for <see cref="Load(string)"/>.</summary>
    public static void Save(string path, ISdfModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Checkpoint.Save(path, model.Module, optimizer: null, state: null, model.Config);
    }
}
