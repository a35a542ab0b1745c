using System.Globalization;
using System.Security.Cryptography;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Carriers.IsoBmff;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

/// <summary>
/// The default in-place edit of a moov-first ("fast start") movie: the moov stays first, only the media it would
/// overwrite moves to a new mdat at the end, and every state an interruption can leave decodes as before.
/// </summary>
public sealed class Mp4HeadRelocationTests : IDisposable
{
    private const string OldLabel = "{\"Label\":\"1\",\"ContentProducer\":\"old\",\"ProduceID\":\"x1\"}";
    private const string NewLabel = "{\"Label\":\"1\",\"ContentProducer\":\"new\",\"ProduceID\":\"new-1\"}";

    private static readonly LabelRequest Producer = new() { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "new-1" };

    private static readonly LabelRequest Platform = new() { ContentPropagator = Conformance.Propagator, PropagateID = "p-9" };

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A fast-start movie (video and audio) already carrying the old label where ffmpeg writes it.</summary>
    private string MakeFastStart(string name, params string[] extra) =>
        Tool.Ffmpeg(_folder.File(name), [
            "-f", "lavfi", "-i", "testsrc=d=2:size=160x120", "-f", "lavfi", "-i", "sine=d=2", "-c:v", "libx264", "-c:a", "aac",
            "-movflags", "+faststart+use_metadata_tags", "-metadata", "AIGC=" + OldLabel, .. extra]);

    /// <summary>Video only: ffmpeg puts the first 49 frames (about 1 MB) in one chunk, far larger than the moov.</summary>
    private string MakeBigFirstChunk(string name) =>
        Tool.Ffmpeg(_folder.File(name), "-f", "lavfi", "-i", "testsrc2=size=640x480:rate=30", "-t", "2", "-c:v", "mpeg4", "-q:v", "1", "-movflags", "+faststart");

    [Fact]
    public void MoovStaysFirstAndOnlyTheHeadOfTheMediaMoves()
    {
        var mp4 = MakeFastStart("first.mp4");
        var decoded = Independent.DecodedStreamHashes(mp4);
        var before = Mp4Inspect.TopBoxes(mp4);
        Assert.Equal(["ftyp", "moov", "free", "mdat"], before.Select(b => b.Type));
        var mdat = before[3];

        Assert.True(Conformance.Writer.Write(mp4, null, Producer).InPlace);

        var after = Mp4Inspect.TopBoxes(mp4);
        Assert.Equal(["ftyp", "moov", "free", "mdat", "mdat"], after.Select(b => b.Type));
        Assert.Equal(before[1].Offset, after[1].Offset); // the moov is where it was: first after ftyp
        var rest = after[3];
        var head = after[4];
        Assert.Equal(mdat.Offset + mdat.Size, rest.Offset + rest.Size); // the rest of the media did not move...
        Assert.Equal(mdat.Offset + mdat.Size, head.Offset); // ...the head went to the old end of the file
        Assert.Equal(mdat.Offset + mdat.Size + head.Size, new FileInfo(mp4).Length);
        Assert.True(after[2].Size >= after[1].Size + HeadRelocationPlan.MinimumSlack, "the slack holds a second moov");
        AssertPacketsInsideMdats(mp4);

        AssertLabeled(mp4, "new-1", decoded);

        // The platform relabels in place: the new moov goes into the slack, nothing moves, the file keeps its size.
        var size = new FileInfo(mp4).Length;
        Assert.True(Conformance.Writer.Write(mp4, null, Platform).InPlace);
        Assert.Equal(size, new FileInfo(mp4).Length);
        var relabeled = Mp4Inspect.TopBoxes(mp4);
        Assert.Equal(["ftyp", "free", "moov", "free", "mdat", "mdat"], relabeled.Select(b => b.Type));
        Assert.Equal(rest.Offset, relabeled[4].Offset);
        AssertLabeled(mp4, "p-9", decoded);

        // And once more: the previous moov's place takes the next one; still no growth, still one site.
        Assert.True(Conformance.Writer.Write(mp4, null, Platform with { PropagateID = "p-10" }).InPlace);
        Assert.Equal(size, new FileInfo(mp4).Length);
        AssertLabeled(mp4, "p-10", decoded);
    }

