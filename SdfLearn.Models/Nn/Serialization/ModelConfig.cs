using System.Text.Json;
using System.Text.Json.Serialization;

namespace SdfLearn.Nn.Serialization;

/// <summary>
/// What a checkpoint needs to rebuild its model: a kind name and the kind's hyper-parameters as JSON, stored in the
/// safetensors metadata (keys <c>model.kind</c> and <c>model.config</c>) beside the weights.
/// </summary>
/// <param name="Kind">A short, stable name of the model kind (e.g. <c>vae</c>).</param>
/// <param name="Json">The hyper-parameters as a JSON object.</param>
public sealed record ModelConfig(string Kind, string Json)
{
    /// <summary>The metadata key of the kind.</summary>
    public const string KindKey = "model.kind";

    /// <summary>The metadata key of the hyper-parameters.</summary>
    public const string ConfigKey = "model.config";

    /// <summary>How configs are written and read: camel-case names, enums by name, unknown names refused.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The config of kind <paramref name="kind"/> with the hyper-parameters <paramref name="settings"/>.</summary>
    public static ModelConfig Of<TSettings>(string kind, TSettings settings) => new(kind, JsonSerializer.Serialize(settings, JsonOptions));

    /// <summary>The hyper-parameters as <typeparamref name="TSettings"/>.</summary>
    /// <exception cref="InvalidDataException">The JSON does not describe a <typeparamref name="TSettings"/>; the message names <paramref name="source"/>.</exception>
    public TSettings Read<TSettings>(string source)
    {
        try
        {
            return JsonSerializer.Deserialize<TSettings>(Json, JsonOptions)
                ?? throw new InvalidDataException($"{source}: the '{Kind}' model config is empty (null).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: the '{Kind}' model config does not parse: {e.Message}", e);
        }
    }

    /// <summary>Adds the two metadata entries to <paramref name="metadata"/>.</summary>
    public void AddTo(IDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        metadata[KindKey] = Kind;
        metadata[ConfigKey] = Json;
    }

    /// <summary>The config stored in <paramref name="metadata"/>, or null when there is none.</summary>
    public static ModelConfig? From(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.TryGetValue(KindKey, out string? kind) && metadata.TryGetValue(ConfigKey, out string? json) ? new(kind, json) : null;
    }
}
