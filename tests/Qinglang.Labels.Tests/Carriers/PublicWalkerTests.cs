using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Carriers.IsoBmff;
using Qinglang.Labels.Carriers.Jpeg;
using Qinglang.Labels.Carriers.Png;
using Qinglang.Labels.Carriers.Riff;
using Qinglang.Labels.Carriers.Tiff;
using Qinglang.Labels.Tests.Support;

namespace Qinglang.Labels.Tests.Carriers;

/// <summary>
/// The public read-only walkers other libraries use (review's trace reader): they agree with the carriers' own
/// readers and the tests' independent ones, and a file cut short yields what lies before the cut, then throws.
/// </summary>
public sealed class PublicWalkerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Make(string name, params string[] codec) =>
        Tool.Ffmpeg(_folder.File(name), ["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:d=0.3", "-frames:v", "1", .. codec]);

    [Fact]
    public void JpegWalkYieldsTheSegmentsOfSegmentsAndStopsAtACut()
    {
        var jpeg = Make("image.jpg");
        Tool.Run("exiftool", "-overwrite_original", "-EXIF:Software=Walker", jpeg).EnsureSuccess("exiftool");
        var bytes = File.ReadAllBytes(jpeg);
        var whole = JpegMarkers.Segments(new MemoryStream(bytes));
        Assert.Equal(whole, JpegMarkers.Walk(new MemoryStream(bytes)));
        Assert.Equal(0xDA, whole[^1].Marker);

        var cut = (int)whole[2].DataOffset + 1; // inside the third segment
        var (before, error) = Drain(JpegMarkers.Walk(new MemoryStream(bytes[..cut])));
        Assert.Equal(whole[..2], before);
        Assert.Contains("file ends first", error);
        Assert.Throws<ContainerFormatException>(() => JpegMarkers.Segments(new MemoryStream(bytes[..cut])));
    }

    [Fact]
    public void PngChunksArePublicAndStopAtACut()
    {
        var png = Make("image.png");
        var bytes = File.ReadAllBytes(png);
        var chunks = PngCarrier.Chunks(new MemoryStream(bytes)).ToList();
        Assert.Equal("IHDR", chunks[0].Type);
        Assert.Equal("IEND", chunks[^1].Type);
        Assert.Equal(bytes.Length, chunks[^1].End);
        Assert.Equal(13u, chunks[0].Length);

        var (before, error) = Drain(PngCarrier.Chunks(new MemoryStream(bytes[..^2]))); // IEND's CRC cut short
        Assert.Equal(chunks[..^1], before);
        Assert.Contains("IEND chunk claims", error);
    }

    [Fact]
    public void PngTextBytesInflatesWithinTheCallersLimit()
    {
        var text = new string('x', 5000);
        byte[] ztxt = [.. "parameters"u8, 0, 0, .. Deflate(Encoding.Latin1.GetBytes(text))];

        var (bytes, utf8) = PngTextChunk.TextBytes("zTXt", ztxt, maxTextBytes: 5000);
        Assert.Equal(text, Encoding.Latin1.GetString(bytes));
        Assert.False(utf8);
        Assert.Contains("inflates beyond 4999", Assert.Throws<ContainerFormatException>(() => PngTextChunk.TextBytes("zTXt", ztxt, maxTextBytes: 4999)).Message);

        byte[] itxt = [.. "Title"u8, 0, 0, 0, .. "zh"u8, 0, 0, .. "清朗"u8];
        Assert.True(PngTextChunk.TextBytes("iTXt", itxt).Utf8);
        Assert.Equal("清朗", PngTextChunk.Text("iTXt", itxt));
    }

    [Fact]
    public void RiffTopLevelChunksMatchTheTestWalkerAndStopAtACut()
    {
        var webp = Make("image.webp", "-c:v", "libwebp");
        Tool.Run("exiftool", "-overwrite_original", "-XMP-dc:Title=Walker", webp).EnsureSuccess("exiftool");
        var bytes = File.ReadAllBytes(webp);
        var chunks = RiffChunks.TopLevel(new MemoryStream(bytes)).ToList();
        var expected = RiffTestChunks.Children(bytes);
        Assert.Equal(expected.Select(c => (c.Id, (long)c.Offset, (long)c.Size)), chunks.Select(c => (c.Id, c.Offset, c.Size)));
        Assert.Contains(chunks, c => c.Id == "XMP ");

        var (before, error) = Drain(RiffChunks.TopLevel(new MemoryStream(bytes[..((int)chunks[^1].DataOffset + 2)])));
        Assert.Equal(chunks[..^1], before);
        Assert.Contains("claims", error);
    }

    [Fact]
    public void Mp4BoxWalkMatchesTheTopLevelReaderAndWalksNestedBoxes()
    {
        var mp4 = Make("video.mp4", "-c:v", "mpeg4");
        var bytes = File.ReadAllBytes(mp4);
        var stream = new MemoryStream(bytes);
        var boxes = BoxWalk.Children(stream, 0, bytes.Length).ToList();
        Assert.Equal(Mp4Inspect.TopBoxes(mp4).Select(b => (b.Type, b.Offset, b.Size)), boxes.Select(b => (b.Type, b.Offset, b.Size)));

        var moov = boxes.Single(b => b.Type == "moov");
        var children = BoxWalk.Children(stream, moov.PayloadOffset, moov.End).Select(b => b.Type).ToList();
        Assert.Equal("mvhd", children[0]);
        Assert.Contains("trak", children);

        var last = boxes[^1];
        var (before, error) = Drain(BoxWalk.Children(new MemoryStream(bytes[..((int)last.Offset + 9)]), 0, last.Offset + 9));
        Assert.Equal(boxes[..^1], before);
        Assert.Contains("claims", error);
    }

    [Fact]
    public void TiffBlockFieldsReadWhatExiftoolWroteAndReportAValueOutsideTheBlock()
    {
        var jpeg = Make("fields.jpg");
        Tool.Run("exiftool", "-overwrite_original", "-EXIF:Software=Walker 1.0", "-EXIF:Make=Qinglang Camera", "-EXIF:Model=M1", jpeg).EnsureSuccess("exiftool");
        var bytes = File.ReadAllBytes(jpeg);
        var exif = JpegMarkers.Walk(new MemoryStream(bytes)).First(s => s.Marker == JpegSegment.App1);
        var tiff = bytes.AsSpan((int)exif.DataOffset + 6, exif.DataLength - 6).ToArray();

        var fields = TiffBlockFields.Ifd0(tiff, [TiffBlockFields.Make, TiffBlockFields.Model, TiffBlockFields.Software, TiffBlockFields.Artist]);
        string Value(TiffBlockField f) => Encoding.ASCII.GetString(tiff, f.ValueOffset, f.ValueLength).TrimEnd('\0');
        var exiftool = Tool.Run("exiftool", "-s3", "-EXIF:Make", "-EXIF:Model", "-EXIF:Software", jpeg).EnsureSuccess("exiftool").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(exiftool, fields.Select(Value));
        Assert.All(fields, f => Assert.Equal(TiffBlockFields.AsciiType, f.Type));

        // Point Software's value past the end of the block: that field carries the problem, the others still read.
        var software = fields.Single(f => f.Tag == TiffBlockFields.Software);
        var bigEndian = tiff[0] == 'M';
        var entry = FindEntryPointing(tiff, software.ValueOffset, bigEndian);
        Write32(tiff.AsSpan(entry + 8), (uint)tiff.Length, bigEndian);
        var lying = TiffBlockFields.Ifd0(tiff, [TiffBlockFields.Make, TiffBlockFields.Software]);
        Assert.Null(lying[0].Problem);
        Assert.Contains("outside", lying[1].Problem);

        Assert.Throws<ContainerFormatException>(() => TiffBlockFields.Ifd0(tiff[..6], [TiffBlockFields.Make]));
    }

    private static (List<T> Before, string Error) Drain<T>(IEnumerable<T> walk)
    {
        var before = new List<T>();
        try
        {
            foreach (var item in walk)
            {
                before.Add(item);
            }
        }
        catch (ContainerFormatException ex)
        {
            return (before, ex.Message);
        }

        throw new Xunit.Sdk.XunitException($"the walk ended after {before.Count} parts without reporting the cut");
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>The offset of the IFD entry whose 4-byte value field holds <paramref name="valueOffset"/>.</summary>
    private static int FindEntryPointing(byte[] tiff, int valueOffset, bool bigEndian)
    {
        for (var at = 8; at + 12 <= tiff.Length; at += 2)
        {
            var field = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(tiff.AsSpan(at + 8)) : BinaryPrimitives.ReadUInt32LittleEndian(tiff.AsSpan(at + 8));
            var tag = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(tiff.AsSpan(at)) : BinaryPrimitives.ReadUInt16LittleEndian(tiff.AsSpan(at));
            if (tag == TiffBlockFields.Software && field == valueOffset)
            {
                return at;
            }
        }

        throw new Xunit.Sdk.XunitException("no Software entry found");
    }

    private static void Write32(Span<byte> at, uint value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(at, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(at, value);
        }
    }
}
