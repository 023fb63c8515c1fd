using SdfLearn.Nn.Serialization;

namespace SdfLearn.Sdf.Training;

/// <summary>A model kind the registry (<see cref="SdfModels"/>) can build from a config: its name and its factory.</summary>
/// <param name="Name">The kind's name, as stored in checkpoints (<see cref="ModelConfig.Kind"/>).</param>
/// <param name="Create">Builds a freshly initialised model from a config of this kind and a seed.</param>
public sealed record SdfModelKind(string Name, Func<ModelConfig, ulong, ISdfModel> Create)
{
    /// <summary>
    /// A kind whose hyper-parameters are a <typeparamref name="TSettings"/> (read from the config's JSON, unknown
    /// names refused) and whose factory takes them with the seed.
    /// </summary>
    public static SdfModelKind Of<TSettings>(string name, Func<TSettings, ulong, ISdfModel> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        return new(name, (config, seed) => create(config.Read<TSettings>($"the config of a '{name}' model"), seed));
    }
}
