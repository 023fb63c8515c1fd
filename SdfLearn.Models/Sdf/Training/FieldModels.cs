using SdfLearn.Nn.Serialization;

namespace SdfLearn.Sdf.Training;

/// <summary>The registered models of S×S fields: their kind names, building one, and loading one from a checkpoint.</summary>
public static class FieldModels
{
    /// <summary>Every field-model kind: Part I's two VAEs, Part II's autoencoder, and DeepSDF's auto-decoder.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
        [VaeFieldModel.Kind.Name, DeepSdfVaeFieldModel.Kind.Name, DeepSdfAutoencoderFieldModel.Kind.Name, AutoDecoderFieldModel.Kind.Name];

    /// <summary>The models of the main experiment: Part I's two VAEs and Part II's autoencoder.</summary>
    public static IReadOnlyList<string> MainKinds { get; } = Kinds.Take(3).ToArray();

    /// <summary>A fresh model of kind <paramref name="kind"/> with <paramref name="settings"/>, initialised from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">The kind is unknown or not a field model.</exception>
    public static ISdfFieldModel Create(string kind, FieldModelConfig settings, ulong seed) =>
        SdfModels.Create(ModelConfig.Of(kind, settings), seed) as ISdfFieldModel
            ?? throw new ArgumentException($"'{kind}' is not a model of fields; expected one of: {string.Join(", ", Kinds)}.", nameof(kind));

    /// <summary>The field model stored in a checkpoint (see <see cref="SdfModels.Load(string)"/>).</summary>
    /// <exception cref="InvalidDataException">The file does not hold a field model (the message names the file and why).</exception>
    public static ISdfFieldModel Load(string path) => SdfModels.Load<ISdfFieldModel>(path);

    /// <summary>The settings for a training set of <paramref name="trainCount"/> fields: an auto-decoder holds a code for each.</summary>
    public static FieldModelConfig SizedFor(string kind, FieldModelConfig settings, int trainCount)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return kind == AutoDecoderFieldModel.Kind.Name ? settings with { ShapeCount = trainCount } : settings;
    }
}
