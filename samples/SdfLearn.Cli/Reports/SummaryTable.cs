using System.Globalization;
using System.Text;

namespace SdfLearn.Cli.Reports;

/// <summary>A markdown table comparing runs.</summary>
public static class SummaryTable
{
    public static string Markdown(IEnumerable<RunMetrics> runs)
    {
        var table = new StringBuilder();
        table.AppendLine("| model | latent | epochs | test MSE | test IoU | mean KL | reconstruction range | sample range | data range | s/epoch |");
        table.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in runs)
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Model} | {r.LatentSize} | {r.Epochs} | {r.TestMse:G4} | {r.TestIou:F4} | {r.MeanKl:F2} | [{r.ReconstructionMin:F3}, {r.ReconstructionMax:F3}] | [{r.SampleMin:F3}, {r.SampleMax:F3}] | [{r.DataMin:F3}, {r.DataMax:F3}] | {r.SecondsPerEpoch:F1} |"));
        return table.ToString();
    }
}