    [Fact]
    public void TheRestOfTheMediaIsNotRewritten()
    {
        var mp4 = MakeBigFirstChunk("untouched.mp4");
        var mdat = Mp4Inspect.TopBoxes(mp4).Single(b => b.Type == "mdat");
        var original = File.ReadAllBytes(mp4);

        Assert.True(Conformance.Writer.Write(mp4, null, Producer).InPlace);

        var boxes = Mp4Inspect.TopBoxes(mp4);
        var rest = boxes.First(b => b.Type == "mdat");
        var head = boxes[^1];
        var labeled = File.ReadAllBytes(mp4);
        var restStart = (int)rest.Offset + 8;
        var mdatEnd = (int)(mdat.Offset + mdat.Size);
        Assert.Equal(mdat.Offset + 8 + head.Size - 8, restStart); // head and rest together are the old payload
        Assert.True(labeled.AsSpan(restStart, mdatEnd - restStart).SequenceEqual(original.AsSpan(restStart, mdatEnd - restStart)));
        Assert.True(labeled.AsSpan((int)head.Offset + 8).SequenceEqual(original.AsSpan((int)mdat.Offset + 8, (int)head.Size - 8)));
    }

    [Fact]
    public void AFirstChunkLargerThanTheMoovMovesWhole()
    {
        var mp4 = MakeBigFirstChunk("bigchunk.mp4");
        var decoded = Independent.DecodedStreamHashes(mp4);
        var moov = Mp4Inspect.TopBoxes(mp4).Single(b => b.Type == "moov");
        List<long> chunks;
        using (var file = File.OpenRead(mp4))
        {
            chunks = [.. Mp4Inspect.StcoOffsets(TopLevelBoxes.Read(file).LoadMoov(file).Tree).Order()];
        }

        var firstChunk = chunks[1] - chunks[0];
        Assert.True(firstChunk > 100 * moov.Size, "the first chunk is much larger than the moov");
        Assert.True(Packets(mp4).Count(p => p.Pos < chunks[1]) > 1, "the first chunk holds several frames");

        Assert.True(Conformance.Writer.Write(mp4, null, Producer).InPlace);

        var boxes = Mp4Inspect.TopBoxes(mp4);
        Assert.Equal(["ftyp", "moov", "free", "mdat", "mdat"], boxes.Select(b => b.Type));
        Assert.Equal(moov.Offset, boxes[1].Offset);
        Assert.Equal(firstChunk, boxes[^1].Size - 8); // exactly the first chunk moved, whole
        AssertPacketsInsideMdats(mp4);
        AssertLabeled(mp4, "new-1", decoded);
    }

    [Fact]
    public void SixtyFourBitChunkOffsetsAreRelocatedToo()
    {
        var mp4 = MakeFastStart("co64.mp4");
        Mp4Inspect.ConvertChunkOffsetsTo64Bit(mp4); // as muxers write for files past 4 GiB
        var decoded = Independent.DecodedStreamHashes(mp4);

        Assert.True(Conformance.Writer.Write(mp4, null, Producer).InPlace);

        Assert.Equal(["ftyp", "moov", "free", "mdat", "mdat"], Mp4Inspect.Order(mp4));
        AssertPacketsInsideMdats(mp4);
        AssertLabeled(mp4, "new-1", decoded);
    }

    [Fact]
    public void ChunkExtentsAgreeWithFfprobePackets()
    {
        foreach (var mp4 in new[] { MakeFastStart("av.mp4"), MakeBigFirstChunk("v.mp4") })
        {
            List<ChunkExtent> chunks;
            using (var file = File.OpenRead(mp4))
            {
                chunks = ChunkExtents.Read(TopLevelBoxes.Read(file).LoadMoov(file).Tree)!;
            }

            var packets = Packets(mp4);
            Assert.Equal(packets.Sum(p => p.Size), chunks.Sum(c => c.Length));
            Assert.All(packets, p => Assert.Single(chunks, c => c.Offset <= p.Pos && p.Pos + p.Size <= c.End));
        }
    }

