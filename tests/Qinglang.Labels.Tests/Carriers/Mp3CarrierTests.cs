using System.Buffers.Binary;
using System.Text;
using Qinglang.Labels.Carriers.Mp3;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

public sealed class Mp3CarrierTests : IDisposable
{
    private const string OldLabel = "{\"Label\":\"1\",\"ContentProducer\":\"old\",\"ProduceID\":\"x1\"}";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string MakeMp3(string name = "in.mp3", params string[] extra) =>
        Tool.Ffmpeg(_folder.File(name), ["-f", "lavfi", "-i", "sine=d=2", "-c:a", "libmp3lame", .. extra]);

    /// <summary>Runs a Python snippet with mutagen (Debian python3-mutagen, so Debian's python3), an ID3 reader/writer independent of ours.</summary>
    private static string Mutagen(string script, params string[] args) =>
        Tool.Run("/usr/bin/python3", ["-c", script, .. args]).EnsureSuccess("python3 mutagen").Stdout;

    /// <summary>Every TXXX frame mutagen sees, as "desc=value" lines, plus the tag version.</summary>
    private static string MutagenTxxx(string path) => Mutagen(
        "import sys; from mutagen.id3 import ID3; t=ID3(sys.argv[1]); print('version', t.version);\n" +
        "for f in t.getall('TXXX'): print(f.desc + '=' + f.text[0])\n" +
        "for f in t.getall('PRIV'): print('PRIV', f.owner, f.data.hex())\n" +
        "for k in ('TIT2','TPE1'):\n  if k in t: print(k, t[k].text[0])", path);

    [Fact]
    public void RoundTripOfId3v24IsSeenByExiftoolAndFfprobeAndDecodesIdentically() =>
        Conformance.RoundTrip(MakeMp3(), "mp3", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);

    [Fact]
    public void RoundTripOfId3v23KeepsTheVersion()
    {
        var labeled = Conformance.RoundTrip(MakeMp3("v23.mp3", "-id3v2_version", "3"), "mp3", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);
        Assert.Equal(3, File.ReadAllBytes(labeled)[3]);
        Assert.Contains("version (2, 3, 0)", MutagenTxxx(labeled));
    }

    [Fact]
    public void FileWithoutTagGetsAnId3v23Tag()
    {
        var mp3 = MakeMp3("bare.mp3", "-id3v2_version", "0", "-write_xing", "0");
        Assert.NotEqual((byte)'I', File.ReadAllBytes(mp3)[0]);
        Assert.True(new Mp3Carrier().Detect(File.ReadAllBytes(mp3)));
        var labeled = Conformance.RoundTrip(mp3, "mp3", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);
        var bytes = File.ReadAllBytes(labeled);
        Assert.Equal("ID3"u8.ToArray(), bytes[..3]);
        Assert.Equal(3, bytes[3]);
        var original = File.ReadAllBytes(mp3);
        Assert.Equal(original, bytes[^original.Length..]); // the audio is copied whole after the new tag
    }

