using Microsoft.Extensions.Logging;

namespace SdfLearn.Sdf.Data;

/// <summary>
/// The MNISTSDF data set in one call: finds MNIST (<see cref="MnistSource"/>), turns every digit into a signed
/// distance field (<see cref="SdfTransform"/>, in parallel) and caches the fields on disk keyed by the digits and
/// the options, so a second run loads them at once.
/// </summary>
/// <example>
/// <code>
/// var data = MnistSdf.Load(new MnistSdfOptions          // 64x64 fields, the docs/reference.md convention
/// {
///     Source = new MnistSourceOptions { Directory = "/data/mnist", Logger = logger },
/// });
/// var loader = new SdfDataLoader(data.Train, batchSize: 64, seed: 1);
/// </code>
/// </example>
public static class MnistSdf
{
    /// <summary>Loads (or computes and caches) the fields of every split.</summary>
    /// <exception cref="InvalidDataException">A data file that was found is corrupt.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static MnistSdfData Load(MnistSdfOptions? options = null)
    {
        options ??= new MnistSdfOptions();
        options.Sdf.Validate();
        var digits = MnistSource.Load(options.Source);
        var cache = options.UseCache
            ? new SdfCache(options.CacheDirectory ?? Path.Combine(SdfLearnPaths.CacheDirectory, "mnistsdf"))
            : null;
        var logger = options.Source.Logger;
        return new MnistSdfData(
            Fields(digits.Train, options.Sdf, cache, logger),
            Fields(digits.Validation, options.Sdf, cache, logger),
            digits.Test is null ? null : Fields(digits.Test, options.Sdf, cache, logger),
            digits);
    }

    /// <summary>The fields of <paramref name="digits"/>, through <paramref name="cache"/> when given; <paramref name="logger"/> hears what was done (and a warning when a damaged cache entry is recomputed).</summary>
    public static SdfDataset Fields(DigitSet digits, SdfOptions options, SdfCache? cache = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(digits);
        ArgumentNullException.ThrowIfNull(options);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        bool fromCache = false;
        var fields = cache is null
            ? SdfPreprocessor.Transform(digits.Images, options)
            : cache.GetOrCompute(digits.Images, options, out fromCache, logger);
        logger?.LogInformation("{Action} {Count:N0} fields of {Rows}x{Columns} in {Seconds:F2} s{Where}.", fromCache ? "Loaded" : "Computed",
            digits.Count, options.Resolution, options.Resolution, watch.Elapsed.TotalSeconds, fromCache ? " from " + cache!.Directory : "");
        return new SdfDataset(fields, digits.Labels, options.Resolution);
    }
}
