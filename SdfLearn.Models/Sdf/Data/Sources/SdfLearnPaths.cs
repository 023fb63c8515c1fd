namespace SdfLearn.Sdf.Data;

/// <summary>Where SdfLearn keeps downloaded and preprocessed data.</summary>
public static class SdfLearnPaths
{
    /// <summary>Environment variable that overrides <see cref="CacheDirectory"/>.</summary>
    public const string CacheVariable = "SDFLEARN_CACHE_DIR";

    /// <summary>
    /// The user's cache folder for SdfLearn: $SDFLEARN_CACHE_DIR if set, else $XDG_CACHE_HOME/sdflearn or
    /// ~/.cache/sdflearn on Linux and macOS, %LOCALAPPDATA%\sdflearn on Windows.
    /// </summary>
    public static string CacheDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable(CacheVariable) is { Length: > 0 } overridden) return overridden;
            if (OperatingSystem.IsWindows())
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "sdflearn");
            string xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") ?? "";
            string root = xdg.Length > 0 ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "sdflearn");
        }
    }
}
