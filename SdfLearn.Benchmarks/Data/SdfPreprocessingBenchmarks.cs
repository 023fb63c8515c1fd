using BenchmarkDotNet.Attributes;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Benchmarks.Data;

/// <summary>
/// The MNISTSDF preprocessing steps, per digit and for a block of digits: run with
/// <c>dotnet run -c Release --project SdfLearn.Benchmarks -- --filter *SdfPreprocessing*</c>.
/// </summary>
[MemoryDiagnoser]
public class SdfPreprocessingBenchmarks
{
    private IdxImages _digits = null!;
    private BilinearResize _resize = null!;
    private SdfTransform _transform = null!;
    private readonly DistanceTransform _distances = new();
    private bool[] _mask = [];
    private float[] _field = [];
    private int[] _squared = [];
    private SdfDataLoader _loader = null!;

    /// <summary>Side of the fields.</summary>
    [Params(64)]
    public int Resolution { get; set; }

    /// <summary>Loads 1,000 bundled digits and prepares one mask.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _digits = MnistSample.Load(SampleFolder.Path).Images.Slice(0, 1000);
        int size = Resolution * Resolution;
        _resize = new BilinearResize(28, 28, Resolution, Resolution);
        _transform = new SdfTransform(new SdfOptions { Resolution = Resolution });
        _field = new float[size];
        _squared = new int[size];
        _resize.Resize(_digits.Image(0), _field);
        _mask = _field.Select(v => v >= 0.5f).ToArray();
        var data = new SdfDataset(SdfPreprocessor.Transform(_digits, new SdfOptions { Resolution = Resolution }), new byte[1000], Resolution);
        _loader = new SdfDataLoader(data, 64, seed: 1, queryPoints: new QueryPointOptions { PointsPerShape = 512 });
    }

    /// <summary>Bilinear resize of one 28x28 digit.</summary>
    [Benchmark]
    public void Resize() => _resize.Resize(_digits.Image(0), _field);

    /// <summary>One exact distance transform (to the inside pixels).</summary>
    [Benchmark]
    public void DistanceToInside() => _distances.Compute(_mask, true, Resolution, Resolution, _squared);

    /// <summary>One digit to its signed distance field.</summary>
    [Benchmark]
    public void TransformOneDigit() => _transform.Transform(_digits.Image(0), 28, 28, _field);

    /// <summary>1,000 digits in parallel on all cores.</summary>
    [Benchmark]
    public float[] Preprocess1000Digits() => SdfPreprocessor.Transform(_digits, new SdfOptions { Resolution = Resolution });

    /// <summary>One epoch of the loader over 1,000 fields: batches of 64 with 512 near-surface points each.</summary>
    [Benchmark]
    public int LoaderEpoch()
    {
        int batches = 0;
        foreach (var _ in _loader.Epoch()) batches++;
        return batches;
    }
}
