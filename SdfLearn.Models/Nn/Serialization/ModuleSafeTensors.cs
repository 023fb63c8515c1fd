using System.Numerics;
using SdfLearn.Nn.Layers;

namespace SdfLearn.Nn.Serialization;

/// <summary>Saves and loads a module's state dict as a safetensors file (names as in PyTorch, so files map across).</summary>
public static class ModuleSafeTensors
{
    /// <summary>Writes the module's parameters to <paramref name="path"/> atomically (see <see cref="SafeTensorsWriter.Save{T}"/>).</summary>
    public static void SaveSafeTensors<T>(this Module<T> module, string path, IReadOnlyDictionary<string, string>? metadata = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        SafeTensorsWriter.Save(path, module.StateDict(), metadata);
    }

    /// <summary>
    /// Loads parameters from a safetensors file (F32 or F64, converted to <typeparamref name="T"/>) with the checks of
    /// <see cref="Module{T}.LoadStateDict"/>; returns the file's metadata.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not valid safetensors, or a tensor holds a NaN or infinite value.</exception>
    public static IReadOnlyDictionary<string, string> LoadSafeTensors<T>(this Module<T> module, string path, bool strict = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        var file = SafeTensorsFile.Load(path);
        module.LoadStateDict(file.Names.ToDictionary(name => name, name => TrainingCheckpoint.ReadFinite<T>(file, name, path), StringComparer.Ordinal), strict);
        return file.Metadata;
    }
}
