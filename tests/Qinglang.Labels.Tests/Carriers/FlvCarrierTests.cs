using Qinglang.Labels.Carriers;
using Qinglang.Labels.Carriers.Flv;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

public sealed class FlvCarrierTests : IDisposable
{
    private const string OldLabel = Conformance.OldLabel;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Make(string name, params string[] args) =>
        Tool.Ffmpeg(_folder.File(name), ["-f", "lavfi", "-i", "testsrc=d=2:size=160x120", "-f", "lavfi", "-i", "sine=d=2", .. args]);

    private string MakeFlv(string name = "in.flv", params string[] extra) => Make(name, ["-c:v", "flv1", "-c:a", "libmp3lame", "-ar", "44100", .. extra]);

    [Fact]
    public void Flv1Mp3RoundTripIsSeenByFfprobeAndExiftool() =>
        Conformance.RoundTrip(MakeFlv(), "flv", Checks.Ffprobe | Checks.Exiftool | Checks.Decode);

    [Fact]
    public void H264AacRoundTrip() =>
        Conformance.RoundTrip(Make("h264.flv", "-c:v", "libx264", "-c:a", "aac"), "flv", Checks.Ffprobe | Checks.Exiftool | Checks.Decode);

    [Fact]
    public void KeyframeIndexFollowsTheShiftedTags()
    {
        var flv = MakeFlv("index.flv", "-g", "12", "-flvflags", "add_keyframe_index");
        var before = KeyframePositions(flv);
        Assert.True(before.Count > 1, "ffmpeg wrote no keyframe index");
        AssertPointAtVideoKeyframes(flv, before);

        var labeled = Conformance.RoundTrip(flv, "flv", Checks.Ffprobe | Checks.Exiftool | Checks.Decode);
        var after = KeyframePositions(labeled);
        Assert.Equal(before.Count, after.Count);
        Assert.NotEqual(before, after); // the onMetaData tag grew, so every later tag moved
        AssertPointAtVideoKeyframes(labeled, after);
        Assert.Equal(SeekFrame(flv), SeekFrame(labeled));

        var filesize = Tool.Run("exiftool", "-s3", "-FileSizeBytes", labeled).EnsureSuccess("exiftool").Stdout.Trim();
        Assert.Equal(new FileInfo(labeled).Length.ToString(System.Globalization.CultureInfo.InvariantCulture), filesize);
    }

    [Fact]
    public void FfmpegWrittenLabelIsReplacedNotDuplicatedAndOtherPropertiesStay()
    {
        var flv = MakeFlv("tagged.flv", Conformance.FfmpegTags("comment"));
        var output = _folder.File("out.flv");
        Conformance.ReplaceFfmpegTaggedLabel(flv, output);

        // Every property ffmpeg wrote (duration, width, codec ids, …) is still there with the same value.
        var original = Metadata(flv);
        var relabeled = Metadata(output);
        foreach (var property in original.Properties.Where(p => p.Name is not "AIGC" and not "filesize"))
        {
            Assert.Equal(Amf0Codec.EncodeAll([property.Value]), Amf0Codec.EncodeAll([relabeled[property.Name]!]));
        }

        Assert.Equal(Independent.DecodedStreamHashes(flv), Independent.DecodedStreamHashes(output));
    }

    [Fact]
    public void FileWithoutOnMetaDataGetsOne()
    {
        var flv = MakeFlv();
        var bytes = File.ReadAllBytes(flv);
        var script = Layout(flv).Tags.First(t => t.IsScript);
        var stripped = _folder.File("bare.flv");
        File.WriteAllBytes(stripped, [.. bytes[..(int)script.Offset], .. bytes[(int)script.End..]]);
        Assert.DoesNotContain(Layout(stripped).Tags, t => t.IsScript);

        var labeled = Conformance.RoundTrip(stripped, "flv", Checks.Ffprobe | Checks.Exiftool | Checks.Decode);
        Assert.Equal(FlvScript.MetaDataName, ScriptOf(labeled).Name);
    }

