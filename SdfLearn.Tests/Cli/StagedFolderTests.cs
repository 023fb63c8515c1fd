using SdfLearn.Cli.Experiments;

namespace SdfLearn.Tests.Cli;

/// <summary>Output folders appear whole or not at all; each test works in a temporary folder of its own.</summary>
public sealed class StagedFolderTests
{
    private static void InTemporaryFolder(Action<string> test)
    {
        string folder = Directory.CreateTempSubdirectory("sdflearn-staged-").FullName;
        try
        {
            test(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void WithoutCommit_NothingIsLeft() => InTemporaryFolder(folder =>
    {
        using (var staged = new StagedFolder(Path.Combine(folder, "out")))
            File.WriteAllText(staged.File("metrics.json"), "{}"); // then, say, the next picture fails
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    });

    [Fact]
    public void Commit_RenamesANewFolder_OrReplacesTheFilesOfAnExistingOne() => InTemporaryFolder(folder =>
    {
        string output = Path.Combine(folder, "out");
        using (var staged = new StagedFolder(output))
        {
            File.WriteAllText(staged.File("a.txt"), "first");
            staged.Commit();
        }
        File.WriteAllText(Path.Combine(output, "kept.txt"), "mine");
        using (var staged = new StagedFolder(output + Path.DirectorySeparatorChar))
        {
            Assert.False(File.Exists(Path.Combine(output, "b.txt")));
            File.WriteAllText(staged.File("a.txt"), "second");
            File.WriteAllText(staged.File("b.txt"), "new");
            staged.Commit();
        }
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
        Assert.Equal("second", File.ReadAllText(Path.Combine(output, "a.txt")));
        Assert.Equal("new", File.ReadAllText(Path.Combine(output, "b.txt")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "kept.txt")));
    });
}
