using SdfLearn.Core.IO;

namespace SdfLearn.Tests.Core.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-atomic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Write_ReplacesTheFileWhole()
    {
        string path = Path.Combine(_folder, "sub", "a.bin");
        AtomicFile.Write(path, stream => stream.Write([1, 2, 3]));
        AtomicFile.Write(path, stream => stream.Write([4, 5]));
        Assert.Equal(new byte[] { 4, 5 }, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(Path.Combine(_folder, "sub")));
    }

    [Fact]
    public void Write_ThatFails_LeavesTheOldFileAndNoTemporary()
    {
        string path = Path.Combine(_folder, "a.bin");
        File.WriteAllBytes(path, [7]);
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write([1, 2, 3]);
            throw new InvalidOperationException("writer failed");
        }));
        Assert.Equal(new byte[] { 7 }, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_folder));
    }
}
