using System.Globalization;
using System.Text;
using SdfLearn.Nn.Training;

namespace SdfLearn.Cli.Reports;

/// <summary>Writes the per-epoch losses as CSV: the total and every named part, for training and validation.</summary>
public static class HistoryFile
{
    public static void Save(string path, IReadOnlyList<EpochRecord> history)
    {
        var parts = history.SelectMany(e => e.Train.Names).Distinct().ToList();
        var columns = new[] { "loss" }.Concat(parts).ToList();
        var csv = new StringBuilder($"epoch,{string.Join(',', columns.Select(c => $"train_{c}"))},{string.Join(',', columns.Select(c => $"validation_{c}"))},seconds\n");
        foreach (var e in history)
        {
            string Values(LossTerms? terms) => string.Join(',', columns.Select(c =>
                terms is null ? "" : (c == "loss" ? terms.Total : terms[c]).ToString("R", CultureInfo.InvariantCulture)));
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{e.Epoch},{Values(e.Train)},{Values(e.Validation)},{e.Seconds:F2}"));
        }
        File.WriteAllText(path, csv.ToString());
    }
}
