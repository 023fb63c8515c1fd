using System.Runtime.InteropServices;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Fuzz;

/// <summary>
/// The SDF cache's entry reader on mutants of a real entry (5 digits at 16x16). Every byte of an entry is covered
/// by its length, magic, key, count or checksum, so a reader that accepts a mutant must return the original fields.
/// </summary>
public sealed class SdfCacheTarget : ReaderTarget
{
    private readonly byte[] _entry;
    private readonly byte[] _fields;
    private readonly byte[] _key;
    private readonly long _values;
    private readonly Mutator _mutator = new();

    /// <summary>Computes the seed entry in a temporary folder.</summary>
    public SdfCacheTarget()
    {
        var images = SeedImages.Rings(5);
        var options = new SdfOptions { Resolution = 16 };
        string folder = Directory.CreateTempSubdirectory("sdflearn-fuzz-").FullName;
        try
        {
            var cache = new SdfCache(folder);
            _fields = MemoryMarshal.AsBytes(cache.GetOrCompute(images, options, out _).AsSpan()).ToArray();
            _entry = File.ReadAllBytes(cache.PathFor(images, options));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        _key = SdfCache.Key(images, options);
        _values = _fields.Length / sizeof(float);
    }

    /// <inheritdoc />
    public override string Name => "sdf-cache";

    /// <inheritdoc />
    public override FuzzCase Next(Random random)
    {
        var input = _mutator.Mutate(_entry, random);
        return new FuzzCase(input, input.Length, _fields, 0);
    }

    /// <inheritdoc />
    public override byte[] Read(FuzzCase fuzzCase) =>
        MemoryMarshal.AsBytes(SdfCache.ReadEntry(new MemoryStream(fuzzCase.Input, writable: false), "fuzz.bin", _key, _values).AsSpan()).ToArray();
}
