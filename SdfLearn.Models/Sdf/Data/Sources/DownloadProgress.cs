namespace SdfLearn.Sdf.Data;

/// <summary>How far a download has got.</summary>
/// <param name="FileName">The file being fetched.</param>
/// <param name="BytesReceived">Bytes received so far.</param>
/// <param name="TotalBytes">Expected size, or null when unknown.</param>
public readonly record struct DownloadProgress(string FileName, long BytesReceived, long? TotalBytes)
{
    /// <summary>A one-line description, e.g. <c>train-images-idx3-ubyte.gz  4.1 / 9.9 MB (41%)</c>.</summary>
    public override string ToString() => TotalBytes is > 0 and { } total
        ? $"{FileName}  {BytesReceived / 1e6:F1} / {total / 1e6:F1} MB ({100.0 * BytesReceived / total:F0}%)"
        : $"{FileName}  {BytesReceived / 1e6:F1} MB";
}
