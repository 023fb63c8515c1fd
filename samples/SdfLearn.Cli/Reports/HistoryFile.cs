using System.Globalization;
using System.Text;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Training;

namespace SdfLearn.Cli.Reports;

/// <summary>Writes the per-epoch losses as CSV.</summary>
public static class HistoryFile
{
    public static void Save(string path, IReadOnlyList<EpochRecord> history)
    {
        var csv = new StringBuilder("epoch,train_loss,train_reconstruction,train_kl,validation_loss,validation_reconstruction,validation_kl,seconds\n");
        foreach (var e in history)
        {
            var v = e.Validation;
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{e.Epoch},{e.Train.Total},{e.Train.Reconstruction},{e.Train.Kl},{v?.Total},{v?.Reconstruction},{v?.Kl},{e.Seconds:F2}"));
        }
        File.WriteAllText(path, csv.ToString());
    }
}
