using Qinglang.Labels.Carriers.Flac;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

public sealed class FlacCarrierTests : IDisposable
{
    private const string OldLabel = "{\"Label\":\"1\",\"ContentProducer\":\"old\",\"ProduceID\":\"x1\"}";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string MakeFlac(string name = "in.flac", params string[] extra) =>
        Tool.Ffmpeg(_folder.File(name), ["-f", "lavfi", "-i", "sine=d=2", "-c:a", "flac", .. extra]);

    private static string Metaflac(params string[] args) => Tool.Run("metaflac", args).EnsureSuccess("metaflac").Stdout;

    /// <summary>The comments as metaflac (Debian flac), an independent FLAC reader, exports them.</summary>
    private static string[] Tags(string path) => Metaflac("--export-tags-to=-", path).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static int PaddingLength(string path)
    {
        var list = Metaflac("--list", "--block-type=PADDING", path);
        var line = list.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("length:", StringComparison.Ordinal));
        return line is null ? -1 : int.Parse(line.Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static LabelRequest Request(string id = "a") => new() { ContentProducer = Conformance.Producer, ProduceID = id };

    [Fact]
    public void RoundTripIsSeenByExiftoolAndFfprobeAndDecodesIdentically() =>
        Conformance.RoundTrip(MakeFlac(), "flac", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);

    [Fact]
    public void FfmpegAigcCommentIsReplacedAndOtherCommentsKept()
    {
        var flac = MakeFlac("tagged.flac", "-metadata", "title=Sunset", "-metadata", "artist=Alice", "-metadata", $"AIGC={OldLabel}");
        var before = Conformance.Inspector.Inspect(flac);
        Assert.Equal("vorbis-comment", Assert.Single(before.Sites).Kind);
        Assert.Equal("old", before.Label!.ContentProducer);
        var vendor = Metaflac("--show-vendor-tag", flac);

        var output = _folder.File("out.flac");
        Conformance.Writer.Write(flac, output, Request("new"));
        var tags = Tags(output);
        var label = Assert.Single(tags, t => t.StartsWith("AIGC=", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(Conformance.Producer, label);
        Assert.DoesNotContain(tags, t => t.Contains("\"old\"", StringComparison.Ordinal));
        Assert.Contains("title=Sunset", tags, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("artist=Alice", tags, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(vendor, Metaflac("--show-vendor-tag", output));
        Assert.Equal(Independent.DecodedStreamHashes(flac), Independent.DecodedStreamHashes(output));
    }

    [Fact]
    public void TwoLabelCommentsBecomeOne()
    {
        var flac = MakeFlac("two.flac", "-metadata", "title=Sunset");
        Metaflac($"--set-tag=AIGC={OldLabel}", $"--set-tag=aigc={OldLabel.Replace("old", "other", StringComparison.Ordinal)}", flac);
        Assert.Equal(2, Conformance.Inspector.Inspect(flac).Sites.Count);

        Conformance.Writer.Write(flac, null, Request("one"));
        var tags = Tags(flac);
        Assert.Contains("\"one\"", Assert.Single(tags, t => t.StartsWith("AIGC=", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("title=Sunset", tags, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void PaddingAbsorbsTheLabelSoTheAudioFramesDoNotMove()
    {
        var flac = MakeFlac("padded.flac", "-metadata", "title=Sunset");
        var original = File.ReadAllBytes(flac);
        var padding = PaddingLength(flac);
        Assert.True(padding > 1000, "ffmpeg writes an 8 KB PADDING block");
        var audioStart = AudioStart(flac);

        var output = _folder.File("out.flac");
        Conformance.Writer.Write(flac, output, Request());
        var labeled = File.ReadAllBytes(output);
        Assert.Equal(original.Length, labeled.Length);
        Assert.Equal(original[(int)audioStart..], labeled[(int)audioStart..]);
        Assert.True(PaddingLength(output) < padding, "the padding shrank by what the comment grew");

        var result = Conformance.Writer.Write(flac, null, Request());
        Assert.True(result.InPlace, "the label fits the padding, so the file is edited where it lies");
        Assert.Equal(labeled, File.ReadAllBytes(flac));
        Metaflac("--list", flac); // metaflac parses the edited metadata
    }

    [Fact]
    public void WithoutPaddingTheMetadataGrowsAndGetsPaddingForNextTime()
    {
        var flac = MakeFlac("bare.flac");
        Metaflac("--remove", "--block-type=PADDING", "--dont-use-padding", flac);
        Assert.Equal(-1, PaddingLength(flac));
        var labeled = Conformance.RoundTrip(flac, "flac", Checks.Exiftool | Checks.Decode);
        Assert.True(PaddingLength(labeled) > 0);
        Assert.Single(Tags(labeled), t => t.StartsWith("AIGC=", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingCommentBlockIsCreated()
    {
        var flac = MakeFlac("nocomment.flac");
        Metaflac("--remove", "--block-type=VORBIS_COMMENT", flac);
        Assert.DoesNotContain("VORBIS_COMMENT", Metaflac("--list", flac));
        var labeled = Conformance.RoundTrip(flac, "flac", Checks.Exiftool | Checks.Ffprobe | Checks.Decode);
        Assert.Single(Tags(labeled), t => t.StartsWith("AIGC=", StringComparison.Ordinal) && t.Contains("post-0002", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(64)] // the whole tag lies within the bytes detection looks at
    [InlineData(9000)] // it does not: the MP3 carrier sees "ID3", finds fLaC behind it and hands over
    public void Id3v2TagInFrontIsSkippedAndKept(int id3Padding)
    {
        var flac = MakeFlac("id3.flac", "-metadata", $"AIGC={OldLabel}");
        Tool.Run("/usr/bin/python3", "-c", "import sys; from mutagen.id3 import ID3, TIT2; t=ID3(); t.add(TIT2(encoding=3, text=['Sunset']));" +
            " t.save(sys.argv[1], padding=lambda i: int(sys.argv[2]))", flac, id3Padding.ToString(System.Globalization.CultureInfo.InvariantCulture)).EnsureSuccess("mutagen");
        var original = File.ReadAllBytes(flac);
        var tagLength = original.AsSpan().IndexOf("fLaC"u8);
        Assert.True(tagLength > 10);
        Assert.Equal("old", Conformance.Inspector.Inspect(flac).Label!.ContentProducer);

        var labeled = Conformance.RoundTrip(flac, "flac", Checks.Exiftool | Checks.Decode);
        Assert.Equal(original[..tagLength], File.ReadAllBytes(labeled)[..tagLength]);
        Assert.Single(Tags(labeled), t => t.StartsWith("AIGC=", StringComparison.Ordinal) && t.Contains("post-0002", StringComparison.Ordinal));
    }

    [Fact]
    public void LyingBlockLengthIsCorruptAndNothingIsWritten()
    {
        var flac = MakeFlac("lie.flac");
        var bytes = File.ReadAllBytes(flac);
        bytes[4 + 4 + 34 + 1] ^= 0x10; // the length of the block after STREAMINFO
        File.WriteAllBytes(flac, bytes);
        Assert.Contains(Conformance.Inspector.Inspect(flac).Problems, p => p.Code == "container.corrupt");
        var output = _folder.File("out.flac");
        Assert.Throws<Labels.Carriers.ContainerFormatException>(() => Conformance.Writer.Write(flac, output, Request()));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void DetectsByMagicNotName()
    {
        var path = _folder.File("song.mp3");
        File.Move(MakeFlac(), path);
        Assert.Equal("flac", Conformance.Inspector.Inspect(path).Format);
        Assert.True(new FlacCarrier().Detect(File.ReadAllBytes(path)));
    }

    [Fact]
    public void CorruptedCopiesNeverCrashOrWriteHalfFiles() => Corruption.Fuzz(MakeFlac("fuzz.flac", "-metadata", "title=Sunset", "-metadata", $"AIGC={OldLabel}"));

    private static long AudioStart(string path)
    {
        using var stream = File.OpenRead(path);
        return FlacCarrier.Walk(stream).Blocks[^1].End;
    }
}
