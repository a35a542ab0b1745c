using System.Buffers.Binary;
using System.Text;
using Qinglang.Labels.Carriers.Riff;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

public sealed class WavCarrierTests : IDisposable
{
    private const string OldLabel = "{\"Label\":\"1\",\"ContentProducer\":\"old\",\"ProduceID\":\"x1\"}";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string MakeWav(string name = "in.wav", params string[] extra) =>
        Tool.Ffmpeg(_folder.File(name), ["-f", "lavfi", "-i", "sine=d=1", .. extra]);

    /// <summary>exiftool shows unknown RIFF chunks as RIFF:Unknown_AIGC (binary, so read with -b): an independent check.</summary>
    private static void AssertExiftoolSeesLabel(string path, string expected)
    {
        var values = RiffTestChunks.ExiftoolAigcValues(path);
        Assert.Single(values);
        Assert.Contains(expected, values[0]);
    }

    [Fact]
    public void RoundTripDecodesIdenticallyAndExiftoolSeesTheChunk()
    {
        var labeled = Conformance.RoundTrip(MakeWav(), "wav", Checks.Decode);
        AssertExiftoolSeesLabel(labeled, "post-0002");
        var chunks = RiffTestChunks.Children(File.ReadAllBytes(labeled));
        Assert.Equal("AIGC", chunks[^1].Id);
        Assert.Single(chunks, c => c.Id == "AIGC");
    }

    [Fact]
    public void FfmpegInfoListIsKept()
    {
        var wav = MakeWav("titled.wav", "-metadata", "title=x", "-metadata", "artist=Someone");
        var before = File.ReadAllBytes(wav);
        var info = RiffTestChunks.Children(before).Single(c => c.ListType == "INFO");

        var labeled = Conformance.RoundTrip(wav, "wav", Checks.Decode);
        var after = File.ReadAllBytes(labeled);
        var kept = RiffTestChunks.Children(after).Single(c => c.ListType == "INFO");
        Assert.Equal(before[info.Offset..info.End], after[kept.Offset..kept.End]);
        var tags = Independent.FfprobeTags(labeled);
        Assert.Contains("\"title\": \"x\"", tags);
        Assert.Contains("Someone", tags);
        AssertExiftoolSeesLabel(labeled, "post-0002");
    }

