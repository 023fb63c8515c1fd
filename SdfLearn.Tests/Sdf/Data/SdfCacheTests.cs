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
        var digits = MnistSample.Load().Images.Slice(0, 40);
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
        var digits = MnistSample.Load().Images.Slice(0, 10);
        var cache = new SdfCache(_folder);
        var options = new SdfOptions { Resolution = 16 };
        var expected = cache.GetOrCompute(digits, options, out _);
        string path = cache.PathFor(digits, options);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..100]);
        var log = new List<string>();
        Assert.Equal(expected, cache.GetOrCompute(digits, options, out bool hit, log.Add));
        Assert.False(hit);
        Assert.Contains(path, Assert.Single(log));
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
        var digits = MnistSample.Load().Images.Slice(0, 10);
        var cache = new SdfCache(_folder);
        var options = new SdfOptions { Resolution = 16 };
        var expected = cache.GetOrCompute(digits, options, out _);
        string path = cache.PathFor(digits, options);
        var bytes = File.ReadAllBytes(path);
        BitConverter.TryWriteBytes(bytes.AsSpan(bytes.Length - 40 * sizeof(float)), written);
        File.WriteAllBytes(path, bytes);

        var log = new List<string>();
        Assert.Equal(expected, cache.GetOrCompute(digits, options, out bool hit, log.Add));
        Assert.False(hit);
        Assert.Contains("checksum", Assert.Single(log));
        Assert.Contains(path, log[0]);
        Assert.Equal(expected, cache.GetOrCompute(digits, options, out hit, log.Add));
        Assert.True(hit);
        Assert.Single(log);
    }

    [Fact]
    public void ParallelPreprocessingDoesNotDependOnTheThreadCount()
    {
        var digits = MnistSample.Load().Images.Slice(100, 37);
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
