using Qinglang.Labels.Carriers;
using Qinglang.Labels.Carriers.Matroska;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

public sealed class MatroskaCarrierTests : IDisposable
{
    private const string OldLabel = Conformance.OldLabel;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly string[] Sources = ["-f", "lavfi", "-i", "testsrc=d=2:size=160x120", "-f", "lavfi", "-i", "sine=d=2"];

    private string Make(string name, params string[] codecs) => Tool.Ffmpeg(_folder.File(name), [.. Sources, .. codecs]);

    private string MakeMkv(string name = "in.mkv", params string[] extra) => Make(name, ["-c:v", "libx264", "-c:a", "aac", .. extra]);

    [Fact]
    public void H264AacRoundTripIsSeenByFfprobeAndExiftoolAndStillSeeks()
    {
        var mkv = MakeMkv();
        var labeled = Conformance.RoundTrip(mkv, "matroska", Checks.Ffprobe | Checks.Exiftool | Checks.Decode);
        Assert.Equal(SeekFrame(mkv), SeekFrame(labeled));
        AssertLayoutConsistent(labeled);
        AssertMkvtoolnixSeesOneLabel(labeled, "post-0002");
    }

    [Fact]
    public void Ffv1FlacRoundTrip()
    {
        var mkv = Make("ffv1.mkv", "-c:v", "ffv1", "-c:a", "flac");
        var labeled = Conformance.RoundTrip(mkv, "matroska", Checks.Ffprobe | Checks.Exiftool | Checks.Decode);
        Assert.Equal(SeekFrame(mkv), SeekFrame(labeled));
    }

    [Fact]
    public void WebmVp9OpusRoundTripReportsWebm()
    {
        var webm = Make("in.webm", "-c:v", "libvpx-vp9", "-deadline", "realtime", "-c:a", "libopus");
        var labeled = Conformance.RoundTrip(webm, "webm", Checks.Ffprobe | Checks.Exiftool | Checks.Decode);
        Assert.Equal(SeekFrame(webm), SeekFrame(labeled));
        AssertLayoutConsistent(labeled);
    }

    [Fact]
    public void WebmVp8VorbisRoundTrip()
    {
        var webm = Make("vp8.webm", "-c:v", "libvpx", "-deadline", "realtime", "-c:a", "libvorbis");
        Conformance.RoundTrip(webm, "webm", Checks.Ffprobe | Checks.Decode);
    }

    [Fact]
    public void WithoutCrcElementsRoundTrip()
    {
        var mkv = MakeMkv("nocrc.mkv", "-write_crc32", "0");
        Conformance.RoundTrip(mkv, "matroska", Checks.Ffprobe | Checks.Decode);
        AssertLayoutConsistent(mkv);
    }

    [Fact]
    public void FfmpegWrittenLabelIsReplacedNotDuplicatedAndOtherTagsStay()
    {
        var mkv = MakeMkv("tagged.mkv", Conformance.FfmpegTags("COMMENT"));
        var output = _folder.File("out.mkv");
        Conformance.ReplaceFfmpegTaggedLabel(mkv, output);
        Assert.Equal(Independent.DecodedStreamHashes(mkv), Independent.DecodedStreamHashes(output));
        Assert.Equal(SeekFrame(mkv), SeekFrame(output));
        AssertLayoutConsistent(output);
        AssertMkvtoolnixSeesOneLabel(output, "new-0002");
    }

