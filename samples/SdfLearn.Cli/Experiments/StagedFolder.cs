using IOPath = System.IO.Path;

namespace SdfLearn.Cli.Experiments;

/// <summary>
/// An output folder written whole or not at all: files go to a hidden staging folder beside it
/// (<c>.name.partial-GUID</c>), which <see cref="Commit"/> renames into place (or, when the folder already exists, whose
/// files it moves over the folder's); disposed without a commit, the staging folder is deleted, so a failure or an
/// interruption never leaves a partial output under the real name.
/// </summary>
public sealed class StagedFolder : IDisposable
{
    private readonly string _target;
    private bool _committed;

    /// <summary>Creates the staging folder for <paramref name="folder"/> (its parent is created if needed).</summary>
    public StagedFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        _target = Path.GetFullPath(folder);
        string trimmed = _target.TrimEnd(IOPath.DirectorySeparatorChar);
        Staging = IOPath.Combine(IOPath.GetDirectoryName(trimmed)!, $".{IOPath.GetFileName(trimmed)}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Staging);
    }

    /// <summary>The staging folder, where the output is written.</summary>
    public string Staging { get; }

    /// <summary>The path of <paramref name="name"/> in the staging folder.</summary>
    public string File(string name) => IOPath.Combine(Staging, name);

    /// <summary>Moves the staged files to the folder: one rename when it does not exist yet, else file by file, replacing files of the same name.</summary>
    public void Commit()
    {
        if (!Directory.Exists(_target))
            Directory.Move(Staging, _target);
        else
        {
            foreach (string file in Directory.EnumerateFiles(Staging))
                System.IO.File.Move(file, IOPath.Combine(_target, IOPath.GetFileName(file)), overwrite: true);
            Directory.Delete(Staging);
        }
        _committed = true;
    }

    /// <summary>Deletes the staging folder unless it was committed.</summary>
    public void Dispose()
    {
        if (!_committed && Directory.Exists(Staging)) Directory.Delete(Staging, recursive: true);
    }
}