    [Fact]
    public void TheRewriteOptionMovesEveryMediaByteInstead()
    {
        var mp4 = MakeFastStart("rewrite.mp4");
        var decoded = Independent.DecodedStreamHashes(mp4);
        var writer = new LabelWriter(CarrierRegistry.Default, rewriteMedia: true);

        Assert.False(writer.Write(mp4, null, Producer).InPlace);

        Assert.Equal(["ftyp", "moov", "free", "mdat"], Mp4Inspect.Order(mp4));
        AssertLabeled(mp4, "new-1", decoded);
    }

    [Fact]
    public void TheCliForcesTheRewriteWithAFlagAndRefusesBothAlternatives()
    {
        var mp4 = MakeFastStart("cli.mp4");
        var relocated = CliProcess.Run("label", mp4, "--producer", Conformance.Producer, "--produce-id", "cli-1");
        Assert.True(relocated.ExitCode == 0, relocated.Stderr);
        Assert.Contains("in place", relocated.Stdout);

        var other = MakeFastStart("cli-rewrite.mp4");
        var rewritten = CliProcess.Run("label", other, "--rewrite-media", "--producer", Conformance.Producer, "--produce-id", "cli-2");
        Assert.True(rewritten.ExitCode == 0, rewritten.Stderr);
        Assert.Contains("replaced atomically", rewritten.Stdout);
        Assert.Equal(["ftyp", "moov", "free", "mdat"], Mp4Inspect.Order(other));

        var both = CliProcess.Run("label", other, "--rewrite-media", "--moov-to-end", "--producer", Conformance.Producer, "--produce-id", "cli-3");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("cli-2", Independent.FfprobeTags(other));
    }

    [Fact]
    public void FragmentedMovieAndMdatRunningToTheEndFallBackToTheRewrite()
    {
        var fragmented = MakeFastStart("frag.mp4", "-movflags", "frag_keyframe+empty_moov", "-g", "12");
        Assert.False(Conformance.Writer.Write(fragmented, null, Producer).InPlace);
        Assert.True(Mp4Inspect.Order(fragmented).IndexOf("moov") < Mp4Inspect.Order(fragmented).IndexOf("moof"));
        Assert.Contains("new-1", Mp4Inspect.FormatTags(fragmented)["AIGC"]);

        var toEnd = MakeFastStart("toend.mp4");
        var mdat = Mp4Inspect.TopBoxes(toEnd).Single(b => b.Type == "mdat");
        var bytes = File.ReadAllBytes(toEnd);
        bytes.AsSpan((int)mdat.Offset, 4).Clear(); // size 0: "to the end of the file"
        File.WriteAllBytes(toEnd, bytes);
        var decoded = Independent.DecodedStreamHashes(toEnd);
        Assert.False(Conformance.Writer.Write(toEnd, null, Producer).InPlace); // an append would land inside the mdat
        Assert.Equal(["ftyp", "moov", "free", "mdat"], Mp4Inspect.Order(toEnd));
        Assert.Equal(decoded, Independent.DecodedStreamHashes(toEnd));
    }

    public static TheoryData<string> Steps() => [.. Enum.GetNames<HeadRelocationStep>()];

