using System.Text;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Carriers.Jpeg;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

public sealed class JpegCarrierTests : IDisposable
{
    private const string OldLabel = "{\"AIGC\":{\"Label\":\"1\",\"ContentProducer\":\"old\",\"ProduceID\":\"x1\"}}";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string MakeJpeg(string name = "in.jpg") =>
        Tool.Ffmpeg(_folder.File(name), "-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1");

    private static LabelRequest Producer(string id) => new() { ContentProducer = Conformance.Producer, ProduceID = id };

    [Fact]
    public void RoundTripIsSeenByExiftoolAndDecodesIdentically() =>
        Conformance.RoundTrip(MakeJpeg(), "jpeg", Checks.Exiftool | Checks.Decode);

    [Fact]
    public void ExiftoolExifAndXmpSurviveAndXmpFollowsExif()
    {
        var jpeg = MakeJpeg();
        Tool.Run("exiftool", "-overwrite_original", "-XMP-dc:Creator=Alice", "-XMP-dc:Title=Sunset", "-EXIF:Artist=Bob", "-EXIF:ImageDescription=Beach", jpeg).EnsureSuccess("exiftool");
        var labeled = Conformance.RoundTrip(jpeg, "jpeg", Checks.Exiftool | Checks.Decode);

        var tags = Tool.Run("exiftool", "-j", "-XMP-dc:all", "-EXIF:all", labeled).EnsureSuccess("exiftool").Stdout;
        foreach (var value in (string[])["Alice", "Sunset", "Bob", "Beach"])
        {
            Assert.Contains(value, tags);
        }

        var bytes = File.ReadAllBytes(labeled);
        Assert.Equal(1, Bytes.Count(bytes, "http://ns.adobe.com/xap/1.0/\0"));
        var warnings = Tool.Run("exiftool", "-warning", "-a", labeled).EnsureSuccess("exiftool").Stdout;
        Assert.DoesNotContain("Warning", warnings);
    }

    [Fact]
    public void XmpSegmentGoesAfterJfifAndExifWhenThereWasNone()
    {
        var jpeg = MakeJpeg();
        Tool.Run("exiftool", "-overwrite_original", "-EXIF:Artist=Bob", jpeg).EnsureSuccess("exiftool");
        var labeled = _folder.File("out.jpg");
        Conformance.Writer.Write(jpeg, labeled, Producer("a"));

        var bytes = File.ReadAllBytes(labeled);
        var jfif = Bytes.IndexOf(bytes, "JFIF\0");
        var exif = Bytes.IndexOf(bytes, "Exif\0\0");
        var xmp = Bytes.IndexOf(bytes, "http://ns.adobe.com/xap/1.0/\0");
        var dqt = bytes.AsSpan().IndexOf([(byte)0xFF, (byte)0xDB]);
        Assert.True(jfif < exif && exif < xmp && xmp < dqt, $"JFIF {jfif}, Exif {exif}, XMP {xmp}, DQT {dqt}");
    }

    [Fact]
    public void UserCommentLabelIsReadAndReplacedByOneXmpSite()
    {
        var jpeg = MakeJpeg();
        Tool.Run("exiftool", "-overwrite_original", "-EXIF:Artist=Bob", $"-UserComment={OldLabel}", jpeg).EnsureSuccess("exiftool");
        var report = Conformance.Inspector.Inspect(jpeg);
        var site = Assert.Single(report.Sites);
        Assert.Equal("exif-usercomment", site.Kind);
        Assert.Equal("old", report.Label!.ContentProducer);
        Assert.DoesNotContain(report.Problems, p => p.Code == "label.form"); // wrapped is this site's form

        var exifBefore = ExifSegment(File.ReadAllBytes(jpeg));
        Conformance.Writer.Write(jpeg, null, Producer("new"));
        var after = Conformance.Inspector.Inspect(jpeg);
        Assert.Equal("xmp", Assert.Single(after.Sites).Kind);
        Assert.Equal("new", after.Label!.ProduceID);

        // The comment was blanked where it lies: same EXIF size, other EXIF tags intact, no trace of the old label.
        Assert.Equal(exifBefore.Length, ExifSegment(File.ReadAllBytes(jpeg)).Length);
        var exiftool = Tool.Run("exiftool", "-j", "-EXIF:all", jpeg).EnsureSuccess("exiftool").Stdout;
        Assert.Contains("Bob", exiftool);
        Assert.DoesNotContain("\"old\"", Tool.Run("exiftool", "-j", "-a", "-u", jpeg).Stdout);
        Assert.Single(Independent.ExiftoolLabelValues(jpeg));
    }