    [Fact]
    public void ShortUtf16LittleEndianTextIsNotTakenForAFrame()
    {
        // FF FE (the UTF-16 LE byte-order mark) parses as an MPEG-1 Layer I header; one header is not enough.
        var text = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("今天天气晴。\n")).ToArray();
        Assert.False(new Mp3Carrier().Detect(text));
        var path = _folder.File("note.txt");
        File.WriteAllBytes(path, text);
        Assert.Equal("text", new Qinglang.Labels.Inspection.LabelInspector(Qinglang.Labels.Carriers.CarrierRegistry.Default).Inspect(path).Format);
    }

    [Fact]
    public void FfmpegAigcTagIsReplacedAndOtherFramesKeptByteForByte()
    {
        var mp3 = MakeMp3("tagged.mp3", "-metadata", "title=Sunset", "-metadata", "artist=Alice", "-metadata", $"AIGC={OldLabel}");
        var before = Conformance.Inspector.Inspect(mp3);
        Assert.Single(before.Sites);
        Assert.Equal("id3-txxx", before.Sites[0].Kind);
        Assert.Equal("old", before.Label!.ContentProducer);
        var titleFrame = FrameBytes(File.ReadAllBytes(mp3), "TIT2");

        var output = _folder.File("out.mp3");
        Conformance.Writer.Write(mp3, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "new" });
        var after = Conformance.Inspector.Inspect(output);
        Assert.Single(after.Sites);
        Assert.Equal(Conformance.Producer, after.Label!.ContentProducer);

        var frames = MutagenTxxx(output);
        Assert.Single(frames.Split('\n'), l => l.StartsWith("AIGC=", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("\"old\"", frames);
        Assert.Contains("TIT2 Sunset", frames);
        Assert.Contains("TPE1 Alice", frames);
        Assert.Equal(titleFrame, FrameBytes(File.ReadAllBytes(output), "TIT2"));
        Assert.Equal(Independent.DecodedStreamHashes(mp3), Independent.DecodedStreamHashes(output));
    }

    [Fact]
    public void Utf16TxxxFromMutagenIsReadAndReplaced()
    {
        var mp3 = MakeMp3("utf16.mp3", "-id3v2_version", "3");
        Mutagen("import sys; from mutagen.id3 import ID3, TXXX; t=ID3(sys.argv[1]);\n" +
            "t.add(TXXX(encoding=1, desc='aigc', text=[sys.argv[2]])); t.save(sys.argv[1], v2_version=3)", mp3, OldLabel);
        Assert.Contains("{\0\"\0L\0a\0b\0e\0l\0", Encoding.Latin1.GetString(File.ReadAllBytes(mp3))); // really UTF-16

        var report = Conformance.Inspector.Inspect(mp3);
        Assert.Single(report.Sites);
        Assert.Equal("old", report.Label!.ContentProducer);

        Conformance.Writer.Write(mp3, null, new LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "p1" });
        var frames = MutagenTxxx(mp3);
        var aigc = Assert.Single(frames.Split('\n'), l => l.StartsWith("AIGC=", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("\"ContentProducer\":\"old\"", aigc); // the producer's fields stay, the platform's are added
        Assert.Contains("\"PropagateID\":\"p1\"", aigc);
    }

    [Fact]
    public void Id3v23UnsynchronisedTagIsDecodedAndStaysReadableByMutagen()
    {
        var mp3 = MakeMp3("plain.mp3", "-id3v2_version", "0", "-write_xing", "0");
        // A PRIV frame whose data holds false syncs (FF E0, FF 00) so unsynchronisation really changes bytes.
        byte[] privData = [.. "qinglang-test\0"u8, 0xFF, 0xE0, 0x12, 0xFF, 0x00, 0xFF];
        var txxx = Id3Frame("TXXX", [0, .. Encoding.Latin1.GetBytes("AIGC\0" + OldLabel)]);
        var priv = Id3Frame("PRIV", privData);
        var body = Unsynchronise([.. priv, .. txxx]);
        var header = new byte[10];
        "ID3"u8.CopyTo(header);
        header[3] = 3;
        header[5] = 0x80; // tag-level unsynchronisation
        WriteSynchsafe(header.AsSpan(6), body.Length + 64);
        File.WriteAllBytes(mp3, [.. header, .. body, .. new byte[64], .. File.ReadAllBytes(mp3)]);
        Assert.Contains("PRIV qinglang-test ffe012ff00ff", MutagenTxxx(mp3)); // mutagen agrees the test tag is right

        var report = Conformance.Inspector.Inspect(mp3);
        Assert.Single(report.Sites);
        Assert.Equal("old", report.Label!.ContentProducer);

        var labeled = Conformance.RoundTrip(mp3, "mp3", Checks.Exiftool | Checks.Decode);
        var bytes = File.ReadAllBytes(labeled);
        Assert.Equal(0x80, bytes[5] & 0x80); // still unsynchronised
        var frames = MutagenTxxx(labeled);
        Assert.Contains("PRIV qinglang-test ffe012ff00ff", frames);
        Assert.Single(frames.Split('\n'), l => l.StartsWith("AIGC=", StringComparison.Ordinal));
        Assert.Contains("post-0002", frames);
    }

    [Fact]
    public void Id3v24PerFrameUnsynchronisationDataLengthAndExtendedHeaderAreHandled()
    {
        var mp3 = MakeMp3("plain24.mp3", "-id3v2_version", "0", "-write_xing", "0");
        byte[] privData = [.. "qinglang-test\0"u8, 0xFF, 0xE0, 0x12, 0xFF, 0x00, 0xFF];
        byte[] txxxData = [3, .. Encoding.UTF8.GetBytes("aigc\0" + OldLabel)];
        // Frame flags 0x0003: unsynchronised, with a data length indicator (ID3v2.4 structure §4.1.2).
        var priv = Id3v24Frame("PRIV", privData, 0x0003);
        var txxx = Id3v24Frame("TXXX", txxxData, 0x0003);
        byte[] extendedHeader = [0, 0, 0, 6, 1, 0]; // synchsafe size 6 (itself), one flag byte, no flags
        var body = (byte[])[.. extendedHeader, .. priv, .. txxx, .. new byte[32]];
        var header = new byte[10];
        "ID3"u8.CopyTo(header);
        header[3] = 4;
        header[5] = 0x40; // extended header present
        WriteSynchsafe(header.AsSpan(6), body.Length);
        File.WriteAllBytes(mp3, [.. header, .. body, .. File.ReadAllBytes(mp3)]);
        var before = MutagenTxxx(mp3);
        Assert.Contains("PRIV qinglang-test ffe012ff00ff", before);
        Assert.Contains("aigc=" + OldLabel, before);

        var report = Conformance.Inspector.Inspect(mp3);
        Assert.Single(report.Sites);
        Assert.Equal("old", report.Label!.ContentProducer);

        var labeled = Conformance.RoundTrip(mp3, "mp3", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);
        var after = MutagenTxxx(labeled);
        Assert.Contains("version (2, 4, 0)", after);
        Assert.Contains("PRIV qinglang-test ffe012ff00ff", after); // the unsynchronised frame was kept as it was
        Assert.Single(after.Split('\n'), l => l.StartsWith("AIGC=", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("post-0002", after);
        Assert.True(File.ReadAllBytes(labeled).AsSpan().IndexOf(priv) > 0, "the PRIV frame is byte for byte as it was");
    }

    [Fact]
    public void Id3v24WithPlainFrameSizesFromOldITunesIsReadAndWrittenConsistently()
    {
        var mp3 = MakeMp3("itunes.mp3", "-id3v2_version", "0", "-write_xing", "0");
        byte[] privData = [.. "qinglang-test\0"u8, .. Enumerable.Repeat((byte)0x41, 300)];
        var priv = Id3Frame("PRIV", privData); // a plain 32-bit size: 0x0000014E, which misreads as synchsafe
        var txxx = Id3Frame("TXXX", [3, .. Encoding.UTF8.GetBytes("AIGC\0" + OldLabel)]);
        var body = (byte[])[.. priv, .. txxx, .. new byte[100]];
        var header = new byte[10];
        "ID3"u8.CopyTo(header);
        header[3] = 4;
        WriteSynchsafe(header.AsSpan(6), body.Length);
        File.WriteAllBytes(mp3, [.. header, .. body, .. File.ReadAllBytes(mp3)]);
        Assert.Contains("AIGC=" + OldLabel, MutagenTxxx(mp3)); // mutagen reads the iTunes variant too

        var report = Conformance.Inspector.Inspect(mp3);
        Assert.Equal("old", report.Label!.ContentProducer);
        Assert.Contains(report.Problems, p => p.Message.Contains("iTunes", StringComparison.Ordinal));

        var output = _folder.File("out.mp3");
        Conformance.Writer.Write(mp3, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = new string('z', 200) });
        var after = MutagenTxxx(output);
        Assert.Contains("PRIV qinglang-test " + Convert.ToHexString([.. Enumerable.Repeat((byte)0x41, 300)]).ToLowerInvariant(), after);
        Assert.Contains(new string('z', 200), Assert.Single(after.Split('\n'), l => l.StartsWith("AIGC=", StringComparison.Ordinal)));
        Assert.Equal(Independent.DecodedStreamHashes(mp3), Independent.DecodedStreamHashes(output));
    }

    [Fact]
    public void Id3v24TagWithFooterKeepsItsFooterAndHasNoPadding()
    {
        var mp3 = MakeMp3("footer.mp3", "-id3v2_version", "0", "-write_xing", "0");
        var audio = File.ReadAllBytes(mp3);
        var body = Id3v24Frame("TIT2", [3, .. "Sunset"u8], 0);
        var header = new byte[10];
        "ID3"u8.CopyTo(header);
        header[3] = 4;
        header[5] = 0x10; // footer present
        WriteSynchsafe(header.AsSpan(6), body.Length);
        var footer = (byte[])header.Clone();
        "3DI"u8.CopyTo(footer);
        File.WriteAllBytes(mp3, [.. header, .. body, .. footer, .. audio]);
        Assert.Contains("TIT2 Sunset", MutagenTxxx(mp3));

        var labeled = Conformance.RoundTrip(mp3, "mp3", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);
        var bytes = File.ReadAllBytes(labeled);
        var size = ReadSynchsafe(bytes.AsSpan(6));
        Assert.Equal(0x10, bytes[5] & 0x10);
        Assert.Equal("3DI"u8.ToArray(), bytes[(10 + size)..(13 + size)]);
        Assert.NotEqual(0, bytes[10 + size - 1]); // the frames run right up to the footer: no padding
        Assert.Equal(audio, bytes[(20 + size)..]);
        var frames = MutagenTxxx(labeled);
        Assert.Contains("TIT2 Sunset", frames);
        Assert.Contains("post-0002", frames);
    }

    [Fact]
    public void Id3v22TagIsReadButNotRewritten()
    {
        var mp3 = MakeMp3("v22.mp3", "-id3v2_version", "0", "-write_xing", "0");
        var text = Encoding.Latin1.GetBytes("\0AIGC\0" + OldLabel);
        byte[] frame = [.. "TXX"u8, 0, (byte)(text.Length >> 8), (byte)text.Length, .. text];
        var header = new byte[10];
        "ID3"u8.CopyTo(header);
        header[3] = 2;
        WriteSynchsafe(header.AsSpan(6), frame.Length + 16);
        File.WriteAllBytes(mp3, [.. header, .. frame, .. new byte[16], .. File.ReadAllBytes(mp3)]);
        var original = File.ReadAllBytes(mp3);

        var report = Conformance.Inspector.Inspect(mp3);
        Assert.Equal("old", report.Label!.ContentProducer);
        Assert.Contains("ID3v2.2", Assert.Single(report.Sites).Location);

        var output = _folder.File("out.mp3");
        var ex = Assert.Throws<LabelingException>(() => Conformance.Writer.Write(mp3, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "a" }));
        Assert.Contains("ID3v2.2", ex.Message);
        Assert.False(File.Exists(output));
        Assert.Equal(original, File.ReadAllBytes(mp3));
    }

    [Fact]
    public void TwoLabelFramesBecomeOne()
    {
        var mp3 = MakeMp3("two.mp3", "-id3v2_version", "0", "-write_xing", "0");
        var first = Id3Frame("TXXX", [0, .. Encoding.Latin1.GetBytes("AIGC\0" + OldLabel)]);
        var second = Id3Frame("TXXX", [0, .. Encoding.Latin1.GetBytes("Aigc\0" + OldLabel.Replace("old", "other", StringComparison.Ordinal))]);
        var title = Id3Frame("TIT2", [0, .. "Sunset"u8]);
        var body = (byte[])[.. first, .. title, .. second];
        var header = new byte[10];
        "ID3"u8.CopyTo(header);
        header[3] = 3;
        WriteSynchsafe(header.AsSpan(6), body.Length);
        File.WriteAllBytes(mp3, [.. header, .. body, .. File.ReadAllBytes(mp3)]);
        var before = Conformance.Inspector.Inspect(mp3);
        Assert.Equal(2, before.Sites.Count);
        Assert.Contains(before.Problems, p => p.Code == "label.duplicate");

        Conformance.Writer.Write(mp3, null, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "one" });
        Assert.Single(Conformance.Inspector.Inspect(mp3).Sites);
        var frames = MutagenTxxx(mp3);
        Assert.Single(frames.Split('\n'), l => l.StartsWith("AIGC=", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("TIT2 Sunset", frames);
    }

    [Fact]
    public void PaddingAbsorbsTheLabelSoTheAudioDoesNotMove()
    {
        var mp3 = MakeMp3("padded.mp3", "-id3v2_version", "3", "-metadata", "title=Sunset");
        Mutagen("import sys; from mutagen.id3 import ID3; t=ID3(sys.argv[1]); t.save(sys.argv[1], v2_version=3, padding=lambda info: 4096)", mp3);
        var original = File.ReadAllBytes(mp3);
        var tagLength = 10 + ReadSynchsafe(original.AsSpan(6));

        var output = _folder.File("out.mp3");
        Conformance.Writer.Write(mp3, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "a" });
        var labeled = File.ReadAllBytes(output);
        Assert.Equal(original.Length, labeled.Length);
        Assert.Equal(original[tagLength..], labeled[tagLength..]);

        // Labeling where it lies is an in-place edit of the tag only.
        var result = Conformance.Writer.Write(mp3, null, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "a" });
        Assert.True(result.InPlace);
        Assert.Equal(labeled, File.ReadAllBytes(mp3));
    }

    [Fact]
    public void Id3v1TagAtTheEndIsKept()
    {
        var mp3 = MakeMp3("v1.mp3", "-write_id3v1", "1", "-metadata", "title=Sunset");
        var tail = File.ReadAllBytes(mp3)[^128..];
        Assert.Equal("TAG"u8.ToArray(), tail[..3]);
        var labeled = Conformance.RoundTrip(mp3, "mp3", Checks.Exiftool | Checks.Decode);
        Assert.Equal(tail, File.ReadAllBytes(labeled)[^128..]);
    }

    [Fact]
    public void TruncatedTagIsCorruptAndNothingIsWritten()
    {
        var mp3 = MakeMp3("cut.mp3", "-metadata", "title=Sunset");
        var bytes = File.ReadAllBytes(mp3);
        WriteSynchsafe(bytes.AsSpan(6), bytes.Length); // the tag claims more than the file holds
        File.WriteAllBytes(mp3, bytes);
        Assert.Contains(Conformance.Inspector.Inspect(mp3).Problems, p => p.Code == "container.corrupt");
        var output = _folder.File("out.mp3");
        Assert.Throws<Labels.Carriers.ContainerFormatException>(() => Conformance.Writer.Write(mp3, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "a" }));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void CorruptedCopiesNeverCrashOrWriteHalfFiles() => Corruption.Fuzz(MakeMp3("fuzz.mp3", "-metadata", "title=Sunset", "-metadata", $"AIGC={OldLabel}"));

    [Fact]
    public void CorruptedUntaggedCopiesNeverCrashOrWriteHalfFiles() => Corruption.Fuzz(MakeMp3("fuzz0.mp3", "-id3v2_version", "0"), mutations: 60);

    private static byte[] Id3Frame(string id, byte[] data)
    {
        var frame = new byte[10 + data.Length];
        Encoding.ASCII.GetBytes(id, frame);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)data.Length);
        data.CopyTo(frame, 10);
        return frame;
    }

    /// <summary>A v2.4 frame with the given flags: unsynchronised data, preceded by a data length indicator when 0x0001.</summary>
    private static byte[] Id3v24Frame(string id, byte[] data, ushort flags)
    {
        var payload = (flags & 0x0002) != 0 ? Unsynchronise(data) : data;
        if ((flags & 0x0001) != 0)
        {
            var length = new byte[4];
            WriteSynchsafe(length, data.Length);
            payload = [.. length, .. payload];
        }

        var frame = new byte[10 + payload.Length];
        Encoding.ASCII.GetBytes(id, frame);
        WriteSynchsafe(frame.AsSpan(4), payload.Length);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(8), flags);
        payload.CopyTo(frame, 10);
        return frame;
    }

    /// <summary>ID3v2.3 §5: insert 0x00 after every 0xFF followed by ≥ 0xE0 or 0x00 (and after a final 0xFF).</summary>
    private static byte[] Unsynchronise(byte[] data)
    {
        var output = new List<byte>();
        for (var i = 0; i < data.Length; i++)
        {
            output.Add(data[i]);
            if (data[i] == 0xFF && (i + 1 == data.Length || data[i + 1] >= 0xE0 || data[i + 1] == 0))
            {
                output.Add(0);
            }
        }

        return [.. output];
    }

    private static void WriteSynchsafe(Span<byte> four, int value)
    {
        for (var i = 0; i < 4; i++)
        {
            four[i] = (byte)((value >> (7 * (3 - i))) & 0x7F);
        }
    }

    private static int ReadSynchsafe(ReadOnlySpan<byte> four) => (four[0] << 21) | (four[1] << 14) | (four[2] << 7) | four[3];

    /// <summary>The whole frame (header and data) with this id in a v2.4 tag, located by searching for its id.</summary>
    private static byte[] FrameBytes(byte[] file, string id)
    {
        var at = file.AsSpan(0, 10 + ReadSynchsafe(file.AsSpan(6))).IndexOf(Encoding.ASCII.GetBytes(id));
        Assert.True(at > 0, $"no {id} frame");
        return file[at..(at + 10 + ReadSynchsafe(file.AsSpan(at + 4)))];
    }
}