    [Fact]
    public void Amf0ValuesOfEveryTypeSurviveDecodeAndEncode()
    {
        List<Amf0Value> values =
        [
            Amf0String.Of("onMetaData"),
            new Amf0Object(Amf0ObjectKind.EcmaArray,
            [
                Amf0Property.Of("duration", new Amf0Number(2.02)),
                Amf0Property.Of("stereo", new Amf0Boolean(1)),
                Amf0Property.Of("encoder", Amf0String.Of("Lavf")),
                Amf0Property.Of("long", new Amf0String(new byte[70000], Amf0StringKind.Long)),
                Amf0Property.Of("xml", new Amf0String("<a/>"u8.ToArray(), Amf0StringKind.Xml)),
                Amf0Property.Of("nothing", new Amf0Marker(5)),
                Amf0Property.Of("unset", new Amf0Marker(6)),
                Amf0Property.Of("when", new Amf0Date(1.7e12, -480)),
                Amf0Property.Of("ref", new Amf0Reference(3)),
                Amf0Property.Of("list", new Amf0StrictArray([new Amf0Number(1), Amf0String.Of("two"), new Amf0Marker(5)])),
                Amf0Property.Of("nested", new Amf0Object(Amf0ObjectKind.Object, [Amf0Property.Of("inner", new Amf0Number(-0.5))])),
                Amf0Property.Of("typed", new Amf0Object(Amf0ObjectKind.Typed, [Amf0Property.Of("x", new Amf0Number(1))]) { ClassName = "Point"u8.ToArray() }),
            ]) { DeclaredCount = 12, ReadCount = 12 },
        ];

        var encoded = Amf0Codec.EncodeAll(values);
        Assert.Equal(2, encoded[0]);
        Assert.Equal([0, 10, .. "onMetaData"u8], encoded[1..13]);
        Assert.Equal(8, encoded[13]);
        Assert.Equal([0, 0, 0, 12], encoded[14..18]);
        Assert.Equal([0, 0, 9], encoded[^3..]);

        var decoded = Amf0Codec.DecodeAll(encoded);
        Assert.Equal(encoded, Amf0Codec.EncodeAll(decoded));
        var array = Assert.IsType<Amf0Object>(decoded[1]);
        Assert.Equal(new Amf0Number(2.02), array["duration"]);
        Assert.Equal(70000, Assert.IsType<Amf0String>(array["long"]).Utf8.Length);
        Assert.Equal(Amf0StringKind.Long, ((Amf0String)array["long"]!).Kind);
        Assert.Equal(new Amf0Date(1.7e12, -480), array["when"]);
        Assert.Equal(3, Assert.IsType<Amf0StrictArray>(array["list"]).Items.Count);
        Assert.Equal("Point"u8.ToArray(), Assert.IsType<Amf0Object>(array["typed"]).ClassName);

        // Some encoders end onMetaData's ECMA array with the tag, without the 00 00 09 end marker.
        var unterminated = Assert.IsType<Amf0Object>(Amf0Codec.DecodeAll([8, 0, 0, 0, 1, 0, 1, (byte)'a', 1, 1])[0]);
        Assert.Equal(new Amf0Boolean(1), unterminated["a"]);
        Assert.Throws<ContainerFormatException>(() => Amf0Codec.DecodeAll([3, 0, 1, (byte)'a', 1, 1]));
        Assert.Throws<ContainerFormatException>(() => Amf0Codec.DecodeAll(encoded[..^4]));
        Assert.Throws<ContainerFormatException>(() => Amf0Codec.DecodeAll([10, 0xFF, 0xFF, 0xFF, 0xFF, 5]));
    }

