using SdfLearn.Core;
using SdfLearn.Sdf.Data;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Training;
using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Sdf.Evaluation;

/// <summary>
/// The pictures of a trained model, as PNG montages: test digits above their reconstructions, samples from the latent
/// space, and interpolation strips between pairs of test digits.
/// </summary>
public static class RunFigures
{
    /// <summary>Input row above reconstruction row for the first <paramref name="count"/> fields; DeepSDF decoders add a row rendered at <paramref name="highResolution"/>.</summary>
    public static void SaveReconstructions(string path, ISdfFieldModel model, SdfDataset data, int count = 10, int highResolution = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var inputs = data.Slice(0, Math.Min(count, data.Count)).Fields;
        var latents = model.Encode(inputs);
        var captions = Enumerable.Range(0, inputs.Shape[0]).Select(i => $"digit {data.Labels[i]}").ToList();
        var montage = new SdfMontage { Title = $"{model.Config.Kind}: test digits and reconstructions" }
            .AddRow("input", inputs, captions)
            .AddRow($"output {model.Resolution}²", model.Decode(latents, model.Resolution));
        if (model.RendersAnyResolution && highResolution != model.Resolution)
            montage.AddRow($"output {highResolution}²", model.Decode(latents, highResolution));
        montage.SavePng(path);
    }

    /// <summary>
    /// A grid of <paramref name="rows"/> x <paramref name="columns"/> samples, their latents drawn as
    /// <paramref name="sampling"/> says: by default from a VAE's prior (<see cref="ISdfFieldModel.Prior"/>) and from a
    /// Gaussian fitted to the latents of <paramref name="fitData"/> otherwise; <see cref="LatentSampling.FittedMixture"/> fits
    /// <paramref name="components"/> Gaussians to those latents. Returns the sampled fields [rows·columns, 1, S, S].
    /// <paramref name="fitLatents"/> are those latents when the caller already has them (<see cref="ISdfFieldModel.TrainingLatents"/>
    /// of <paramref name="fitData"/>), so that several pictures encode the training fields once.
    /// </summary>
    /// <exception cref="ArgumentException">The prior is asked of a model that has none (a plain autoencoder).</exception>
    public static Tensor<float> SaveSamples(string path, ISdfFieldModel model, SdfDataset fitData, ulong seed, int rows = 4, int columns = 8,
        LatentSampling? sampling = null, int components = LatentMixture.DefaultComponents, Tensor<float>? fitLatents = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var source = sampling ?? (model.IsVariational ? LatentSampling.Prior : LatentSampling.FittedGaussian);
        return SaveSampleGrid(path, model, Sample(model, fitData, seed, rows * columns, source, components, fitLatents), source, components, rows, columns);
    }

