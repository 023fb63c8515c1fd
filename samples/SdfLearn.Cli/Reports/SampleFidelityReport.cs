using System.Globalization;
using System.Text.Json.Serialization;
using SdfLearn.Core;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;
using SdfLearn.Sdf.Training;

namespace SdfLearn.Cli.Reports;

/// <summary>How digit-like one source of fields is (<see cref="SampleFidelity"/>).</summary>
/// <param name="DigitLike">Share of fields in one piece whose nearest training digit's IoU reaches the threshold.</param>
/// <param name="OnePiece">Share of fields whose inside is one piece.</param>
/// <param name="MedianNearestIoU">Median over fields of the IoU with the nearest training digit.</param>
public sealed record SourceFidelity(double DigitLike, double OnePiece,
    [property: JsonPropertyName("median_nearest_iou")] double MedianNearestIoU); // snake case alone would write "median_nearest_io_u"

/// <summary>
/// How digit-like a model's generated samples are, next to real digits, each measured against the training digits.
/// A field counts as digit-like when its inside is one piece and overlaps some training digit at least as well as 90%
/// of held-out real test digits do (<see cref="Threshold"/>).
/// </summary>
/// <param name="Count">Fields per source.</param>
/// <param name="Threshold">The nearest-IoU threshold: the real test digits' 10% quantile.</param>
/// <param name="TestDigits">Held-out real digits, the reference.</param>
/// <param name="Prior">Decodes of prior draws (a VAE), or null (an autoencoder has no prior).</param>
/// <param name="Mixture">Decodes of draws from the mixture fitted to the training codes.</param>
public sealed record SampleFidelityReport(int Count, double Threshold, SourceFidelity TestDigits, SourceFidelity? Prior, SourceFidelity Mixture)
{
    /// <summary>The share of held-out real digits below the threshold.</summary>
    public const double RealDigitQuantile = 0.1;

    /// <summary>
    /// Measures the first <paramref name="count"/> test digits, then <paramref name="count"/> samples from the prior (a
    /// VAE) and from the mixture fitted to <paramref name="trainingLatents"/>, the codes of <paramref name="train"/>.
    /// </summary>
    public static SampleFidelityReport Measure(ISdfFieldModel model, SdfDataset train, SdfDataset test, int count, ulong seed, Tensor<float> trainingLatents)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        Tensor<float> Draw(LatentSampling sampling) =>
            RunFigures.Sample(model, train, seed, count, sampling, Math.Min(LatentMixture.DefaultComponents, train.Count), trainingLatents);
        return Measure(train, test, model.IsVariational ? Draw(LatentSampling.Prior) : null, Draw(LatentSampling.FittedMixture));
    }

    /// <summary>
    /// Measures decoded samples a caller already drew (<see cref="RunFigures.Sample"/>): <paramref name="priorSamples"/>
    /// (a VAE's; null for an autoencoder) and <paramref name="mixtureSamples"/>, and as many test digits as there are mixture samples.
    /// </summary>
    public static SampleFidelityReport Measure(SdfDataset train, SdfDataset test, Tensor<float>? priorSamples, Tensor<float> mixtureSamples)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(mixtureSamples);
        int count = mixtureSamples.Shape[0];
        var real = SampleFidelity.Measure(test.Slice(0, Math.Min(count, test.Count)).Fields, train.Fields);
        double threshold = real.Quantile(RealDigitQuantile);
        SourceFidelity Of(Tensor<float> fields)
        {
            var f = SampleFidelity.Measure(fields, train.Fields);
            return new(f.ShareLike(threshold), f.OnePieceShare, f.MedianNearestIoU);
        }
        var testDigits = new SourceFidelity(real.ShareLike(threshold), real.OnePieceShare, real.MedianNearestIoU);
        return new SampleFidelityReport(count, threshold, testDigits, priorSamples is null ? null : Of(priorSamples), Of(mixtureSamples));
    }

    /// <summary>A Markdown table: one row per source (count, median nearest IoU, one piece, digit-like), after a line saying what the columns mean.</summary>
    public string Markdown(int trainCount)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Sample fidelity against the {trainCount:N0} training digits (digit-like: one piece and nearest IoU ≥ {Threshold:F3}, which {100 * (1 - RealDigitQuantile):F0}% of real test digits reach):");
        text.AppendLine("| fields | count | median nearest IoU | one piece | digit-like |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var (name, source) in new[] { ("test digits", TestDigits), ("prior samples", Prior), ("mixture samples", Mixture) })
            if (source is not null)
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {name} | {Count} | {source.MedianNearestIoU:F3} | {100 * source.OnePiece:F1}% | {100 * source.DigitLike:F1}% |");
        return text.ToString();
    }
}
