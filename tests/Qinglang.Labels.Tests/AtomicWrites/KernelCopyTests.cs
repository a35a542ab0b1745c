using Qinglang.Labels.IO;
using Qinglang.Labels.Tests.Support;

namespace Qinglang.Labels.Tests.AtomicWrites;

/// <summary>
/// The kernel copy splits its calls (a short first one up to an aligned boundary, chunks with write-out started as it
/// goes): whatever the offsets, every byte lands where a plain copy would put it, and the streams' positions follow.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KernelCopyTests : IDisposable
{
    private const int SourceLength = 12 << 20;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<long, long, bool> Offsets() => new()
    {
        { 0, 0, false },
        { 36, 36, false },          // moov last: the media stays put, unaligned
        { 550_042, 554_138, false }, // moov first, shifted by a whole block
        { 550_042, 550_303, false }, // shifted by a few bytes
        { 4_096, 69_632, true },
        { 550_042, 554_138, true },  // a replacement: write-out started per chunk
        { 123, 7, true },
    };

    [Theory]
    [MemberData(nameof(Offsets))]
    public void EveryByteLandsWhereAPlainCopyPutsIt(long from, long to, bool writeBack)
    {
        var bytes = new byte[SourceLength];
        new Random(42).NextBytes(bytes);
        var sourcePath = _folder.File("source.bin");
        File.WriteAllBytes(sourcePath, bytes);
        var count = SourceLength - from - 1000; // stop short of the end: the copy must not run on

        var targetPath = _folder.File("target.bin");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, BufferSize = 1 << 16 };
        using (var source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess))
        using (var target = writeBack ? new WritebackFileStream(targetPath, options) : new FileStream(targetPath, options))
        {
            target.Write(new byte[to]); // buffered bytes ahead of the copy must be flushed first
            source.Position = from;
            Assert.Equal(count, KernelCopy.TryCopy(source, target, count));
            Assert.Equal(from + count, source.Position);
            Assert.Equal(to + count, target.Position);
            Assert.Equal(to + count, target.Length);
            target.Write([1, 2, 3]); // and writing on continues right after the copy
        }

        var written = File.ReadAllBytes(targetPath);
        Assert.Equal(to + count + 3, written.Length);
        Assert.True(written.AsSpan((int)to, (int)count).SequenceEqual(bytes.AsSpan((int)from, (int)count)));
        Assert.Equal(new byte[] { 1, 2, 3 }, written[^3..]);
    }

    [Fact]
    public void SmallRangesAreLeftToTheBufferedCopy()
    {
        var sourcePath = _folder.File("small.bin");
        File.WriteAllBytes(sourcePath, new byte[KernelCopy.MinimumBytes]);
        using var source = File.OpenRead(sourcePath);
        using var target = File.Create(_folder.File("small-copy.bin"));
        Assert.Equal(0, KernelCopy.TryCopy(source, target, KernelCopy.MinimumBytes - 1));
        Assert.Equal(0, source.Position);
    }

    [Fact]
    public void AFailedLargeReplaceLeavesTheOldFileAndNoTemporaryFile()
    {
        var old = new byte[SourceLength];
        new Random(7).NextBytes(old);
        var target = _folder.File("keep.bin");
        File.WriteAllBytes(target, old);
        var sourcePath = _folder.File("source.bin");
        File.WriteAllBytes(sourcePath, new byte[SourceLength]);

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(target, temp =>
        {
            Assert.IsType<WritebackFileStream>(temp); // replacing an existing file: write-out starts during the copy
            using var source = File.OpenRead(sourcePath);
            source.CopyRange(temp, SourceLength - 1);
            throw new InvalidOperationException("the label did not read back");
        }));

        Assert.Equal(old, File.ReadAllBytes(target));
        Assert.Empty(_folder.Leftovers("keep.bin", "source.bin"));
    }

    [Fact]
    public void ALargeReplaceSwapsInTheWholeNewFile()
    {
        var target = _folder.File("big.bin");
        File.WriteAllBytes(target, new byte[SourceLength]);
        var content = new byte[SourceLength + 4096];
        new Random(3).NextBytes(content);
        var sourcePath = _folder.File("new.bin");
        File.WriteAllBytes(sourcePath, content);

        AtomicFile.Write(target, temp =>
        {
            using var source = File.OpenRead(sourcePath);
            source.CopyRest(temp);
        });

        Assert.Equal(content, File.ReadAllBytes(target));
        Assert.Empty(_folder.Leftovers("big.bin", "new.bin"));

        var fresh = _folder.File("fresh.bin");
        AtomicFile.Write(fresh, temp => Assert.IsNotType<WritebackFileStream>(temp)); // a new file: nothing to replace
        Assert.True(File.Exists(fresh));
    }
}
