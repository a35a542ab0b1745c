using Qinglang.Labels.IO;
using Qinglang.Labels.Tests.Support;

namespace Qinglang.Labels.Tests.AtomicWrites;

/// <summary>The small-file path of the atomic replace: exact modes through the handle, no leftovers, old or new only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AtomicReplaceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)] // wider than the umask lets a create have
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead)]
    public void LabelingKeepsTheFileModeExactly(UnixFileMode mode)
    {
        var png = Tool.Ffmpeg(_folder.File("a.png"), "-f", "lavfi", "-i", "testsrc=size=32x32", "-frames:v", "1");
        File.SetUnixFileMode(png, mode);

        Conformance.Writer.Write(png, null, new() { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "m1" });
        Assert.Equal(mode, File.GetUnixFileMode(png));
        Assert.Equal("m1", Conformance.Inspector.Inspect(png).Label!.ProduceID);

        var copy = _folder.File("b.png");
        Conformance.Writer.Write(png, copy, new() { ContentPropagator = Conformance.Propagator, PropagateID = "p1" });
        Assert.Equal(mode, File.GetUnixFileMode(copy)); // a new file takes its source's mode
        Assert.Equal(["a.png", "b.png"], Directory.EnumerateFileSystemEntries(_folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ManyReplacesInOneProcessUseFreshTemporaryNames()
    {
        var target = _folder.File("t.bin");
        for (var i = 0; i < 50; i++)
        {
            AtomicFile.Write(target, new byte[] { (byte)i, 1, 2 });
            Assert.Equal(new byte[] { (byte)i, 1, 2 }, File.ReadAllBytes(target));
        }

        Assert.Equal(["t.bin"], Directory.EnumerateFileSystemEntries(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void AReplaceTheKernelRefusesLeavesNoTemporaryFile()
    {
        var target = Directory.CreateDirectory(_folder.File("t.bin")).FullName; // a folder cannot be replaced by a file
        File.WriteAllBytes(Path.Combine(target, "inside"), [1]);

        Assert.ThrowsAny<IOException>(() => AtomicFile.Write(target, new byte[] { 1, 2, 3 }));

        Assert.Equal(["t.bin"], Directory.EnumerateFileSystemEntries(_folder.Path).Select(Path.GetFileName));
        Assert.Equal(new byte[] { 1 }, File.ReadAllBytes(Path.Combine(target, "inside")));
    }

    [Fact]
    public void AFailedWriteLeavesTheOldFileAndNoTemporaryFile()
    {
        var target = _folder.File("keep.bin");
        File.WriteAllBytes(target, [9, 9, 9]);
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(target, _ => throw new InvalidOperationException("boom")));
        Assert.Equal(new byte[] { 9, 9, 9 }, File.ReadAllBytes(target));
        Assert.Equal(["keep.bin"], Directory.EnumerateFileSystemEntries(_folder.Path).Select(Path.GetFileName));
    }
}