    [Fact]
    public void XmpAndUserCommentTogetherAreDuplicatesUntilRelabeled()
    {
        var jpeg = MakeJpeg();
        Conformance.Writer.Write(jpeg, null, Producer("a"));
        Tool.Run("exiftool", "-overwrite_original", $"-UserComment={OldLabel}", jpeg).EnsureSuccess("exiftool");
        var report = Conformance.Inspector.Inspect(jpeg);
        Assert.Equal(["exif-usercomment", "xmp"], report.Sites.Select(s => s.Kind).Order());
        Assert.Contains(report.Problems, p => p.Code == "label.duplicate");
        Assert.Contains(report.Problems, p => p.Code == "label.conflict");

        Conformance.Writer.Write(jpeg, null, Producer("b"));
        var after = Conformance.Inspector.Inspect(jpeg);
        Assert.Equal("xmp", Assert.Single(after.Sites).Kind);
        Assert.True(after.IsValid, Conformance.Describe(after));
        Assert.Single(Independent.ExiftoolLabelValues(jpeg));
    }

    [Theory]
    [InlineData("II")]
    [InlineData("MM")]
    public void UnicodeUserCommentIsReadInEitherByteOrder(string byteOrder)
    {
        var jpeg = MakeJpeg();
        const string label = "{\"AIGC\":{\"Label\":\"1\",\"ContentProducer\":\"测试\",\"ProduceID\":\"u1\"}}";
        Tool.Run("exiftool", "-overwrite_original", $"-ExifByteOrder={byteOrder}", $"-UserComment={label}", jpeg).EnsureSuccess("exiftool");
        Assert.Contains("UNICODE\0", Encoding.Latin1.GetString(File.ReadAllBytes(jpeg)));

        var report = Conformance.Inspector.Inspect(jpeg);
        Assert.Equal("exif-usercomment", Assert.Single(report.Sites).Kind);
        Assert.Equal("测试", report.Label!.ContentProducer);
        Assert.Equal("u1", report.Label.ProduceID);
    }

    [Fact]
    public void UserCommentWithoutLabelIsNotASiteAndIsKept()
    {
        var jpeg = MakeJpeg();
        Tool.Run("exiftool", "-overwrite_original", "-UserComment=taken at the beach", jpeg).EnsureSuccess("exiftool");
        Assert.Empty(Conformance.Inspector.Inspect(jpeg).Sites);
        var labeled = Conformance.RoundTrip(jpeg, "jpeg", Checks.Exiftool);
        Assert.Contains("taken at the beach", Tool.Run("exiftool", "-UserComment", labeled).EnsureSuccess("exiftool").Stdout);
    }

    [Fact]
    public void PacketTooLargeForApp1IsAClearErrorAndWritesNothing()
    {
        var jpeg = MakeJpeg();
        Tool.Run("exiftool", "-overwrite_original", "-XMP-dc:Description=" + new string('A', 65000), jpeg).EnsureSuccess("exiftool");
        var before = File.ReadAllBytes(jpeg);
        var output = _folder.File("out.jpg");

        var ex = Assert.Throws<LabelingException>(() => Conformance.Writer.Write(jpeg, output, Producer("big")));
        Assert.Contains("APP1", ex.Message);
        Assert.False(File.Exists(output));
        Assert.Empty(_folder.Leftovers("in.jpg"));
        Assert.Equal(before, File.ReadAllBytes(jpeg));
    }

