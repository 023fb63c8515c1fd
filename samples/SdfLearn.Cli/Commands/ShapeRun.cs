using System.Numerics;
using System.Text.Json;
using SdfLearn.Nn.Serialization;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Geometry;
using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Cli.Commands;

/// <summary>A train-shapes run folder: shapes.json (what was trained, how) and checkpoint.safetensors; and its pictures.</summary>
public sealed record ShapeRun(IReadOnlyList<string> Names, ShapeCollectionFitOptions Options)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string ConfigPath(string folder) => Path.Combine(folder, "shapes.json");

    public static string WeightsPath(string folder) => Path.Combine(folder, "checkpoint.safetensors");

    public void Save(string folder, DeepSdfAutoDecoder<float> model)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(ConfigPath(folder), JsonSerializer.Serialize(this, Json));
        model.SaveSafeTensors(WeightsPath(folder));
    }

    public static (ShapeRun Run, DeepSdfAutoDecoder<float> Model) Load(string folder)
    {
        if (!File.Exists(ConfigPath(folder))) throw new ArgumentException($"{folder} is not a train-shapes run: {ConfigPath(folder)} is missing.");
        var run = JsonSerializer.Deserialize<ShapeRun>(File.ReadAllText(ConfigPath(folder)), Json)
            ?? throw new InvalidDataException($"{ConfigPath(folder)} is empty.");
        var model = ShapeCollectionFitter.CreateModel(run.Names.Count, run.Options);
        model.LoadSafeTensors(WeightsPath(folder));
        return (run, model);
    }

    /// <summary>One picture per code, laid out <paramref name="columns"/> a row.</summary>
    public static RgbImage Pictures(DeepSdfDecoder<float> decoder, IEnumerable<float[]> codes, int columns, int size)
    {
        var options = new SphereTracingOptions { Width = size, Height = size };
        var camera = Camera.Orbit(Vector3.Zero, 1f, 35f, 20f);
        var tiles = codes.Select(code => SphereTracer.Render(DecoderField.Of(decoder, code), MeshFit.UnitCube, camera, options, DecoderField.GradientOf(decoder, code))).ToList();
        return PictureGrid.Compose(tiles, columns);
    }

    /// <summary>The strip from shape <paramref name="from"/> to shape <paramref name="to"/> through <paramref name="frames"/> evenly spaced codes.</summary>
    public static RgbImage Interpolation(DeepSdfAutoDecoder<float> model, int from, int to, int frames, int size)
    {
        int count = model.ShapeCount, l = model.LatentSize;
        if ((uint)from >= (uint)count || (uint)to >= (uint)count) throw new ArgumentException($"--from and --to must be shape indices in [0, {count - 1}].");
        if (frames < 2) throw new ArgumentException($"--frames must be at least 2; got {frames}.");
        var latents = model.Latents.Value.Span;
        float[] a = latents.Slice(from * l, l).ToArray(), b = latents.Slice(to * l, l).ToArray();
        var codes = Enumerable.Range(0, frames).Select(k =>
        {
            float t = (float)k / (frames - 1);
            return a.Select((value, i) => value + t * (b[i] - value)).ToArray();
        });
        return Pictures(model.Decoder, codes, frames, size);
    }
}
