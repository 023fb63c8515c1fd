using SdfLearn.Nn.Training;

namespace SdfLearn.Cli.Reports;

/// <summary>Loss curves (training and validation, with the named parts of the training loss) as a PNG, with ScottPlot.</summary>
public static class LossCurvePlot
{
    public static void Save(string path, IReadOnlyList<EpochRecord> history, string title)
    {
        if (history.Count == 0) return;
        var plot = new ScottPlot.Plot();
        double[] epochs = history.Select(e => (double)e.Epoch).ToArray();
        Add(plot, epochs, history.Select(e => e.Train.Total), "train loss");
        if (history.All(e => e.Validation is not null))
            Add(plot, epochs, history.Select(e => e.Validation!.Total), "validation loss");
        foreach (string part in history[0].Train.Names)
            Add(plot, epochs, history.Select(e => e.Train[part]), $"train {part}");
        plot.Title($"{title}: loss per epoch");
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(Math.Max(1, Math.Ceiling(history.Count / 10.0)));
        plot.ShowLegend(ScottPlot.Alignment.UpperRight); // losses fall, so the upper right is usually empty
        string temporary = path + ".tmp.png";
        plot.SavePng(temporary, 900, 540);
        File.Move(temporary, path, overwrite: true);
    }

    private static void Add(ScottPlot.Plot plot, double[] xs, IEnumerable<double> ys, string label)
    {
        var line = plot.Add.Scatter(xs, ys.ToArray());
        line.LegendText = label;
    }
}