    /// <summary>
    /// A grid of the first <paramref name="rows"/> x <paramref name="columns"/> of <paramref name="samples"/>, fields
    /// [N, 1, S, S] that <see cref="Sample"/> drew as <paramref name="source"/> says (with <paramref name="components"/>
    /// Gaussians for a mixture), and returns those fields. A caller that needs more draws of a source than it shows decodes
    /// them once: <see cref="Sample"/>'s first draws are the same for any count.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="samples"/> holds fewer than rows·columns fields of the model's resolution.</exception>
    public static Tensor<float> SaveSampleGrid(string path, ISdfFieldModel model, Tensor<float> samples, LatentSampling source,
        int components = LatentMixture.DefaultComponents, int rows = 4, int columns = 8)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(samples);
        int size = model.Resolution * model.Resolution, shown = rows * columns;
        if (samples.Shape.Rank != 4 || samples.Shape[1] != 1 || samples.Shape[2] != model.Resolution || samples.Shape[3] != model.Resolution || samples.Shape[0] < shown)
            throw new ArgumentException($"A {rows}x{columns} grid needs at least {shown} fields [N, 1, {model.Resolution}, {model.Resolution}]; got {samples.Shape}.", nameof(samples));
        string origin = source switch
        {
            LatentSampling.Prior => model.Settings.PriorComponents > 0
                ? $"the {(model.Settings.FittedPrior ? "fitted" : "learnt")} prior ({model.Settings.PriorComponents} Gaussians)" : "the prior N(0, I)",
            LatentSampling.FittedGaussian => "a Gaussian fitted to training latents",
            _ => $"a mixture of {components} Gaussians fitted to training latents",
        };
        var montage = new SdfMontage { Title = $"{model.Config.Kind}: samples from {origin}" };
        for (int r = 0; r < rows; r++)
        {
            var row = new Tensor<float>(samples.Span.Slice(r * columns * size, columns * size).ToArray(), new Shape(columns, 1, model.Resolution, model.Resolution));
            montage.AddRow($"samples {r * columns + 1}-{(r + 1) * columns}", row);
        }
        montage.SavePng(path);
        return shown == samples.Shape[0] ? samples : new Tensor<float>(samples.Span[..(shown * size)].ToArray(), new Shape(shown, 1, model.Resolution, model.Resolution));
    }

    /// <summary>
    /// <paramref name="count"/> fields decoded from latents drawn as <paramref name="sampling"/> says (see
    /// <see cref="SaveSamples"/>), at the model's resolution: [count, 1, S, S]; the same for the same
    /// <paramref name="seed"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The prior is asked of a model that has none (a plain autoencoder).</exception>
    public static Tensor<float> Sample(ISdfFieldModel model, SdfDataset fitData, ulong seed, int count, LatentSampling sampling,
        int components = LatentMixture.DefaultComponents, Tensor<float>? fitLatents = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(fitData);
        if (sampling == LatentSampling.Prior && model.Prior is null)
            throw new ArgumentException($"A {model.Config.Kind} model has no prior to sample; use {nameof(LatentSampling.FittedGaussian)} or {nameof(LatentSampling.FittedMixture)}.", nameof(sampling));
        ILatentDistribution distribution = sampling switch
        {
            LatentSampling.Prior => model.Prior!,
            LatentSampling.FittedGaussian => LatentGaussian.Fit(fitLatents ?? model.TrainingLatents(fitData)),
            _ => LatentMixture.Fit(fitLatents ?? model.TrainingLatents(fitData), components, seed),
        };
        return model.Decode(distribution.Sample(count, SeededRandom.Derive(seed, 7)), model.Resolution);
    }

    /// <summary>One strip per pair of fields (by index): the endpoints' latents linearly interpolated in <paramref name="steps"/> steps.</summary>
    public static void SaveInterpolations(string path, ISdfFieldModel model, SdfDataset data, IReadOnlyList<(int From, int To)> pairs, int steps = 10)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(pairs);
        var montage = new SdfMontage { Title = $"{model.Config.Kind}: interpolation between test digits" };
        foreach (var (from, to) in pairs)
        {
            if ((uint)from >= (uint)data.Count || (uint)to >= (uint)data.Count)
                throw new ArgumentOutOfRangeException(nameof(pairs), $"Pair ({from}, {to}) is outside the {data.Count} fields.");
            var ends = model.Encode(Stack(data, from, to));
            int d = model.LatentSize;
            var latentPath = LatentPaths.Linear(ends.Span[..d], ends.Span.Slice(d, d), steps);
            var fields = model.Decode(latentPath, model.Resolution);
            var captions = Enumerable.Range(0, steps).Select(s => s == 0 ? $"#{from}" : s == steps - 1 ? $"#{to}" : $"t={s / (double)(steps - 1):0.##}").ToList();
            montage.AddRow($"{data.Labels[from]} → {data.Labels[to]}", fields, captions);
        }
        montage.SavePng(path);
    }

    private static Tensor<float> Stack(SdfDataset data, int first, int second)
    {
        int size = data.Resolution * data.Resolution;
        var stacked = new Tensor<float>(new Shape(2, 1, data.Resolution, data.Resolution));
        data.Field(first).CopyTo(stacked.Span[..size]);
        data.Field(second).CopyTo(stacked.Span.Slice(size, size));
        return stacked;
    }
}
