namespace SdfLearn.Sdf.Data;

/// <summary>A file could not be fetched from any mirror, or what arrived failed verification.</summary>
public sealed class DownloadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DownloadException(string message, Exception? inner = null) : base(message, inner)
    {
    }

    /// <summary>True when every failure was a network failure (no connection, DNS, timeout), i.e. probably offline.</summary>
    public bool IsNetworkFailure { get; init; }
}
