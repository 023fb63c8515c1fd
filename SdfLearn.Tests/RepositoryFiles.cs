namespace SdfLearn.Tests;

/// <summary>Finds files committed in the repository (fixtures, scripts) from the test binaries' folder.</summary>
internal static class RepositoryFiles
{
    /// <summary>The full path of <paramref name="relativePath"/> under the repository root (the folder holding SdfLearn.sln).</summary>
    public static string Find(string relativePath)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SdfLearn.sln")))
                return Path.Combine(folder.FullName, relativePath);
        }
        throw new DirectoryNotFoundException($"No SdfLearn.sln above {AppContext.BaseDirectory}; cannot locate {relativePath}.");
    }
}