    [Fact]
    public void ExtendedXmpIsCopiedUntouched()
    {
        var jpeg = MakeJpeg();
        Tool.Run("exiftool", "-overwrite_original", "-XMP-dc:Description=" + new string('B', 65300), jpeg).EnsureSuccess("exiftool");
        Assert.Equal(2, Bytes.Count(File.ReadAllBytes(jpeg), "http://ns.adobe.com/xmp/extension/\0"));
        var labeled = Conformance.RoundTrip(jpeg, "jpeg", Checks.Exiftool | Checks.Decode);
        Assert.Contains(new string('B', 65300), Tool.Run("exiftool", "-j", "-XMP-dc:Description", labeled).EnsureSuccess("exiftool").Stdout);
    }

    [Fact]
    public void ProgressiveJpegWithManyScansIsCopiedVerbatim()
    {
        var baseline = MakeJpeg("base.jpg");
        var progressive = _folder.File("progressive.jpg");
        Tool.Run("jpegtran", "-progressive", "-outfile", progressive, baseline).EnsureSuccess("jpegtran");
        Assert.True(Bytes.Count(File.ReadAllBytes(progressive), "\u00FF\u00DA") > 1, "jpegtran wrote a single scan");
        Conformance.RoundTrip(progressive, "jpeg", Checks.Exiftool | Checks.Decode);
    }

    [Fact]
    public void FillBytesAndStandaloneMarkersAreWalkedAndKept()
    {
        var jpeg = MakeJpeg();
        var bytes = File.ReadAllBytes(jpeg);
        var dqt = bytes.AsSpan().IndexOf([(byte)0xFF, (byte)0xDB]);
        byte[] oddities = [0xFF, 0xFF, 0xFF, 0x01, 0xFF, 0xFF]; // fill bytes (T.81 B.1.1.2) around a standalone TEM marker
        File.WriteAllBytes(jpeg, [.. bytes[..dqt], .. oddities, .. bytes[dqt..]]);
        var labeled = Conformance.RoundTrip(jpeg, "jpeg", Checks.Exiftool | Checks.Decode);
        Assert.True(File.ReadAllBytes(labeled).AsSpan().IndexOf((byte[])[.. oddities, 0xFF, 0xDB]) > 0);
    }

    [Fact]
    public void MultiPictureOffsetsFollowAnXmpSegmentThatGrowsAfterTheMpIndex()
    {
        var secondary = File.ReadAllBytes(Tool.Ffmpeg(_folder.File("second.jpg"), "-f", "lavfi", "-i", "smptebars=size=64x48", "-frames:v", "1"));
        var jpeg = _folder.File("mpf.jpg");
        File.WriteAllBytes(jpeg, WithMultiPicture(File.ReadAllBytes(MakeJpeg()), secondary));
        Assert.Equal(secondary, ExtractSecondImage(jpeg)); // the hand-made index is right before labeling

        var labeled = Conformance.RoundTrip(jpeg, "jpeg", Checks.Exiftool | Checks.Decode);
        Assert.Equal(secondary, ExtractSecondImage(labeled));
        Assert.Contains("Alice", Tool.Run("exiftool", "-XMP-dc:Creator", labeled).EnsureSuccess("exiftool").Stdout);
    }

