using SdfLearn.Core;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Tests.Sdf.Data;

public sealed class SdfCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-cache-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void SecondCallReadsTheSameFieldsFromDiskAndOptionsChangeTheKey()
    {
        var digits = BundledSample.Load().Images.Slice(0, 40);
        var cache = new SdfCache(_folder);
        var options = new SdfOptions { Resolution = 32 };
        var first = cache.GetOrCompute(digits, options, out bool firstHit);
        var second = cache.GetOrCompute(digits, options, out bool secondHit);
        Assert.False(firstHit);
        Assert.True(secondHit);
        Assert.Equal(first, second);
        Assert.Equal(SdfPreprocessor.Transform(digits, options), second);

        cache.GetOrCompute(digits, options with { Truncation = 0.1f }, out bool otherHit);
        Assert.False(otherHit);
        Assert.Equal(2, Directory.GetFiles(_folder).Length); // no temporary files left
    }

    [Fact]
    public void DamagedEntryIsRecomputed()
    {
        var digits = BundledSample.Load().Images.Slice(0, 10);
        var cache = new SdfCache(_folder);
        var options = new SdfOptions { Resolution = 16 };
        var expected = cache.GetOrCompute(digits, options, out _);
        string path = cache.PathFor(digits, options);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..100]);
        var logger = new ListLogger();
        Assert.Equal(expected, cache.GetOrCompute(digits, options, out bool hit, logger));
        Assert.False(hit);
        var (level, message) = Assert.Single(logger.Entries);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, level);
        Assert.Contains(path, message);
    }

    /// <summary>
    /// The case, a NaN written over one value, and a finite change that would train on wrong data silently:
    /// the checksum catches both, the entry is recomputed (and rewritten) and the caller's log hears a warning.
    /// </summary>
    [Theory]
    [InlineData(float.NaN)]
    [InlineData(0.25f)]
    public void ValueChangedInPlaceIsCaughtByTheChecksumAndRecomputed(float written)
    {
        var digits = BundledSample.Load().Images.Slice(0, 10);
        var cache = new SdfCache(_folder);
        var options = new SdfOptions { Resolution = 16 };
        var expected = cache.GetOrCompute(digits, options, out _);
        string path = cache.PathFor(digits, options);
        var bytes = File.ReadAllBytes(path);
        BitConverter.TryWriteBytes(bytes.AsSpan(bytes.Length - 40 * sizeof(float)), written);
        File.WriteAllBytes(path, bytes);

        var logger = new ListLogger();
        Assert.Equal(expected, cache.GetOrCompute(digits, options, out bool hit, logger));
        Assert.False(hit);
        Assert.Contains("checksum", Assert.Single(logger.Messages));
        Assert.Contains(path, logger.Messages.Single());
        Assert.Equal(expected, cache.GetOrCompute(digits, options, out hit, logger));
        Assert.True(hit);
        Assert.Single(logger.Entries);
    }

    [Fact]
    public void ParallelPreprocessingDoesNotDependOnTheThreadCount()
    {
        var digits = BundledSample.Load().Images.Slice(100, 37);
        var options = new SdfOptions { Resolution = 24 };
        int saved = ComputeThreads.MaxThreads;
        try
        {
            ComputeThreads.MaxThreads = 1;
            var serial = SdfPreprocessor.Transform(digits, options);
            ComputeThreads.MaxThreads = 3;
            Assert.Equal(serial, SdfPreprocessor.Transform(digits, options));
            var single = new float[24 * 24];
            new SdfTransform(options).Transform(digits.Image(5), 28, 28, single);
            Assert.Equal(single, serial.AsSpan(5 * 576, 576).ToArray());
        }
        finally
        {
            ComputeThreads.MaxThreads = saved;
        }
    }
}
