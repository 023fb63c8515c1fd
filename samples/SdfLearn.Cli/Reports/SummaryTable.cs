using System.Globalization;
using System.Text;

namespace SdfLearn.Cli.Reports;

/// <summary>A markdown table comparing runs.</summary>
public static class SummaryTable
{
    public static string Markdown(IEnumerable<RunMetrics> runs)
    {
        var table = new StringBuilder();
        table.AppendLine("| model | latent | epochs (evaluated) | test MSE | test IoU | mean KL | reconstruction values | sample values | fitted-Gaussian sample values | mixture sample values | digit-like: prior / mixture / real digits | data values | s/epoch |");
        table.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in runs)
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Model} | {r.LatentSize} | {r.Epochs} ({r.SelectedEpoch}) | {r.TestMse:G4} | {r.TestIou:F4} | {r.MeanKl:F2} | {r.Reconstructions} | {r.Samples} | {(r.FittedSamples is { } fitted ? fitted.ToString() : "(the samples)")} | {r.MixtureSamples?.ToString() ?? "-"} | {DigitLike(r.SampleFidelity)} | {r.Data} | {r.SecondsPerEpoch:F1} |"));
        return table.ToString();
    }

    /// <summary>"p% / m% / r%" of the digit-like shares (prior, mixture, real test digits); "-" for a run without them.</summary>
    private static string DigitLike(SampleFidelityReport? fidelity) => fidelity is null ? "-" : string.Create(CultureInfo.InvariantCulture,
        $"{(fidelity.Prior is { } prior ? $"{100 * prior.DigitLike:F0}%" : "-")} / {100 * fidelity.Mixture.DigitLike:F0}% / {100 * fidelity.TestDigits.DigitLike:F0}%");

    /// <summary>Each run's reconstructions and samples, linked relative to the summary beside the run folders.</summary>
    public static string Pictures(IEnumerable<RunMetrics> runs)
    {
        var pictures = new StringBuilder();
        foreach (var r in runs)
        {
            string folder = $"{r.Model}-L{r.LatentSize}";
            pictures.AppendLine(CultureInfo.InvariantCulture, $"## {r.Model} (epoch {r.SelectedEpoch} of {r.Epochs})\n");
            pictures.AppendLine(CultureInfo.InvariantCulture, $"Reconstructions (inputs above outputs):\n\n![{r.Model} reconstructions]({folder}/reconstructions.png)\n");
            pictures.AppendLine(CultureInfo.InvariantCulture, $"Samples:\n\n![{r.Model} samples]({folder}/samples.png)\n");
            if (r.FittedSamples is not null)
                pictures.AppendLine(CultureInfo.InvariantCulture, $"Samples from a Gaussian fitted to the training codes:\n\n![{r.Model} fitted samples]({folder}/samples-fitted.png)\n");
            if (r.MixtureSamples is not null)
                pictures.AppendLine(CultureInfo.InvariantCulture, $"Samples from a mixture of Gaussians fitted to the training codes:\n\n![{r.Model} mixture samples]({folder}/samples-mixture.png)\n");
        }
        return pictures.ToString();
    }
}
