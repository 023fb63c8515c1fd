namespace SdfLearn.Sdf.Data;

/// <summary>Everything <see cref="MnistSdf.Load"/> needs: where the digits come from, how they become fields, where fields are cached.</summary>
public sealed record MnistSdfOptions
{
    /// <summary>Where to find MNIST (folder, cache, download if allowed, sample folder) and whom to tell.</summary>
    public MnistSourceOptions Source { get; init; } = new();

    /// <summary>How digits become signed distance fields (resolution, threshold, scale, truncation).</summary>
    public SdfOptions Sdf { get; init; } = new();

    /// <summary>Folder for preprocessed fields; null = &lt;<see cref="SdfLearnPaths.CacheDirectory"/>&gt;/mnistsdf. Ignored when <see cref="UseCache"/> is false.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Whether preprocessed fields are read from and written to the cache (default true).</summary>
    public bool UseCache { get; init; } = true;
}