    [Fact]
    public void InfoChildAlternativeIsReadAndReplacedByOneChunk()
    {
        var wav = MakeWav("info.wav", "-metadata", "title=x");
        var bytes = File.ReadAllBytes(wav);
        var info = RiffTestChunks.Children(bytes).Single(c => c.ListType == "INFO");
        var children = RiffTestChunks.Walk(bytes, info.Offset + 12, info.Offset + 8 + info.Size).Select(c => bytes[c.Offset..c.End]).ToList();
        var newInfo = RiffTestChunks.List("INFO", [.. children, RiffTestChunks.Chunk("AIGC", [.. Encoding.UTF8.GetBytes(OldLabel), 0])]);
        File.WriteAllBytes(wav, RiffTestChunks.Splice(bytes, info.Offset, info.End, newInfo));
        Assert.Contains("ContentProducer", Independent.FfprobeTags(wav)); // ffprobe reads it as an INFO tag

        var report = Conformance.Inspector.Inspect(wav);
        Assert.Single(report.Sites);
        Assert.Equal("riff-info", report.Sites[0].Kind);
        Assert.Equal("old", report.Label!.ContentProducer);

        Conformance.Writer.Write(wav, null, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "new" });
        var after = Conformance.Inspector.Inspect(wav);
        Assert.True(after.IsValid, Conformance.Describe(after));
        Assert.Single(after.Sites);
        Assert.Equal("riff-chunk", after.Sites[0].Kind);
        var tags = Independent.FfprobeTags(wav);
        Assert.Contains("\"title\": \"x\"", tags);
        Assert.DoesNotContain("ContentProducer", tags);
        var labeled = File.ReadAllBytes(wav);
        var rebuilt = RiffTestChunks.Children(labeled).Single(c => c.ListType == "INFO");
        Assert.Equal(bytes[info.Offset..info.End], labeled[rebuilt.Offset..rebuilt.End]); // the original INFO list again
    }

    [Fact]
    public void LongRecordingsAreLabeledInPlaceWithoutTouchingTheAudio()
    {
        var wav = MakeWav("long.wav", "-metadata", "title=x");
        var before = File.ReadAllBytes(wav);
        var first = Conformance.Writer.Write(wav, null, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "p1" });
        Assert.True(first.InPlace);
        var labeled = File.ReadAllBytes(wav);
        Assert.Equal(before[8..], labeled[8..before.Length]); // only the RIFF size changed; the label was appended

        var again = Conformance.Writer.Write(wav, null, new LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "p2" });
        Assert.False(again.InPlace); // the label grew: rewritten through a copy
        var same = Conformance.Writer.Write(wav, null, new LabelRequest { PropagateID = "p3" });
        Assert.True(same.InPlace); // same length: overwritten where it lies

        var report = Conformance.Inspector.Inspect(wav);
        Assert.True(report.IsValid, Conformance.Describe(report));
        Assert.Equal("p1", report.Label!.ProduceID);
        Assert.Equal("p3", report.Label.PropagateID);
        Assert.Equal(Independent.DecodedStreamHashes(MakeWav("fresh.wav", "-metadata", "title=x")), Independent.DecodedStreamHashes(wav));
        AssertExiftoolSeesLabel(wav, "p3");
    }

    [Fact]
    public void LabelInAnAdobeXmpChunkIsReadAndRemovedKeepingTheRestOfTheXmp()
    {
        var wav = MakeWav("xmp.wav");
        var bytes = File.ReadAllBytes(wav);
        File.WriteAllBytes(wav, RiffTestChunks.Splice(bytes, bytes.Length, bytes.Length, RiffTestChunks.XmpChunkWithLabel(_folder.Path, OldLabel)));
        var report = Conformance.Inspector.Inspect(wav);
        Assert.Equal("xmp", Assert.Single(report.Sites).Kind);
        Assert.Equal("old", report.Label!.ContentProducer);

        var result = Conformance.Writer.Write(wav, null, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "new" });
        Assert.False(result.InPlace);
        var after = Conformance.Inspector.Inspect(wav);
        Assert.True(after.IsValid, Conformance.Describe(after));
        Assert.Equal("riff-chunk", Assert.Single(after.Sites).Kind);
        Assert.Equal("new", after.Label!.ProduceID);
        var xmp = Tool.Run("exiftool", "-j", "-XMP:all", wav).EnsureSuccess("exiftool").Stdout;
        Assert.Contains("Alice", xmp);
        Assert.DoesNotContain("ContentProducer", xmp);
        Assert.Equal(Independent.DecodedStreamHashes(MakeWav("plain.wav")), Independent.DecodedStreamHashes(wav));
    }

    [Fact]
    public void MalformedXmpChunkHoldingALabelIsDroppedNotLeftAsASecondSite()
    {
        var wav = MakeWav("badxmp.wav");
        var bytes = File.ReadAllBytes(wav);
        var packet = Encoding.UTF8.GetBytes("<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF><TC260:AIGC>" + System.Net.WebUtility.HtmlEncode(OldLabel) + "</TC260:AIGC>");
        File.WriteAllBytes(wav, RiffTestChunks.Splice(bytes, bytes.Length, bytes.Length, RiffTestChunks.Chunk("_PMX", packet)));
        var report = Conformance.Inspector.Inspect(wav);
        Assert.Equal("old", report.Label!.ContentProducer);
        Assert.Contains(report.Problems, p => p.Code == "label.xmp_malformed");

        Conformance.Writer.Write(wav, null, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "new" });
        var after = Conformance.Inspector.Inspect(wav);
        Assert.True(after.IsValid, Conformance.Describe(after));
        Assert.Equal("riff-chunk", Assert.Single(after.Sites).Kind);
        Assert.DoesNotContain(RiffTestChunks.Children(File.ReadAllBytes(wav)), c => c.Id == "_PMX");
    }

    [Fact]
    public void OddSizedChunksKeepTheirPadding()
    {
        var wav = MakeWav("odd.wav", "-metadata", "title=abc");
        var bytes = File.ReadAllBytes(wav);
        var data = RiffTestChunks.Children(bytes).Single(c => c.Id == "data");
        var odd = RiffTestChunks.Chunk("zodd", Encoding.ASCII.GetBytes("three"));
        File.WriteAllBytes(wav, RiffTestChunks.Splice(bytes, data.Offset, data.Offset, odd));

        var labeled = Conformance.RoundTrip(wav, "wav", Checks.Decode);
        var after = File.ReadAllBytes(labeled);
        var chunk = RiffTestChunks.Children(after).Single(c => c.Id == "zodd");
        Assert.Equal(odd, after[chunk.Offset..chunk.End]);
        Assert.Equal(0, after[chunk.End - 1]);
    }

    [Fact]
    public void OddDataChunkWithoutItsFinalPadByteGetsOneBeforeTheLabel()
    {
        // 8-bit mono with an odd sample count: the data chunk is odd-sized; drop its pad byte, as some writers do.
        var wav = Tool.Ffmpeg(_folder.File("u8.wav"), "-f", "lavfi", "-i", "sine=d=1:sample_rate=8000", "-af", "atrim=end_sample=1001", "-c:a", "pcm_u8");
        var bytes = File.ReadAllBytes(wav);
        var data = RiffTestChunks.Children(bytes).Single(c => c.Id == "data");
        Assert.Equal(1, data.Size & 1);
        Assert.Equal(bytes.Length, data.End);
        File.WriteAllBytes(wav, RiffTestChunks.Splice(bytes, bytes.Length - 1, bytes.Length, []));

        var labeled = Conformance.RoundTrip(wav, "wav", Checks.Decode);
        var chunks = RiffTestChunks.Children(File.ReadAllBytes(labeled));
        Assert.Equal(["fmt ", "LIST", "data", "AIGC"], chunks.Select(c => c.Id));
    }

    [Fact]
    public void StreamedWavGetsItsSizesFilledInSoTheLabelIsNotPlayedAsSamples()
    {
        // ffmpeg writing WAV to a pipe cannot seek back: RIFF and data sizes stay 0xFFFFFFFF (as `ffmpeg -f wav -` shows).
        var wav = MakeWav("streamed.wav");
        var bytes = File.ReadAllBytes(wav);
        var data = RiffTestChunks.Children(bytes).Single(c => c.Id == "data");
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(data.Offset + 4), 0xFFFFFFFF);
        File.WriteAllBytes(wav, bytes);
        Assert.Contains(Conformance.Inspector.Inspect(wav).Problems, p => p.Message.Contains("streamed", StringComparison.Ordinal));

        var labeled = Conformance.RoundTrip(wav, "wav", Checks.Decode);
        var chunks = RiffTestChunks.Children(File.ReadAllBytes(labeled));
        Assert.Equal(["fmt ", "LIST", "data", "AIGC"], chunks.Select(c => c.Id));
        Assert.Equal(data.Size, chunks[2].Size);
        AssertExiftoolSeesLabel(labeled, "post-0002");
    }

    [Fact]
    public void OddLabelChunkWithoutItsPadByteAtTheEndIsReplacedCleanly()
    {
        // Another writer's odd-sized AIGC chunk ends the file without its pad byte.
        var wav = MakeWav("oddlabel.wav");
        var bytes = File.ReadAllBytes(wav);
        var value = OldLabel.Length % 2 == 1 ? OldLabel : OldLabel + " ";
        var chunk = RiffTestChunks.Chunk("AIGC", Encoding.UTF8.GetBytes(value));
        File.WriteAllBytes(wav, RiffTestChunks.Splice(bytes, bytes.Length, bytes.Length, chunk[..^1]));
        Assert.Equal("old", Conformance.Inspector.Inspect(wav).Label!.ContentProducer);

        Conformance.Writer.Write(wav, null, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "new" });
        var after = Conformance.Inspector.Inspect(wav);
        Assert.True(after.IsValid, Conformance.Describe(after));
        Assert.Equal(["fmt ", "LIST", "data", "AIGC"], RiffTestChunks.Children(File.ReadAllBytes(wav)).Select(c => c.Id));
        Assert.Equal(Independent.DecodedStreamHashes(MakeWav("plain.wav")), Independent.DecodedStreamHashes(wav));
    }

    [Fact]
    public void Rf64KeepsItsDs64SizesRight()
    {
        var wav = MakeWav("rf64.wav", "-rf64", "always");
        Assert.Equal("RF64", Encoding.ASCII.GetString(File.ReadAllBytes(wav), 0, 4));
        var labeled = Conformance.RoundTrip(wav, "wav", Checks.Decode);
        var bytes = File.ReadAllBytes(labeled);
        Assert.Equal("RF64", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(0xFFFFFFFFu, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal("ds64", Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal((ulong)bytes.Length - 8, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(20)));
        // The data chunk's 32-bit size is the 0xFFFFFFFF placeholder; ds64 holds the real one, and the label follows it.
        var data = bytes.AsSpan().IndexOf("data"u8);
        Assert.Equal(0xFFFFFFFFu, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(data + 4)));
        var dataSize = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(28));
        var label = RiffTestChunks.Walk(bytes, data + 8 + dataSize + (dataSize & 1), bytes.Length);
        Assert.Equal(["AIGC"], label.Select(c => c.Id));
        AssertExiftoolSeesLabel(labeled, "post-0002");
    }

    [Fact]
    public void LyingDataSizeIsCorruptAndNotWritten()
    {
        var wav = MakeWav();
        var bytes = File.ReadAllBytes(wav);
        var data = RiffTestChunks.Children(bytes).Single(c => c.Id == "data");
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(data.Offset + 4), (uint)data.Size + 1000);
        File.WriteAllBytes(wav, bytes);
        Assert.Contains(Conformance.Inspector.Inspect(wav).Problems, p => p.Code == "container.corrupt");
        var output = _folder.File("out.wav");
        Assert.Throws<Labels.Carriers.ContainerFormatException>(() => Conformance.Writer.Write(wav, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "a" }));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void DetectsByMagicNotName()
    {
        var wav = _folder.File("sound.mp3");
        File.Move(MakeWav(), wav);
        Assert.Equal("wav", Conformance.Inspector.Inspect(wav).Format);
        Assert.True(new WavCarrier().Detect(File.ReadAllBytes(wav)));
        Assert.False(new AviCarrier().Detect(File.ReadAllBytes(wav)));
    }

    [Fact]
    public void CorruptedCopiesNeverCrashOrWriteHalfFiles() => Corruption.Fuzz(MakeWav("fuzz.wav", "-metadata", "title=x"));
}
