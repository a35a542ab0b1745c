using System.Buffers.Binary;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Carriers.IsoBmff;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

/// <summary>
/// <c>label --moov-to-end</c>: a moov-first movie is labeled in place by appending the new moov and retiring the old
/// one, never moving a media byte; every state an interruption can leave must read as the old, valid file.
/// </summary>
public sealed class Mp4MoovToEndTests : IDisposable
{
    private const string OldLabel = "{\"Label\":\"1\",\"ContentProducer\":\"old\",\"ProduceID\":\"x1\"}";

    private static readonly LabelWriter MoovToEnd = new(CarrierRegistry.Default, moovToEnd: true);

    private static readonly LabelRequest Producer = new() { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "new-1" };

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A fast-start movie (moov, then mdat) already carrying the old label where ffmpeg writes it.</summary>
    private string MakeFastStart(string name, params string[] extra) =>
        Tool.Ffmpeg(_folder.File(name), [
            "-f", "lavfi", "-i", "testsrc=d=2:size=160x120", "-f", "lavfi", "-i", "sine=d=2", "-c:v", "libx264", "-c:a", "aac",
            "-movflags", "+faststart+use_metadata_tags", "-metadata", "AIGC=" + OldLabel, .. extra]);

    [Fact]
    public void MoovFirstMovesToTheEndWithoutMovingMedia()
    {
        var mp4 = MakeFastStart("first.mp4");
        var decoded = Independent.DecodedStreamHashes(mp4);
        var size = new FileInfo(mp4).Length;
        var oldMoov = Mp4Inspect.TopBoxes(mp4).Single(b => b.Type == "moov");
        var mdat = Mp4Inspect.MdatOffset(mp4);
        Assert.True(oldMoov.Offset < mdat);

        Assert.True(MoovToEnd.Write(mp4, null, Producer).InPlace);

        var boxes = Mp4Inspect.TopBoxes(mp4);
        var newMoov = Assert.Single(boxes, b => b.Type == "moov");
        Assert.Equal("moov", boxes[^1].Type);
        Assert.Equal(size + newMoov.Size, new FileInfo(mp4).Length); // appended; nothing else grew or moved
        Assert.Contains(boxes, b => b.Type == "free" && b.Offset == oldMoov.Offset && b.Size == oldMoov.Size);
        Assert.Equal(mdat, Mp4Inspect.MdatOffset(mp4));

        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4));
        Assert.Contains("new-1", Mp4Inspect.FormatTags(mp4)["AIGC"]);
        var values = Independent.ExiftoolLabelValues(mp4);
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.Contains("new-1", v.Value)); // the retired moov is a free box to exiftool too
        var report = Conformance.Inspector.Inspect(mp4);
        Assert.True(report.IsValid);
        Assert.Single(report.Sites);
        Assert.DoesNotContain(report.Problems, p => p.Message.Contains("second 'moov'", StringComparison.Ordinal));

        // The platform relabels the now moov-last file in place as well, and it stays one site.
        Assert.True(MoovToEnd.Write(mp4, null, new LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "p-9" }).InPlace);
        Assert.Single(Conformance.Inspector.Inspect(mp4).Sites);
        Assert.Contains("p-9", Mp4Inspect.FormatTags(mp4)["AIGC"]);
        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4));
    }

    [Fact]
    public void WithoutTheOptionMoovFirstKeepsFastStart()
    {
        var mp4 = MakeFastStart("default.mp4");
        Assert.True(Conformance.Writer.Write(mp4, null, Producer).InPlace); // the head of the media moves instead (Mp4HeadRelocationTests)
        var order = Mp4Inspect.Order(mp4);
        Assert.True(order.IndexOf("moov") < order.IndexOf("mdat"));
        Assert.Contains("new-1", Mp4Inspect.FormatTags(mp4)["AIGC"]);
    }

    [Fact]
    public void FragmentedMovieFallsBackToTheRewrite()
    {
        var mp4 = MakeFastStart("frag.mp4", "-movflags", "frag_keyframe+empty_moov", "-g", "12");
        Assert.Contains("moof", Mp4Inspect.Order(mp4));
        var decoded = Independent.DecodedStreamHashes(mp4);

        Assert.False(MoovToEnd.Write(mp4, null, Producer).InPlace);
        var order = Mp4Inspect.Order(mp4);
        Assert.True(order.IndexOf("moov") < order.IndexOf("moof")); // the fragments' moov stays ahead of them
        Assert.Contains("new-1", Mp4Inspect.FormatTags(mp4)["AIGC"]);
        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4));
    }

    [Fact]
    public void LastBoxRunningToTheEndOfTheFileFallsBackToTheRewrite()
    {
        var mp4 = MakeFastStart("toend.mp4");
        var mdat = Mp4Inspect.TopBoxes(mp4).Single(b => b.Type == "mdat");
        Assert.Equal(new FileInfo(mp4).Length, mdat.Offset + mdat.Size);
        var bytes = File.ReadAllBytes(mp4);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan((int)mdat.Offset), 0); // size 0: "to the end of the file"
        File.WriteAllBytes(mp4, bytes);
        var decoded = Independent.DecodedStreamHashes(mp4);

        Assert.False(MoovToEnd.Write(mp4, null, Producer).InPlace); // an append would land inside the mdat
        Assert.Contains("new-1", Mp4Inspect.FormatTags(mp4)["AIGC"]);
        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4));
    }

    /// <summary>The file as each step of the append leaves it, cut short where a crash or a full disk could.</summary>
    public static TheoryData<string> InterruptedStates() => ["stub-prefix", "stub", "half-body", "whole-body-as-free", "second-moov"];

    [Theory]
    [MemberData(nameof(InterruptedStates))]
    public void EveryInterruptedStateIsTheOldValidFile(string state)
    {
        var mp4 = MakeFastStart("crash.mp4");
        var decoded = Independent.DecodedStreamHashes(mp4);
        byte[] newMoov;
        using (var file = File.OpenRead(mp4))
        {
            var (_, moov, _) = TopLevelBoxes.Read(file).LoadMoov(file);
            MoovLabelEditor.Apply(moov, "{\"Label\":\"1\",\"ContentProducer\":\"new\",\"ProduceID\":\"new-1\"}");
            newMoov = moov.ToArray();
        }

        byte[] pending = [0, 0, 0, 0, .. "free"u8]; // what the first write puts ahead of the body
        byte[] appended = state switch
        {
            "stub-prefix" => pending[..4],
            "stub" => pending,
            "half-body" => [.. pending, .. newMoov.AsSpan(8, (newMoov.Length - 8) / 2)],
            "whole-body-as-free" => [.. pending, .. newMoov.AsSpan(8)],
            _ => newMoov,
        };
        using (var file = new FileStream(mp4, FileMode.Append))
        {
            file.Write(appended);
        }

        var report = Conformance.Inspector.Inspect(mp4);
        Assert.Equal("old", report.Label!.ContentProducer);
        Assert.Single(report.Sites);
        Assert.DoesNotContain(report.Problems, p => p.Severity == Core.Severity.Error);
        Assert.Contains("\"old\"", Mp4Inspect.FormatTags(mp4)["AIGC"]); // ffmpeg reads the first moov
        var exiftool = Independent.ExiftoolLabelValues(mp4);
        Assert.NotEmpty(exiftool);
        if (state == "second-moov")
        {
            // exiftool walks both moovs and its JSON keeps the last value: the one step where a reader may see the new
            // label early. Both are whole, valid labels; players and Qinglang use the first moov.
            Assert.All(exiftool, v => Assert.True(v.Value.Contains("\"old\"", StringComparison.Ordinal) || v.Value.Contains("new-1", StringComparison.Ordinal)));
        }
        else
        {
            Assert.Contains(exiftool, v => v.Value.Contains("\"old\"", StringComparison.Ordinal));
        }

        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4));

        // The next run labels it properly and leaves one moov.
        MoovToEnd.Write(mp4, null, Producer);
        Assert.Single(Mp4Inspect.TopBoxes(mp4), b => b.Type == "moov");
        Assert.All(Independent.ExiftoolLabelValues(mp4), v => Assert.Contains("new-1", v.Value));
        Assert.Equal(decoded, Independent.DecodedStreamHashes(mp4));
    }
}
