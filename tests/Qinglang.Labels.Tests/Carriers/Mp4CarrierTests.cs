using System.Buffers.Binary;
using System.Text;
using Qinglang.Labels.Carriers.IsoBmff;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

public sealed class Mp4CarrierTests : IDisposable
{
    private const string OldLabel = "{\"Label\":\"1\",\"ContentProducer\":\"old\",\"ProduceID\":\"x1\"}";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string MakeMovie(string name, params string[] extra) =>
        Tool.Ffmpeg(_folder.File(name), ["-f", "lavfi", "-i", "testsrc=d=2:size=160x120", "-f", "lavfi", "-i", "sine=d=2", "-c:v", "libx264", "-c:a", "aac", .. extra]);

    private string MakeAudio(string name = "in.m4a") =>
        Tool.Ffmpeg(_folder.File(name), "-f", "lavfi", "-i", "sine=d=2", "-c:a", "aac");

    private static readonly LabelRequest Producer = new() { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "new-1" };

    [Fact]
    public void MoovLastRoundTripIsSeenByFfprobeAndExiftoolAndDecodesIdentically()
    {
        var mp4 = MakeMovie("last.mp4");
        Assert.True(Mp4Inspect.Order(mp4).IndexOf("mdat") < Mp4Inspect.Order(mp4).IndexOf("moov"));
        Conformance.RoundTrip(mp4, "mp4", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);
    }

    [Fact]
    public void MoovFirstRoundTripShiftsChunkOffsets()
    {
        var mp4 = MakeMovie("first.mp4", "-movflags", "+faststart");
        Assert.True(Mp4Inspect.Order(mp4).IndexOf("moov") < Mp4Inspect.Order(mp4).IndexOf("mdat"));
        var labeled = Conformance.RoundTrip(mp4, "mp4", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);
        Assert.True(Mp4Inspect.Order(labeled).IndexOf("moov") < Mp4Inspect.Order(labeled).IndexOf("mdat"));
        Assert.NotEqual(Mp4Inspect.MdatOffset(mp4), Mp4Inspect.MdatOffset(labeled)); // the media really moved, and decoding still matches
    }

    [Fact]
    public void MovRoundTrip() =>
        Conformance.RoundTrip(MakeMovie("in.mov", "-f", "mov"), "mov", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);

    [Fact]
    public void M4aRoundTrip() =>
        Conformance.RoundTrip(MakeAudio(), "m4a", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);

    [Fact]
    public void FragmentedWithDefaultBaseIsMoofRoundTrip() =>
        Conformance.RoundTrip(MakeMovie("fragd.mp4", "-movflags", "frag_keyframe+empty_moov+default_base_moof"), "mp4", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);

    [Fact]
    public void FragmentedWithExplicitBaseOffsetsPatchesTfhdAndTfra()
    {
        var mp4 = MakeMovie("frag.mp4", "-movflags", "frag_keyframe+empty_moov", "-g", "12");
        var before = Mp4Inspect.ExplicitBaseOffsets(mp4);
        Assert.NotEmpty(before); // ffmpeg wrote tfhd base_data_offset, so the test exercises the patch
        Assert.All(before, b => Assert.Equal(b.Moof, b.Base));

        var labeled = Conformance.RoundTrip(mp4, "mp4", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);
        var after = Mp4Inspect.ExplicitBaseOffsets(labeled);
        Assert.Equal(before.Count, after.Count);
        Assert.All(after, b => Assert.Equal(b.Moof, b.Base));
        Assert.NotEqual(before[0].Moof, after[0].Moof);
        var moofs = Mp4Inspect.TopBoxes(labeled).Where(b => b.Type == "moof").Select(b => b.Offset).ToHashSet();
        var indexed = Mp4Inspect.TfraMoofOffsets(labeled);
        Assert.NotEmpty(indexed);
        Assert.All(indexed, offset => Assert.Contains(offset, moofs));
    }

    [Fact]
    public void PlainFragmentedRoundTrip() =>
        Conformance.RoundTrip(MakeMovie("fragp.mp4", "-movflags", "+frag_keyframe", "-g", "12"), "mp4", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);

    [Fact]
    public void FragmentedWithGlobalSidxRoundTrip() =>
        Conformance.RoundTrip(MakeMovie("sidx.mp4", "-g", "12", "-movflags", "frag_keyframe+empty_moov+default_base_moof+global_sidx"), "mp4", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);

