using Qinglang.Labels.IO;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

/// <summary>
/// The streamed path for MP4s too large to build in memory, where the media must move (moov first): it moves by whole
/// blocks through the kernel copy, the file is replaced atomically, and a write that dies halfway leaves the original.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class Mp4LargeRewriteTests : IDisposable
{
    private static readonly LabelRequest Producer = new() { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "big-1" };

    /// <summary>In place, the whole file is rewritten rather than only the head of its media moved (the default).</summary>
    private static readonly LabelWriter RewriteMedia = new(Qinglang.Labels.Carriers.CarrierRegistry.Default, rewriteMedia: true);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A fast-start movie larger than <see cref="FileSource.InMemoryLimit"/>, whose mdat the kernel copies.</summary>
    private string MakeLargeFastStart(string name)
    {
        var mp4 = Tool.Ffmpeg(_folder.File(name), [
            "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=frequency=440", "-t", "7",
            "-c:v", "mpeg4", "-q:v", "1", "-c:a", "aac", "-movflags", "+faststart"]);
        Assert.True(new FileInfo(mp4).Length > FileSource.InMemoryLimit, "the test movie must take the streamed path");
        Assert.Equal(["ftyp", "moov", "free", "mdat"], Mp4Inspect.Order(mp4)); // ffmpeg's 8-byte free box after the moov
        return mp4;
    }

    [Fact]
    public void MovedMediaShiftsByWholeBlocksAndTheFreeBoxAfterTheMoovTakesThePadding()
    {
        var mp4 = MakeLargeFastStart("first.mp4");
        var before = Conformance.Sha256(mp4);
        var decoded = Independent.DecodedStreamHashes(mp4);
        var mdat = Mp4Inspect.MdatOffset(mp4);

        var copy = _folder.File("copy.mp4");
        Assert.False(Conformance.Writer.Write(mp4, copy, Producer).InPlace);

        Assert.Equal(before, Conformance.Sha256(mp4));
        var boxes = Mp4Inspect.TopBoxes(copy);
        Assert.Equal(["ftyp", "moov", "free", "mdat"], boxes.Select(b => b.Type));
        var shift = Mp4Inspect.MdatOffset(copy) - mdat;
        Assert.True(shift > 0 && shift % KernelCopy.BlockSize == 0, $"mdat moved by {shift} bytes");
        Assert.InRange(boxes[2].Size, 8, 8 + KernelCopy.BlockSize); // one free box, grown by less than a block
        AssertLabeled(copy, "big-1", decoded);
    }

    [Fact]
    public void InPlaceRewriteReplacesAtomicallyAndARelabelKeepsTheMediaWhereItIs()
    {
        var mp4 = MakeLargeFastStart("inplace.mp4");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(mp4, mode);
        var decoded = Independent.DecodedStreamHashes(mp4);
        var mdat = Mp4Inspect.MdatOffset(mp4);

        Assert.False(RewriteMedia.Write(mp4, null, Producer).InPlace);
        var labeledMdat = Mp4Inspect.MdatOffset(mp4);
        Assert.True((labeledMdat - mdat) % KernelCopy.BlockSize == 0);
        Assert.Equal(mode, File.GetUnixFileMode(mp4));
        Assert.Empty(_folder.Leftovers("inplace.mp4"));
        AssertLabeled(mp4, "big-1", decoded);

        // The platform's fields grow the moov a little: the padding free box absorbs it, so no media byte moves.
        RewriteMedia.Write(mp4, null, new LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "p-7" });
        Assert.Equal(labeledMdat, Mp4Inspect.MdatOffset(mp4));
        Assert.Empty(_folder.Leftovers("inplace.mp4"));
        Assert.Equal("p-7", Conformance.Inspector.Inspect(mp4).Label!.PropagateID);
        AssertLabeled(mp4, "big-1", decoded);
    }

    [Fact]
    public void AWriteKilledHalfwayLeavesTheOriginalUntouched()
    {
        var mp4 = MakeLargeFastStart("killed.mp4");
        var before = Conformance.Sha256(mp4);
        var decoded = Independent.DecodedStreamHashes(mp4);

        // A file-size limit of half the movie (in 1 KB units): the temporary copy cannot be finished, whatever the
        // process does about it — dies of SIGXFSZ, or fails the write.
        var limit = new FileInfo(mp4).Length / 2 / 1024;
        var cli = Path.Combine(AppContext.BaseDirectory, "qinglang.dll");
        var result = Tool.Run("bash", "-c", $"ulimit -f {limit}; exec dotnet \"$0\" label \"$1\" --rewrite-media --producer {Conformance.Producer} --produce-id big-1", cli, mp4);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(before, Conformance.Sha256(mp4));
        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4));

        // Unlimited, the next run labels it (stepping over any temporary file the killed one left).
        CliProcess.Run("label", mp4, "--producer", Conformance.Producer, "--produce-id", "big-1").EnsureSuccess("label");
        AssertLabeled(mp4, "big-1", decoded);
    }

    private static void AssertLabeled(string mp4, string produceId, string decoded)
    {
        var report = Conformance.Inspector.Inspect(mp4);
        Assert.True(report.IsValid);
        Assert.Single(report.Sites);
        Assert.Equal(produceId, report.Label!.ProduceID);
        Assert.Contains(produceId, Mp4Inspect.FormatTags(mp4)["AIGC"]); // ffprobe
        var exiftool = Independent.ExiftoolLabelValues(mp4);
        Assert.NotEmpty(exiftool);
        Assert.All(exiftool, v => Assert.Contains(produceId, v.Value));
        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4));
    }
}