    [Fact]
    public void MkvmergeFileWithMkvpropeditTagsIsRelabeledAndMkvtoolnixAgrees()
    {
        // mkvmerge lays files out differently from ffmpeg: a large Void after the SeekHead, Tags after the Cues.
        var mkv = _folder.File("merged.mkv");
        Tool.Run("mkvmerge", "-q", "-o", mkv, MakeMkv()).EnsureSuccess("mkvmerge");
        var xml = _folder.File("tags.xml");
        File.WriteAllText(xml, $$"""
            <?xml version="1.0"?>
            <Tags><Tag><Targets><TargetTypeValue>50</TargetTypeValue></Targets>
              <Simple><Name>AIGC</Name><String>{{System.Security.SecurityElement.Escape(OldLabel)}}</String></Simple>
              <Simple><Name>ARTIST</Name><String>Alice</String></Simple>
            </Tag></Tags>
            """);
        Tool.Run("mkvpropedit", "-q", mkv, "--tags", "global:" + xml).EnsureSuccess("mkvpropedit");
        var before = Conformance.Inspector.Inspect(mkv);
        Assert.Single(before.Sites);
        Assert.Equal("old-0001", before.Label!.ProduceID);

        var labeled = Conformance.RoundTrip(mkv, "matroska", Checks.Ffprobe | Checks.Exiftool | Checks.Decode);
        var tags = AssertMkvtoolnixSeesOneLabel(labeled, "post-0002");
        Assert.Contains("Alice", tags);
        Assert.DoesNotContain("old-0001", tags);
        Assert.Equal(SeekFrame(mkv), SeekFrame(labeled));
        AssertLayoutConsistent(labeled);
    }

    [Fact]
    public void TrackTargetedLabelIsReportedAndReplacedByOneGlobalTag()
    {
        var mkv = MakeMkv("tracks.mkv", "-metadata", "AIGC=" + OldLabel, "-metadata:s:v:0", "AIGC=" + OldLabel.Replace("old-0001", "track-0001"));
        var before = Conformance.Inspector.Inspect(mkv);
        Assert.Equal(2, before.Sites.Count);
        Assert.Contains(before.Problems, p => p.Code == "label.duplicate");
        Assert.Contains(before.Problems, p => p.Message.Contains("targets a track", StringComparison.Ordinal));

        var output = _folder.File("out.mkv");
        var after = Conformance.ReplaceOldLabel(mkv, output);
        Assert.Contains("(global)", after.Sites[0].Location);
        var tags = AssertMkvtoolnixSeesOneLabel(output, "new-0002");
        Assert.DoesNotContain("track-0001", tags);
        Assert.Equal(Independent.DecodedStreamHashes(mkv), Independent.DecodedStreamHashes(output));
    }

    [Fact]
    public void RelabelingIsDoneInPlaceWhenTheTagsFitsAndByCopyWhenItMustGrow()
    {
        var mkv = MakeMkv("inplace.mkv", "-metadata", "AIGC=" + OldLabel);
        var original = _folder.File("original.mkv");
        File.Copy(mkv, original);

        // The first label is larger than ffmpeg's Tags element: the Segment must grow, so the file is copied.
        var first = Conformance.Writer.Write(mkv, null, new LabelRequest { ProduceID = "gen-0001" });
        Assert.False(first.InPlace);

        // A relabel of the same size fits where the Tags now is: edited in place, the file keeps its length.
        Conformance.Writer.Write(mkv, null, new LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "post-0002" });
        var length = new FileInfo(mkv).Length;
        var relabel = Conformance.Writer.Write(mkv, null, new LabelRequest { PropagateID = "post-0003" });
        Assert.True(relabel.InPlace);
        Assert.Equal(length, new FileInfo(mkv).Length);

