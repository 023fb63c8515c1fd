using System.Globalization;
using System.Text;

namespace SdfLearn.Cli.Reports;

/// <summary>A markdown table comparing runs.</summary>
public static class SummaryTable
{
    public static string Markdown(IEnumerable<RunMetrics> runs)
    {
        var table = new StringBuilder();
        table.AppendLine("| model | latent | epochs | test MSE | test IoU | mean KL | reconstruction values | sample values | data values | s/epoch |");
        table.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in runs)
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Model} | {r.LatentSize} | {r.Epochs} | {r.TestMse:G4} | {r.TestIou:F4} | {r.MeanKl:F2} | {r.Reconstructions} | {r.Samples} | {r.Data} | {r.SecondsPerEpoch:F1} |"));
        return table.ToString();
    }
}