    [Fact]
    public void LongStringLabelInAnObjectIsReadAndReplacedByOneShortString()
    {
        var flv = MakeFlv();
        var decoded = Independent.DecodedStreamHashes(flv);
        var script = ScriptOf(flv);
        var metadata = script.Objects.Single();
        script.Values[1] = new Amf0Object(Amf0ObjectKind.Object, [.. metadata.Properties, Amf0Property.Of("aigc", new Amf0String(System.Text.Encoding.UTF8.GetBytes(OldLabel), Amf0StringKind.Long))]);
        ReplaceTag(flv, script.Tag, Amf0Codec.EncodeAll(script.Values));

        var before = Conformance.Inspector.Inspect(flv);
        Assert.Single(before.Sites);
        Assert.Equal("old-0001", before.Label!.ProduceID);

        // ffmpeg 5.1 cannot parse AMF0 long strings ("unsupported amf type 12"), so decoding is compared with the
        // file before the long string went in; the labeled file holds a plain string ffmpeg reads again.
        var labeled = Conformance.RoundTrip(flv, "flv", Checks.Ffprobe | Checks.Exiftool);
        Assert.Equal(decoded, Independent.DecodedStreamHashes(labeled));
        var properties = Metadata(labeled).Properties;
        Assert.Equal(Amf0ObjectKind.Object, Metadata(labeled).Kind);
        var label = Assert.Single(properties, p => p.Name.Equals("AIGC", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(Amf0StringKind.Short, Assert.IsType<Amf0String>(label.Value).Kind);
    }

    [Fact]
    public void DetectsByMagicNotName()
    {
        var flv = _folder.File("clip.mkv");
        File.Move(MakeFlv(), flv);
        Assert.Equal("flv", Conformance.Inspector.Inspect(flv).Format);
        Assert.True(new FlvCarrier().Detect(File.ReadAllBytes(flv)));
    }

    [Fact]
    public void TruncatedFileIsCorruptAndNothingIsWritten()
    {
        var flv = MakeFlv();
        var bytes = File.ReadAllBytes(flv);
        File.WriteAllBytes(flv, bytes[..(bytes.Length - 7)]);
        var output = _folder.File("out.flv");
        Assert.Throws<ContainerFormatException>(() => Conformance.Writer.Write(flv, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "a" }));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void CorruptedFlvNeverCrashesOrWritesHalfFiles() => Corruption.Fuzz(MakeFlv("short.flv", "-t", "0.5"));

    [Fact]
    public void CorruptedFlvWithKeyframeIndexNeverCrashesOrWritesHalfFiles() =>
        Corruption.Fuzz(MakeFlv("short-index.flv", "-t", "0.5", "-g", "5", "-flvflags", "add_keyframe_index"));

    private static string SeekFrame(string path) =>
        Tool.Run("ffmpeg", "-nostdin", "-v", "error", "-ss", "1", "-i", path, "-frames:v", "1", "-f", "md5", "-").EnsureSuccess("ffmpeg seek").Stdout;

    /// <summary>Swaps one tag's data for <paramref name="data"/>, fixing its size and PreviousTagSize.</summary>
    private static void ReplaceTag(string path, FlvTag tag, byte[] data)
    {
        var bytes = File.ReadAllBytes(path);
        var replacement = new byte[FlvTag.HeaderSize + data.Length + 4];
        bytes.AsSpan((int)tag.Offset, FlvTag.HeaderSize).CopyTo(replacement);
        replacement[1] = (byte)(data.Length >> 16);
        replacement[2] = (byte)(data.Length >> 8);
        replacement[3] = (byte)data.Length;
        data.CopyTo(replacement, FlvTag.HeaderSize);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(replacement.AsSpan(FlvTag.HeaderSize + data.Length), (uint)(FlvTag.HeaderSize + data.Length));
        File.WriteAllBytes(path, [.. bytes[..(int)tag.Offset], .. replacement, .. bytes[(int)tag.End..]]);
    }

    private static FlvLayout Layout(string path)
    {
        using var stream = File.OpenRead(path);
        return FlvLayout.Read(stream);
    }

    private static FlvScript ScriptOf(string path)
    {
        using var stream = File.OpenRead(path);
        return FlvScript.Load(stream, FlvLayout.Read(stream).Tags.First(t => t.IsScript));
    }

    private static Amf0Object Metadata(string path) => ScriptOf(path).Objects.Single();

    private static List<long> KeyframePositions(string path)
    {
        var keyframes = Assert.IsType<Amf0Object>(Metadata(path)["keyframes"]);
        return [.. Assert.IsType<Amf0StrictArray>(keyframes["filepositions"]).Items.Select(i => (long)((Amf0Number)i).Value)];
    }

    /// <summary>Each position must be the start of a video tag whose first data byte says "key frame" (FLV §E.4.3.1).</summary>
    private static void AssertPointAtVideoKeyframes(string path, List<long> positions)
    {
        var tags = Layout(path).Tags.ToDictionary(t => t.Offset);
        var bytes = File.ReadAllBytes(path);
        foreach (var position in positions)
        {
            Assert.True(tags.TryGetValue(position, out var tag) && tag.Type == 9, $"keyframe position {position} is not a video tag");
            Assert.Equal(1, bytes[tag.DataOffset] >> 4);
        }
    }
}
