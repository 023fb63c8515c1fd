using System.IO.Compression;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Fuzz;

/// <summary>
/// The IDX reader (<see cref="IdxFile"/>) on mutants of a small images file and a labels file, raw or gzip. Gzip cases mutate either the plain file before compressing it (a well-formed stream whose
/// header may lie) or the compressed bytes (whose damage the gzip trailer's CRC-32 must catch).
/// </summary>
public sealed class IdxTarget : ReaderTarget
{
    private const long DecompressionCap = 1L << 30;
    private readonly bool _compressed;
    private readonly (byte[] Plain, byte[] Gzip, byte[] Payload)[] _seeds;
    private readonly Mutator _mutator = new();

    /// <summary>A target over raw (<paramref name="compressed"/> false) or gzip files.</summary>
    public IdxTarget(bool compressed)
    {
        _compressed = compressed;
        var images = SeedImages.Rings(20);
        var labels = Enumerable.Range(0, 60).Select(i => (byte)(i * 7 % 10)).ToArray();
        string folder = Directory.CreateTempSubdirectory("sdflearn-fuzz-").FullName;
        try
        {
            string imagesPath = Path.Combine(folder, "images.idx"), labelsPath = Path.Combine(folder, "labels.idx");
            IdxFile.WriteImages(imagesPath, images);
            IdxFile.WriteLabels(labelsPath, labels);
            _seeds = [Seed(imagesPath, images.Pixels), Seed(labelsPath, labels)];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <inheritdoc />
    public override string Name => _compressed ? "idx-gzip" : "idx-raw";

    /// <inheritdoc />
    public override FuzzCase Next(Random random)
    {
        int seed = random.Next(_seeds.Length);
        var (plain, gzip, payload) = _seeds[seed];
        if (!_compressed)
        {
            var input = _mutator.Mutate(plain, random);
            return new FuzzCase(input, input.Length, null, seed);
        }
        if (random.Next(2) == 0)
        {
            var mutated = _mutator.Mutate(plain, random);
            return new FuzzCase(Compress(mutated), mutated.Length, null, seed);
        }
        var damaged = _mutator.Mutate(gzip, random);
        return new FuzzCase(damaged, DecompressedLength(damaged), payload, seed);
    }

    /// <inheritdoc />
    public override byte[] Read(FuzzCase fuzzCase)
    {
        var stream = new MemoryStream(fuzzCase.Input, writable: false);
        return fuzzCase.Seed == 0 ? IdxFile.ReadImages(stream, "fuzz-images.idx").Pixels : IdxFile.ReadLabels(stream, "fuzz-labels.idx");
    }

    private static (byte[], byte[], byte[]) Seed(string plainPath, byte[] payload)
    {
        var plain = File.ReadAllBytes(plainPath);
        return (plain, Compress(plain), payload);
    }

    private static byte[] Compress(byte[] plain)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(plain);
        return output.ToArray();
    }

    /// <summary>How many bytes the damaged stream inflates to before it ends or fails (capped).</summary>
    private static long DecompressedLength(byte[] input)
    {
        long total = 0;
        var buffer = new byte[1 << 16];
        try
        {
            using var gzip = new GZipStream(new MemoryStream(input), CompressionMode.Decompress);
            int got;
            while (total < DecompressionCap && (got = gzip.Read(buffer)) > 0) total += got;
        }
        catch (InvalidDataException)
        {
            // counted up to the damage
        }
        return total;
    }
}