        var report = Conformance.Inspector.Inspect(mkv);
        Assert.True(report.IsValid, Conformance.Describe(report));
        Assert.Single(report.Sites);
        Assert.Equal("post-0003", report.Label!.PropagateID);
        AssertMkvtoolnixSeesOneLabel(mkv, "post-0003");
        Assert.Contains("post-0003", Independent.FfprobeTags(mkv));
        Assert.Equal(Independent.DecodedStreamHashes(original), Independent.DecodedStreamHashes(mkv));
        Assert.Equal(SeekFrame(original), SeekFrame(mkv));
        AssertLayoutConsistent(mkv);
    }

    [Fact]
    public void LiveMuxedUnknownSizeSegmentRoundTrip()
    {
        var mkv = MakeLive("-metadata", $"AIGC='{OldLabel}'");
        Assert.True(Segment(mkv).Header.UnknownSize);
        Conformance.RoundTrip(mkv, "matroska", Checks.Ffprobe | Checks.Exiftool | Checks.Decode);
    }

    [Fact]
    public void UnknownSizeClustersAreWalkedAndStayDecodable()
    {
        var mkv = MakeLive(); // ffmpeg accepts unknown-size Clusters only inside an unknown-size Segment
        var bytes = File.ReadAllBytes(mkv);
        var clusters = Segment(mkv).Elements.Where(e => e.Id == MatroskaIds.Cluster).ToList();
        Assert.NotEmpty(clusters);
        foreach (var cluster in clusters)
        {
            // Same width, all ones: "unknown size", as a live muxer writes it.
            EbmlVint.WriteSize(bytes.AsSpan((int)cluster.Offset + 4), 0, cluster.SizeWidth);
            bytes[cluster.Offset + 4] |= (byte)(0xFF >> cluster.SizeWidth);
            for (var i = 1; i < cluster.SizeWidth; i++)
            {
                bytes[cluster.Offset + 4 + i] = 0xFF;
            }
        }

        File.WriteAllBytes(mkv, bytes);
        var walked = Segment(mkv).Elements.Where(e => e.Id == MatroskaIds.Cluster).ToList();
        Assert.All(walked, c => Assert.True(c.UnknownSize));
        Assert.Equal(clusters.Select(c => c.End), walked.Select(c => c.End));
        Conformance.RoundTrip(mkv, "matroska", Checks.Ffprobe | Checks.Decode);
    }

    [Fact]
    public void TagsMovesIntoReservedVoidBeforeClustersWithoutGrowingTheFile()
    {
        var mkv = MakeMkv("reserved.mkv", "-reserve_index_space", "4000");
        var output = _folder.File("out.mkv");
        Conformance.Writer.Write(mkv, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "gen-0001" });
        Assert.Equal(new FileInfo(mkv).Length, new FileInfo(output).Length);

        var segment = Segment(output);
        var tags = segment.Elements.Where(e => e.Id == MatroskaIds.Tags).ToList();
        Assert.Single(tags);
        Assert.True(tags[0].Offset < segment.Elements.First(e => e.Id == MatroskaIds.Cluster).Offset);
        Assert.Contains("gen-0001", Tool.Run("exiftool", "-j", output).EnsureSuccess("exiftool").Stdout); // found without -ee
        Assert.Equal(Independent.DecodedStreamHashes(mkv), Independent.DecodedStreamHashes(output));
        Assert.Equal(SeekFrame(mkv), SeekFrame(output));
        AssertLayoutConsistent(output);
    }

    [Fact]
    public void SeekPositionWiderThanItsFieldUsesTheVoidAfterSeekHead()
    {
        var mkv = Make("big.mkv", "-c:v", "ffv1", "-c:a", "pcm_s16le");
        var before = Segment(mkv);
        Assert.True(before.DataEnd - before.DataStart > 0x10000, "the test needs Tags to land past 64 KiB");
        Assert.Equal(2, TagsSeekPositionWidth(mkv));

        var output = _folder.File("out.mkv");
        Conformance.Writer.Write(mkv, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "gen-0001" });
        Assert.Equal(3, TagsSeekPositionWidth(output));
        var after = Segment(output);
        var seekHead = after.Elements.First(e => e.Id == MatroskaIds.SeekHead);
        Assert.Equal(before.Elements.First(e => e.Id == MatroskaIds.SeekHead).TotalSize + 1, seekHead.TotalSize);
        Assert.Equal(before.Elements.First(e => e.Id == MatroskaIds.Info).Offset, after.Elements.First(e => e.Id == MatroskaIds.Info).Offset);
        Assert.Contains("gen-0001", Independent.FfprobeTags(output));
        Assert.Equal(Independent.DecodedStreamHashes(mkv), Independent.DecodedStreamHashes(output));
        Assert.Equal(SeekFrame(mkv), SeekFrame(output));
        AssertLayoutConsistent(output);
    }

    [Fact]
    public void WithoutSeekHeadOrRoomBeforeClustersLabelingFailsClearly()
    {
        var mkv = MakeMkv();
        var seekHead = Segment(mkv).Elements.First(e => e.Id == MatroskaIds.SeekHead);
        var bytes = File.ReadAllBytes(mkv);
        var (head, zeros) = EbmlPatch.VoidOf(seekHead.TotalSize);
        head.CopyTo(bytes, seekHead.Offset);
        Array.Clear(bytes, (int)seekHead.Offset + head.Length, (int)zeros);
        File.WriteAllBytes(mkv, bytes);

        var output = _folder.File("out.mkv");
        var ex = Assert.Throws<LabelingException>(() => Conformance.Writer.Write(mkv, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "gen-0001" }));
        Assert.Contains("SeekHead", ex.Message);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void PackingFillsTheRoomExactly()
    {
        var node = new EbmlNode(MatroskaIds.Tags, [EbmlNode.FromText(MatroskaIds.TagName, "AIGC")]);
        var length = node.Serialize().Length;
        Assert.Null(EbmlPatch.Pack([node], length - 1, openEnded: false));
        foreach (var room in new long[] { length, length + 1, length + 2, length + 129, length + 100_000 })
        {
            var (packed, zeros) = EbmlPatch.Pack([node], room, openEnded: false)!.Value;
            Assert.Equal(room, packed.Length + zeros);
        }

        Assert.Equal(length, EbmlPatch.Pack([node], 3, openEnded: true)!.Value.Head.Length);
    }

    [Fact]
    public void TruncatedFileIsCorruptAndNothingIsWritten()
    {
        var mkv = MakeMkv();
        var bytes = File.ReadAllBytes(mkv);
        File.WriteAllBytes(mkv, bytes[..(bytes.Length - 100)]);
        var output = _folder.File("out.mkv");
        Assert.Throws<ContainerFormatException>(() => Conformance.Writer.Write(mkv, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "a" }));
        Assert.False(File.Exists(output));
        Assert.Contains(Conformance.Inspector.Inspect(mkv).Problems, p => p.Code == "container.corrupt");
    }

    [Fact]
    public void DetectsByDocTypeNotName()
    {
        var webm = _folder.File("clip.mp4");
        File.Move(Make("in.webm", "-c:v", "libvpx", "-deadline", "realtime", "-c:a", "libopus"), webm);
        Assert.Equal("webm", Conformance.Inspector.Inspect(webm).Format);
        Assert.True(new MatroskaCarrier().Detect(File.ReadAllBytes(webm)));
        Assert.False(new MatroskaCarrier().Detect([0x1A, 0x45, 0xDF, 0xA3, 0x84, 0x42, 0x82, 0x81, (byte)'x']));
    }

    [Fact]
    public void CorruptedMkvNeverCrashesOrWritesHalfFiles() => Corruption.Fuzz(MakeMkv());

    [Fact]
    public void CorruptedWebmNeverCrashesOrWritesHalfFiles() =>
        Corruption.Fuzz(Make("in.webm", "-c:v", "libvpx", "-deadline", "realtime", "-c:a", "libopus", "-t", "0.5"));

    /// <summary>A Matroska file muxed to a pipe, as a live muxer writes it: the Segment size is unknown.</summary>
    private string MakeLive(params string[] extra)
    {
        var mkv = _folder.File("live.mkv");
        Tool.Run("sh", "-c", $"ffmpeg -nostdin -loglevel error -y {string.Join(' ', Sources)} -c:v libx264 -c:a aac {string.Join(' ', extra)} -f matroska - > '{mkv}'").EnsureSuccess("ffmpeg to a pipe");
        return mkv;
    }

    /// <summary>mkvtoolnix (libmatroska, a reader independent of ffmpeg) parses the file and extracts exactly one AIGC tag.</summary>
    private static string AssertMkvtoolnixSeesOneLabel(string path, string expected)
    {
        Tool.Run("mkvinfo", "-a", path).EnsureSuccess("mkvinfo");
        var tags = Tool.Run("mkvextract", path, "tags", "-").EnsureSuccess("mkvextract").Stdout;
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(tags, "<Name>AIGC</Name>"));
        Assert.Contains(expected, tags);
        return tags;
    }

    private static string SeekFrame(string path) =>
        Tool.Run("ffmpeg", "-nostdin", "-v", "error", "-ss", "1", "-i", path, "-frames:v", "1", "-f", "md5", "-").EnsureSuccess("ffmpeg seek").Stdout;

    private static int TagsSeekPositionWidth(string path)
    {
        using var stream = File.OpenRead(path);
        var seekHead = MatroskaLayout.Read(stream).Segments.Single().Elements.First(e => e.Id == MatroskaIds.SeekHead);
        stream.Position = seekHead.DataOffset;
        var data = new byte[seekHead.DataSize];
        stream.ReadExactly(data);
        var node = EbmlNode.ParseMaster(seekHead.Id, data, MatroskaIds.IsMetadataMaster);
        return node.ChildrenWithId(MatroskaIds.Seek).Single(s => s.Child(MatroskaIds.SeekId)!.Unsigned == MatroskaIds.Tags).Child(MatroskaIds.SeekPosition)!.Data!.Length;
    }

    private static MatroskaSegment Segment(string path)
    {
        using var stream = File.OpenRead(path);
        return MatroskaLayout.Read(stream).Segments.Single();
    }

    /// <summary>
    /// The Segment size matches the file, every SeekHead entry points at an element of the type it names, and a
    /// Tags entry exists when the Tags element lies after the first Cluster (so ffmpeg finds it).
    /// </summary>
    private static void AssertLayoutConsistent(string path)
    {
        using var stream = File.OpenRead(path);
        var segment = MatroskaLayout.Read(stream).Segments.Single();
        Assert.True(segment.Header.UnknownSize || segment.Header.End == stream.Length, "Segment size does not match the file");
        var byOffset = segment.Elements.ToDictionary(e => (ulong)(e.Offset - segment.DataStart), e => e.Id);
        var pointed = new List<ulong>();
        foreach (var seekHead in segment.Elements.Where(e => e.Id == MatroskaIds.SeekHead))
        {
            stream.Position = seekHead.DataOffset;
            var data = new byte[seekHead.DataSize];
            stream.ReadExactly(data);
            var node = EbmlNode.ParseMaster(seekHead.Id, data, MatroskaIds.IsMetadataMaster);
            foreach (var seek in node.ChildrenWithId(MatroskaIds.Seek))
            {
                var id = seek.Child(MatroskaIds.SeekId)!.Unsigned;
                var position = seek.Child(MatroskaIds.SeekPosition)!.Unsigned;
                Assert.True(byOffset.TryGetValue(position, out var found) && found == id, $"SeekHead entry 0x{id:X} → {position} points at no such element");
                pointed.Add(position);
            }
        }

        // The elements the writer rebuilds keep a correct CRC-32 (IEEE, little-endian, over the data after it).
        foreach (var element in segment.Elements.Where(e => e.Id is MatroskaIds.SeekHead or MatroskaIds.Tags))
        {
            stream.Position = element.DataOffset;
            var data = new byte[element.DataSize];
            stream.ReadExactly(data);
            if (data.Length >= 6 && data[0] == 0xBF && data[1] == 0x84)
            {
                Assert.Equal(Labels.IO.Crc32.Compute(data.AsSpan(6)), System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(2)));
            }
        }

        var firstCluster = segment.Elements.First(e => e.Id == MatroskaIds.Cluster).Offset;
        foreach (var tags in segment.Elements.Where(e => e.Id == MatroskaIds.Tags && e.Offset > firstCluster))
        {
            Assert.Contains((ulong)(tags.Offset - segment.DataStart), pointed);
        }
    }
}
