using System.Globalization;
using SdfLearn.Core;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;
using SdfLearn.Sdf.Training;

namespace SdfLearn.Cli.Reports;

/// <summary>
/// How digit-like a model's generated samples are, next to real digits: each source's fields measured against the
/// training digits (<see cref="SampleFidelity"/>) and printed as a table. A sample counts as digit-like when its
/// inside is one piece and overlaps some training digit at least as well as 90% of held-out test digits do.
/// </summary>
public static class SampleFidelityReport
{
    /// <summary>The share of held-out real digits that sets the digit-like threshold (its lower 10% fall below it).</summary>
    public const double RealDigitQuantile = 0.1;

    /// <summary>
    /// Measures the first <paramref name="count"/> test digits, then <paramref name="count"/> samples from the prior (a
    /// VAE) and from the mixture fitted to the training codes; prints the table and returns the figures by JSON name.
    /// </summary>
    public static IReadOnlyList<(string Name, object Value)> Measure(ISdfFieldModel model, SdfDataset train, SdfDataset test, int count, ulong seed)
    {
        var real = SampleFidelity.Measure(test.Slice(0, Math.Min(count, test.Count)).Fields, train.Fields);
        double threshold = real.Quantile(RealDigitQuantile);
        var latents = model.TrainingLatents(train);
        var sources = new List<(string Name, SampleFidelity Fidelity)> { ("test_digits", real) };
        if (model.IsVariational)
            sources.Add(("prior_samples", Fidelity(model, train, seed, count, LatentSampling.Prior, latents)));
        sources.Add(("mixture_samples", Fidelity(model, train, seed, count, LatentSampling.FittedMixture, latents)));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Sample fidelity against the {train.Count:N0} training digits (digit-like: one piece and nearest IoU ≥ {threshold:F3}, which {100 * (1 - RealDigitQuantile):F0}% of real test digits reach):"));
        Console.WriteLine("| fields | count | median nearest IoU | one piece | digit-like |");
        Console.WriteLine("|---|---|---|---|---|");
        var figures = new List<(string, object)> { ("fidelity_threshold", threshold) };
        foreach (var (name, fidelity) in sources)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name.Replace('_', ' ')} | {fidelity.Pieces.Length} | {fidelity.MedianNearestIoU:F3} | {100 * fidelity.OnePieceShare:F1}% | {100 * fidelity.ShareLike(threshold):F1}% |"));
            figures.Add(($"{name}_nearest_iou", fidelity.MedianNearestIoU));
            figures.Add(($"{name}_one_piece", fidelity.OnePieceShare));
            figures.Add(($"{name}_digit_like", fidelity.ShareLike(threshold)));
        }
        return figures;
    }

    private static SampleFidelity Fidelity(ISdfFieldModel model, SdfDataset train, ulong seed, int count, LatentSampling sampling, Tensor<float> latents) =>
        SampleFidelity.Measure(RunFigures.Sample(model, train, seed, count, sampling, Math.Min(LatentMixture.DefaultComponents, train.Count), latents), train.Fields);
}