    [Fact]
    public void QuickTimeWithoutFtypIsMov()
    {
        var mov = MakeMovie("legacy.mov", "-f", "mov");
        var bytes = File.ReadAllBytes(mov);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(bytes, 4, 4));
        "free"u8.CopyTo(bytes.AsSpan(4)); // QuickTime files from before ftyp existed start with free/wide/mdat/moov
        File.WriteAllBytes(mov, bytes);
        Conformance.RoundTrip(mov, "mov", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);
    }

    [Fact]
    public void InterruptedInPlaceEditKeepsTheOldLabelAndIsCleanedUpByTheNextWrite()
    {
        var mp4 = MakeMovie("crash.mp4");
        var decoded = Independent.DecodedStreamHashes(mp4);
        Assert.True(Conformance.Writer.Write(mp4, null, Producer).InPlace);

        // The state a crash leaves between appending the new moov and the one-word commit: a second moov at the end.
        using (var file = new FileStream(mp4, FileMode.Open, FileAccess.ReadWrite))
        {
            var (_, moov, _) = TopLevelBoxes.Read(file).LoadMoov(file);
            MoovLabelEditor.Apply(moov, OldLabel);
            file.Seek(0, SeekOrigin.End);
            file.Write(moov.ToArray());
        }

        var report = Conformance.Inspector.Inspect(mp4);
        Assert.Single(report.Sites);
        Assert.Equal("new-1", report.Label!.ProduceID);
        Assert.Contains(report.Problems, p => p.Message.Contains("second 'moov'", StringComparison.Ordinal));
        Assert.Contains("new-1", Mp4Inspect.FormatTags(mp4)["AIGC"]); // ffmpeg also keeps the first moov
        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4));

        Assert.False(Conformance.Writer.Write(mp4, null, new LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "p-9" }).InPlace);
        Assert.Single(Mp4Inspect.TopBoxes(mp4), b => b.Type == "moov");
        var values = Independent.ExiftoolLabelValues(mp4);
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.Contains("p-9", v.Value));
        Assert.DoesNotContain(values, v => v.Value.Contains("\"old\"", StringComparison.Ordinal));
        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4));
    }

    [Fact]
    public void FfmpegWrittenLabelIsReplacedAndOtherKeysSurvive()
    {
        var mp4 = MakeMovie("tagged.mp4", "-movflags", "use_metadata_tags", "-metadata", "AIGC=" + OldLabel, "-metadata", "title=Hello", "-metadata", "mykey=myval");
        var report = Conformance.Inspector.Inspect(mp4);
        Assert.Single(report.Sites);
        Assert.Equal("mp4-keys", report.Sites[0].Kind);
        Assert.Equal("old", report.Label!.ContentProducer);

        var labeled = Conformance.RoundTrip(mp4, "mp4", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);
        var tags = Mp4Inspect.FormatTags(labeled);
        Assert.Equal("Hello", tags["title"]);
        Assert.Equal("myval", tags["mykey"]);
        Assert.Contains("post-0002", tags["AIGC"]);
        Assert.DoesNotContain("\"old\"", tags["AIGC"]);
        Assert.Contains("Keys:AIGC", string.Join(",", Independent.ExiftoolLabelValues(labeled).Select(v => v.Tag)));
    }

    [Fact]
    public void ITunesItemsAreKeptNextToTheNewKeysMeta()
    {
        var mp4 = MakeMovie("plain.mp4", "-metadata", "title=Plain");
        Conformance.Writer.Write(mp4, null, Producer);
        var tags = Mp4Inspect.FormatTags(mp4);
        Assert.Equal("Plain", tags["title"]);
        Assert.StartsWith("Lavf", tags["encoder"]);
        Assert.Contains("new-1", tags["AIGC"]);
    }

    [Fact]
    public void DuplicateAigcKeysCollapseToOneAndLaterKeysKeepTheirValues()
    {
        var mp4 = MakeMovie("dup.mp4");
        Mp4Inspect.ReplaceKeysMeta(mp4, ("title", "T"), ("AIGC", OldLabel), ("mykey", "v"), ("aigc", OldLabel.Replace("x1", "x2", StringComparison.Ordinal)), ("encoder", "E"));
        var before = Conformance.Inspector.Inspect(mp4);
        Assert.Equal(2, before.Sites.Count);
        Assert.Contains(before.Problems, p => p.Code == "label.duplicate");

        var labeled = _folder.File("dup-labeled.mp4");
        Conformance.Writer.Write(mp4, labeled, Producer);
        Assert.Single(Conformance.Inspector.Inspect(labeled).Sites);
        var tags = Mp4Inspect.FormatTags(labeled);
        Assert.Equal("T", tags["title"]);
        Assert.Equal("v", tags["mykey"]);
        Assert.Equal("E", tags["encoder"]);
        Assert.Contains("new-1", tags["AIGC"]);
        Assert.DoesNotContain(tags.Keys, k => k == "aigc");
    }

    [Fact]
    public void AppleMoovMetaKeysAreMergedIntoNotShadowed()
    {
        // exiftool writes Keys tags into moov/meta, as iPhones do; ffmpeg applies the first keys table it meets to every
        // ilst, so the label must join that table rather than start a second one.
        var mp4 = MakeMovie("apple.mp4");
        Tool.Run("exiftool", "-overwrite_original", "-Keys:Make=Apple", "-Keys:Model=iPhone", "-Keys:Author=Me", mp4).EnsureSuccess("exiftool");
        var labeled = Conformance.RoundTrip(mp4, "mp4", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);
        var tags = Mp4Inspect.FormatTags(labeled);
        Assert.Equal("Apple", tags["com.apple.quicktime.make"]);
        Assert.Equal("iPhone", tags["com.apple.quicktime.model"]);
        Assert.Equal("Me", tags["com.apple.quicktime.author"]);
        Assert.Contains("post-0002", tags["AIGC"]);
    }

    [Fact]
    public void ITunesFreeFormAigcItemIsReadAndReplaced()
    {
        var mp4 = MakeMovie("ap.mp4");
        Tool.Run("AtomicParsley", mp4, "--rDNSatom", OldLabel, "name=AIGC", "domain=com.example.test", "--overWrite").EnsureSuccess("AtomicParsley");
        var report = Conformance.Inspector.Inspect(mp4);
        Assert.Equal("mp4-itunes", Assert.Single(report.Sites).Kind);
        Assert.Equal("old", report.Label!.ContentProducer);

        Conformance.Writer.Write(mp4, null, Producer);
        var after = Conformance.Inspector.Inspect(mp4);
        Assert.Equal("mp4-keys", Assert.Single(after.Sites).Kind);
        var values = Independent.ExiftoolLabelValues(mp4);
        Assert.Single(values);
        Assert.Contains("new-1", values[0].Value);
        Assert.Equal(Independent.DecodedStreamHashes(MakeMovie("ref.mp4")), Independent.DecodedStreamHashes(mp4));
    }

    [Theory]
    [InlineData("xmp.mp4")]
    [InlineData("xmp.mov")]
    public void XmpLabelIsReadAndRemovedKeepingOtherXmp(string name)
    {
        var movie = MakeMovie(name);
        ExiftoolTc260.Run("-overwrite_original", "-XMP-TC260:AIGC=" + OldLabel, "-XMP-dc:Title=KeepMe", movie);
        var report = Conformance.Inspector.Inspect(movie);
        Assert.Equal("xmp", Assert.Single(report.Sites).Kind);
        Assert.Equal("old", report.Label!.ContentProducer);

        var labeled = Conformance.RoundTrip(movie, name.EndsWith(".mov", StringComparison.Ordinal) ? "mov" : "mp4", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);
        var xmp = ExiftoolTc260.Run("-j", "-XMP:all", labeled).Stdout;
        Assert.Contains("KeepMe", xmp);
        Assert.DoesNotContain("\"old\"", xmp);
        Assert.Equal("mp4-keys", Assert.Single(Conformance.Inspector.Inspect(labeled).Sites).Kind);
    }

    [Fact]
    public void MoovLastIsLabeledInPlaceByAppendingTheNewMoov()
    {
        var mp4 = MakeMovie("inplace.mp4");
        var decoded = Independent.DecodedStreamHashes(mp4);
        var size = new FileInfo(mp4).Length;
        var oldMoov = Mp4Inspect.TopBoxes(mp4).Single(b => b.Type == "moov");
        var mdat = Mp4Inspect.MdatOffset(mp4);

        var result = Conformance.Writer.Write(mp4, null, Producer);
        Assert.True(result.InPlace);
        var boxes = Mp4Inspect.TopBoxes(mp4);
        var newMoov = boxes.Single(b => b.Type == "moov");
        Assert.Equal(size + newMoov.Size, new FileInfo(mp4).Length);
        Assert.Contains(boxes, b => b.Type == "free" && b.Offset == oldMoov.Offset && b.Size == oldMoov.Size);
        Assert.Equal(mdat, Mp4Inspect.MdatOffset(mp4));
        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4));
        Assert.Contains("new-1", Mp4Inspect.FormatTags(mp4)["AIGC"]);

        // The same label again changes nothing; a new one appends once more and stays a single site.
        Conformance.Writer.Write(mp4, null, Producer);
        Assert.Equal(size + newMoov.Size, new FileInfo(mp4).Length);
        Conformance.Writer.Write(mp4, null, new LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "p-9" });
        Assert.Single(Conformance.Inspector.Inspect(mp4).Sites);
        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4));
    }

    [Fact]
    public void FreeSpaceLeftBeforeTheMoovIsReusedInPlace()
    {
        var mp4 = MakeMovie("reuse.mp4");
        var decoded = Independent.DecodedStreamHashes(mp4);
        var mdat = Mp4Inspect.MdatOffset(mp4);
        LabelRequest WithId(string id) => new() { Label = "1", ContentProducer = Conformance.Producer, ProduceID = id };

        Assert.True(Conformance.Writer.Write(mp4, null, WithId(new string('a', 1500))).InPlace); // [free][moov n1]
        Assert.True(Conformance.Writer.Write(mp4, null, WithId("short-2")).InPlace);            // [free][free n1][moov n2]
        var size = new FileInfo(mp4).Length;
        var retired = Mp4Inspect.TopBoxes(mp4)[^2];
        Assert.Equal("free", retired.Type);

        // The retired 1.5 KB-larger moov now holds the new one; nothing is appended and no media moves.
        Assert.True(Conformance.Writer.Write(mp4, null, WithId("short-3")).InPlace);
        Assert.Equal(size, new FileInfo(mp4).Length);
        var boxes = Mp4Inspect.TopBoxes(mp4);
        Assert.Equal(retired.Offset, boxes.Single(b => b.Type == "moov").Offset);
        Assert.Equal("free", boxes[^1].Type);
        Assert.Equal(mdat, Mp4Inspect.MdatOffset(mp4));
        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4));
        Assert.Contains("short-3", Mp4Inspect.FormatTags(mp4)["AIGC"]);
        var report = Conformance.Inspector.Inspect(mp4);
        Assert.Single(report.Sites);
        Assert.Equal("short-3", report.Label!.ProduceID);
    }

    [Fact]
    public void ReservedSpaceAfterMoovIsUsedInPlaceWithoutMovingMedia()
    {
        var mp4 = MakeMovie("reserved.mp4", "-moov_size", "20000");
        var size = new FileInfo(mp4).Length;
        var mdat = Mp4Inspect.MdatOffset(mp4);
        var decoded = Independent.DecodedStreamHashes(mp4);

        Assert.True(Conformance.Writer.Write(mp4, null, Producer).InPlace);
        Assert.Equal(size, new FileInfo(mp4).Length);
        Assert.Equal(mdat, Mp4Inspect.MdatOffset(mp4));
        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4));
        Assert.Contains("new-1", Mp4Inspect.FormatTags(mp4)["AIGC"]);

        // A copy of a moov-first file also keeps its media in place: the free box after moov absorbs the growth.
        var copy = _folder.File("reserved-copy.mp4");
        Conformance.Writer.Write(mp4, copy, new LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "p-1" });
        Assert.Equal(size, new FileInfo(copy).Length);
        Assert.Equal(mdat, Mp4Inspect.MdatOffset(copy));
        Assert.Equal(decoded, Independent.DecodedStreamHashes(copy));
    }

    [Fact]
    public void FreeBoxAfterUdtaInsideMoovAbsorbsTheGrowth()
    {
        var mp4 = MakeMovie("padded.mp4", "-movflags", "+faststart");
        var decoded = Independent.DecodedStreamHashes(mp4);
        Mp4Inspect.InsertFreeAfterUdta(mp4, 1000);
        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4));
        var mdat = Mp4Inspect.MdatOffset(mp4);

        var labeled = _folder.File("padded-labeled.mp4");
        Conformance.Writer.Write(mp4, labeled, Producer);
        Assert.Equal(new FileInfo(mp4).Length, new FileInfo(labeled).Length);
        Assert.Equal(mdat, Mp4Inspect.MdatOffset(labeled));
        Assert.Equal(decoded, Independent.DecodedStreamHashes(labeled));
        Assert.Contains("new-1", Mp4Inspect.FormatTags(labeled)["AIGC"]);
    }

    [Fact]
    public void Co64TablesAreShifted()
    {
        var mp4 = MakeMovie("co64.mp4", "-movflags", "+faststart");
        var decoded = Independent.DecodedStreamHashes(mp4);
        Mp4Inspect.ConvertChunkOffsetsTo64Bit(mp4);
        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4)); // the test input itself is sound
        var labeled = Conformance.RoundTrip(mp4, "mp4", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);
        Assert.Equal(decoded, Independent.DecodedStreamHashes(labeled));
    }

    [Fact]
    public void StcoBecomesCo64WhenOffsetsPassFourGigabytes()
    {
        var mp4 = MakeMovie("wide.mp4", "-movflags", "+faststart");
        using var stream = File.OpenRead(mp4);
        var (_, moov, _) = TopLevelBoxes.Read(stream).LoadMoov(stream);
        var original = Mp4Inspect.StcoOffsets(moov);
        var tables = ChunkOffsetTables.Collect(moov);
        var map = new OffsetMap();
        var mdat = Mp4Inspect.TopBoxes(mp4).Single(b => b.Type == "mdat");
        map.Add(mdat.Offset, mdat.Offset + mdat.Size, mdat.Offset + (5L << 30));

        Assert.True(tables.Apply(map));
        var boxes = moov.Children!.Where(c => c.Type == "trak").SelectMany(Mp4Inspect.Descendants).ToList();
        Assert.DoesNotContain(boxes, b => b.Type == "stco");
        var wide = boxes.Where(b => b.Type == "co64").SelectMany(b => Mp4Inspect.ReadOffsets(b.Payload, 8)).ToList();
        Assert.Equal(original.Select(o => o + (5L << 30)), wide);
    }

    [Fact]
    public void DetectsByContentAndLeavesImagesToHeif()
    {
        var movie = _folder.File("clip.png");
        File.Move(MakeMovie("clip.mp4"), movie);
        Assert.Equal("mp4", Conformance.Inspector.Inspect(movie).Format);
        var carrier = new Mp4Carrier();
        Assert.False(carrier.Detect([0, 0, 0, 24, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8]));
        Assert.False(carrier.Detect([0, 0, 0, 24, .. "ftypavif"u8, 0, 0, 0, 0, .. "avifmif1"u8]));
        Assert.True(carrier.Detect([0, 0, 0, 8, .. "wide"u8, 0, 0, 0, 8, .. "mdat"u8]));
    }

    [Fact]
    public void LyingBoxSizeIsCorruptAndNothingIsWritten()
    {
        var mp4 = MakeMovie("lie.mp4", "-movflags", "+faststart");
        var bytes = File.ReadAllBytes(mp4);
        var stco = bytes.AsSpan().IndexOf("stco"u8) - 4;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(stco), 0x7FFFFFF0);
        File.WriteAllBytes(mp4, bytes);
        var output = _folder.File("out.mp4");
        Assert.Throws<Labels.Carriers.ContainerFormatException>(() => Conformance.Writer.Write(mp4, output, Producer));
        Assert.False(File.Exists(output));
        Assert.Contains(Conformance.Inspector.Inspect(mp4).Problems, p => p.Code == "container.corrupt");
    }

    [Theory]
    [InlineData("fz-last.mp4", "")]
    [InlineData("fz-first.mp4", "+faststart")]
    [InlineData("fz.mov", "mov")]
    [InlineData("fz-frag.mp4", "frag_keyframe+empty_moov")]
    public void CorruptedCopiesNeverCrashOrWriteHalfFiles(string name, string variant)
    {
        string[] extra = variant switch
        {
            "" => [],
            "mov" => ["-f", "mov"],
            _ => ["-movflags", variant],
        };
        var movie = Tool.Ffmpeg(_folder.File(name), ["-f", "lavfi", "-i", "testsrc=d=0.2:size=32x24", "-c:v", "libx264", .. extra]);
        Corruption.Fuzz(movie, mutations: 60);
    }

    [Fact]
    public void CorruptedAudioCopiesNeverCrash() =>
        Corruption.Fuzz(Tool.Ffmpeg(_folder.File("fz.m4a"), "-f", "lavfi", "-i", "sine=d=0.3", "-c:a", "aac"), mutations: 60);
}
