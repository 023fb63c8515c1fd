using SdfLearn.Nn.Training;
using Spectre.Console;

namespace SdfLearn.Cli.Reports;

/// <summary>
/// Runs a <see cref="Trainer{TBatch}"/> under a progress bar showing the epoch, loss parts and time left; or, while
/// other models train in the same console (<c>label</c> given), with one line per epoch tagged with the label.
/// </summary>
public static class ProgressDisplay
{
    public static TrainingResult Train<TBatch>(Trainer<TBatch> trainer, int epochs, string? resumeFrom, CancellationToken cancellation, string? label = null)
    {
        if (label is not null)
        {
            trainer.EpochCompleted = new Synchronous<EpochRecord>(e => AnsiConsole.MarkupLineInterpolated($"{label} {EpochLine(e)}"));
            return trainer.Run(cancellation, resumeFrom);
        }
        TrainingResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("starting", maxValue: epochs);
                trainer.Progress = new Synchronous<TrainingProgress>(p =>
                {
                    task.Value = p.Epoch - 1 + (double)p.Batch / p.BatchesPerEpoch;
                    task.Description = Markup.Escape($"epoch {p.Epoch}/{p.Epochs} batch {p.Batch}/{p.BatchesPerEpoch}  loss {p.Running}  eta {p.Remaining:hh\\:mm\\:ss}");
                });
                trainer.EpochCompleted = new Synchronous<EpochRecord>(e => AnsiConsole.MarkupLineInterpolated($"{EpochLine(e)}"));
                result = trainer.Run(cancellation, resumeFrom);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static string EpochLine(EpochRecord e) =>
        $"epoch {e.Epoch}: train loss {e.Train}; validation {(e.Validation is { } v ? $"loss {v}" : "skipped")} ({e.Seconds:F1} s)";

    /// <summary>An IProgress that reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Synchronous<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
