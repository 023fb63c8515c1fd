using SdfLearn.Sdf.Data;

namespace SdfLearn.Cli.Reports;

/// <summary>Shows download progress as one line on standard error, redrawn in place, ended when a file completes.</summary>
public sealed class DownloadProgressLine : IProgress<DownloadProgress>
{
    public void Report(DownloadProgress value)
    {
        bool done = value.TotalBytes is { } total && value.BytesReceived >= total;
        Console.Error.Write($"\rdownloading {value}   {(done ? Environment.NewLine : "")}");
    }
}