    [Fact]
    public void TruncatedJpegIsCorruptAndNotWritten()
    {
        var jpeg = MakeJpeg();
        var bytes = File.ReadAllBytes(jpeg);
        File.WriteAllBytes(jpeg, bytes[..(bytes.Length * 3 / 4)]);

        var report = Conformance.Inspector.Inspect(jpeg);
        Assert.Equal("jpeg", report.Format);
        Assert.Contains(report.Problems, p => p.Code == "container.corrupt");

        var output = _folder.File("out.jpg");
        Assert.Throws<ContainerFormatException>(() => Conformance.Writer.Write(jpeg, output, Producer("t")));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void PngNamedJpgIsDetectedAsPng()
    {
        var png = Tool.Ffmpeg(_folder.File("photo.png"), "-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1");
        var renamed = _folder.File("photo.jpg");
        File.Move(png, renamed);
        Assert.Equal("png", Conformance.Inspector.Inspect(renamed).Format);
        Assert.False(new JpegCarrier().Detect(File.ReadAllBytes(renamed)));
        Conformance.Writer.Write(renamed, null, Producer("p"));
        Assert.Equal("png", Conformance.Inspector.Inspect(renamed).Format);
    }

    [Fact]
    public void CorruptedCopiesNeverCrashOrWriteHalfFiles()
    {
        var jpeg = MakeJpeg();
        Tool.Run("exiftool", "-overwrite_original", "-XMP-dc:Creator=Alice", $"-UserComment={OldLabel}", jpeg).EnsureSuccess("exiftool");
        Corruption.Fuzz(jpeg);
    }

    private byte[] ExtractSecondImage(string jpeg)
    {
        var extracted = _folder.File("extracted.jpg");
        File.Delete(extracted);
        Tool.Run("exiftool", "-b", "-W", extracted, "-MPImage2:PreviewImage", jpeg).EnsureSuccess("exiftool");
        Assert.True(File.Exists(extracted), "exiftool found no second MP image");
        return File.ReadAllBytes(extracted);
    }

    /// <summary>
    /// Builds an MPF file (CIPA DC-007 §5.2): after APP0, an APP2 MP index (big-endian, version, two entries) and then
    /// an XMP APP1 (so a growing packet lies between the MP header and the appended image), then the second image.
    /// </summary>
    private static byte[] WithMultiPicture(byte[] primary, byte[] secondary)
    {
        var afterApp0 = 4 + ((primary[4] << 8) | primary[5]);
        const string packet = "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?><x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:creator><rdf:Seq><rdf:li>Alice</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>";
        var xmp = Segment(0xE1, [.. Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0"), .. Encoding.ASCII.GetBytes(packet)]);

        var index = new byte[4 + 8 + 2 + (3 * 12) + 4 + 32];
        var mp = index.AsSpan(4);
        "MPF\0"u8.CopyTo(index);
        "MM\0*\0\0\0\x08"u8.CopyTo(mp);
        Put16(mp, 8, 3);
        Entry(mp, 10, 0xB000, 7, 4, 0x30313030); // MPFVersion "0100"
        Entry(mp, 22, 0xB001, 4, 1, 2); // NumberOfImages
        Entry(mp, 34, 0xB002, 7, 32, 50); // MPEntry, 2 × 16 bytes at 50
        var mpf = Segment(0xE2, index);
        var headerAt = afterApp0 + 4 + 4; // the MP header follows the segment's marker, length and "MPF\0"
        var total = primary.Length + mpf.Length + xmp.Length;
        Put32(mp, 50, 0x20030000); // baseline primary image
        Put32(mp, 54, (uint)total);
        Put32(mp, 66, 0x00010001); // a large thumbnail
        Put32(mp, 70, (uint)secondary.Length);
        Put32(mp, 74, (uint)(total - headerAt));
        mpf = Segment(0xE2, index);
        return [.. primary[..afterApp0], .. mpf, .. xmp, .. primary[afterApp0..], .. secondary];

        static byte[] Segment(byte marker, byte[] data) => [0xFF, marker, (byte)((data.Length + 2) >> 8), (byte)(data.Length + 2), .. data];
        static void Put16(Span<byte> b, int at, ushort v) => System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(b[at..], v);
        static void Put32(Span<byte> b, int at, uint v) => System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b[at..], v);
        static void Entry(Span<byte> b, int at, ushort tag, ushort type, uint count, uint value)
        {
            Put16(b, at, tag);
            Put16(b, at + 2, type);
            Put32(b, at + 4, count);
            Put32(b, at + 8, value);
        }
    }

    /// <summary>The EXIF APP1 segment's data, found by its identifier and its big-endian length field.</summary>
    private static byte[] ExifSegment(byte[] jpeg)
    {
        var at = Bytes.IndexOf(jpeg, "Exif\0\0");
        Assert.True(at >= 4 && jpeg[at - 4] == 0xFF && jpeg[at - 3] == 0xE1, "no EXIF APP1 segment");
        var length = (jpeg[at - 2] << 8) | jpeg[at - 1];
        return jpeg[at..(at + length - 2)];
    }
}