    [Theory]
    [MemberData(nameof(Steps))]
    public void AnEditStoppedAfterAnyStepLeavesAValidFileWithTheOldOrTheNewLabel(string stepName)
    {
        var step = Enum.Parse<HeadRelocationStep>(stepName);
        var mp4 = MakeFastStart($"stop-{stepName}.mp4");
        var decoded = Independent.DecodedStreamHashes(mp4);
        using (var file = new FileStream(mp4, FileMode.Open, FileAccess.ReadWrite))
        {
            Assert.True(Mp4InPlaceEditor.TryWrite(file, NewLabel, MoovFirstInPlace.RelocateHead, reached => reached != step));
        }

        var labelIsNew = step >= HeadRelocationStep.TailCommitted;
        var expected = labelIsNew ? "new-1" : "x1";
        var report = Conformance.Inspector.Inspect(mp4);
        Assert.Equal(expected, report.Label!.ProduceID);
        Assert.Single(report.Sites);
        Assert.DoesNotContain(report.Problems, p => p.Severity == Core.Severity.Error);
        Assert.Contains(expected, Mp4Inspect.FormatTags(mp4)["AIGC"]); // ffmpeg reads the same moov
        var exiftool = Independent.ExiftoolLabelValues(mp4);
        Assert.NotEmpty(exiftool);
        Assert.All(exiftool, v => Assert.True(v.Value.Contains("\"x1\"", StringComparison.Ordinal) || v.Value.Contains("new-1", StringComparison.Ordinal), v.Value));
        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4));

        // The next run labels it properly and leaves one moov, ahead of the media.
        Conformance.Writer.Write(mp4, null, Platform);
        Assert.Single(Mp4Inspect.TopBoxes(mp4), b => b.Type == "moov");
        AssertLabeled(mp4, "p-9", decoded);
    }

    [Fact]
    public void AnAppendCutShortLeavesTheOldFile()
    {
        var mp4 = MakeFastStart("torn.mp4");
        var decoded = Independent.DecodedStreamHashes(mp4);
        var length = new FileInfo(mp4).Length;
        using (var file = new FileStream(mp4, FileMode.Open, FileAccess.ReadWrite))
        {
            Mp4InPlaceEditor.TryWrite(file, NewLabel, MoovFirstInPlace.RelocateHead, reached => reached != HeadRelocationStep.Appended);
            file.SetLength(length + (file.Length - length) / 2); // only half of what was appended reached the disk
        }

        var report = Conformance.Inspector.Inspect(mp4);
        Assert.Equal("x1", report.Label!.ProduceID);
        Assert.DoesNotContain(report.Problems, p => p.Severity == Core.Severity.Error);
        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4));
    }

    [Theory]
    [InlineData(nameof(HeadRelocationStep.Appended))]
    [InlineData(nameof(HeadRelocationStep.TailMoovVisible))]
    public void AWriteFailingBeforeTheCommitRestoresTheFileExactly(string stepName)
    {
        var step = Enum.Parse<HeadRelocationStep>(stepName);
        var mp4 = MakeFastStart($"fail-{stepName}.mp4");
        var original = Sha256(mp4);
        using (var file = new FileStream(mp4, FileMode.Open, FileAccess.ReadWrite))
        {
            Assert.Throws<IOException>(() => Mp4InPlaceEditor.TryWrite(file, NewLabel, MoovFirstInPlace.RelocateHead, reached =>
                reached == step ? throw new IOException("disk full (simulated)") : true));
        }

        Assert.Equal(original, Sha256(mp4));
    }

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>One valid site holding <paramref name="id"/> (as ProduceID or PropagateID), seen by every reader; same decoding.</summary>
    private static void AssertLabeled(string mp4, string id, string decoded)
    {
        var report = Conformance.Inspector.Inspect(mp4);
        Assert.True(report.IsValid, Conformance.Describe(report));
        Assert.Single(report.Sites);
        Assert.Contains(id, new[] { report.Label!.ProduceID, report.Label.PropagateID });
        Assert.Contains(id, Mp4Inspect.FormatTags(mp4)["AIGC"]); // ffprobe
        var values = Independent.ExiftoolLabelValues(mp4);
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.Contains(id, v.Value));

        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4));
        Assert.Equal(0, CliProcess.Run("inspect", mp4).ExitCode);
    }

    private sealed record Packet(long Pos, long Size);

    /// <summary>Where ffprobe finds every packet of every stream: an independent view of the chunk tables.</summary>
    private static List<Packet> Packets(string mp4)
    {
        var csv = Tool.Run("ffprobe", "-v", "error", "-show_entries", "packet=pos,size", "-of", "csv=p=0", mp4).EnsureSuccess("ffprobe").Stdout;
        return csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(','))
            .Select(f => new Packet(long.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[0], CultureInfo.InvariantCulture)))
            .OrderBy(p => p.Pos)
            .ToList();
    }

    /// <summary>Every packet ffprobe reads lies wholly inside the payload of an mdat box.</summary>
    private static void AssertPacketsInsideMdats(string mp4)
    {
        var mdats = Mp4Inspect.TopBoxes(mp4).Where(b => b.Type == "mdat").ToList();
        Assert.All(Packets(mp4), p => Assert.Contains(mdats, m => m.Offset + 8 <= p.Pos && p.Pos + p.Size <= m.Offset + m.Size));
    }
}
