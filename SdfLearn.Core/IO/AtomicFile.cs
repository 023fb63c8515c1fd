namespace SdfLearn.Core.IO;

/// <summary>
/// Writes a file whole or not at all: the content goes to a hidden temporary beside the destination
/// (<c>.name.GUID.tmp</c>), which is flushed and renamed over the destination only when writing succeeded, so a crash
/// or an exception never leaves a partial file under the real name.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Creates <paramref name="path"/>'s folder if needed, lets <paramref name="write"/> fill a temporary, and moves it
    /// over <paramref name="path"/> (replacing any file there). On failure the temporary is deleted and the destination
    /// is left as it was.
    /// </summary>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, TemporaryName(fullPath, Guid.NewGuid().ToString("N")));
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>
    /// Deletes the temporaries that <see cref="Write"/> calls for <paramref name="path"/> left behind when the process was
    /// killed mid-write; returns how many.
    /// </summary>
    public static int RemoveStaleTemporaries(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(folder)) return 0;
        int removed = 0;
        foreach (string stale in Directory.EnumerateFiles(folder, TemporaryName(fullPath, "*")))
        {
            File.Delete(stale);
            removed++;
        }
        return removed;
    }

    /// <summary>The name of a temporary for <paramref name="fullPath"/>: hidden, beside it, unique by <paramref name="id"/>.</summary>
    private static string TemporaryName(string fullPath, string id) => $".{Path.GetFileName(fullPath)}.{id}.tmp";
}
