using System.Buffers.Binary;
using System.Text;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Writing;
using Qinglang.Review.Identifying;
using Qinglang.Review.Metadata;
using Qinglang.Review.Tests.Support;

namespace Qinglang.Review.Tests.Identifying;

/// <summary>
/// Where identification is looser than labeling: the Labels walkers refuse a file cut short, but identification keeps
/// the traces that lie before the cut and reports the cut as a metadata problem; a file past the 64 MiB it examines
/// still has its implicit label read from the whole file.
/// </summary>
public sealed class TruncatedUploadTests : IDisposable
{
    private const string Trained = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void JpegCutAfterItsExifStillShowsTheGenerator()
    {
        var jpeg = Media.Jpeg(_folder);
        Tool.Run("exiftool", "-overwrite_original", "-EXIF:Software=Midjourney v6", jpeg).EnsureSuccess("exiftool");
        var bytes = File.ReadAllBytes(jpeg);
        var app1 = Find(bytes, "Exif\0\0") - 4; // the marker and length come before the identifier
        var afterApp1 = app1 + 2 + BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(app1 + 2));
        var cut = Cut(jpeg, afterApp1 + 6); // inside the next segment, which now claims more than is left

        AssertTraceAndProblem(Identify.Run(cut), EvidenceKinds.GeneratorSoftware, "JPEG");
    }

    [Fact]
    public void PngCutInsideIendStillShowsTheParameters()
    {
        var png = Media.Png(_folder);
        Embed.PngText(png, "parameters", "a cat\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1");
        var cut = Cut(png, new FileInfo(png).Length - 5);

        AssertTraceAndProblem(Identify.Run(cut), EvidenceKinds.StableDiffusion, "PNG");
    }

    [Fact]
    public void WebPWithALyingLastChunkStillShowsItsXmp()
    {
        var webp = Media.WebP(_folder);
        Tool.Run("exiftool", "-overwrite_original", $"-XMP-iptcExt:DigitalSourceType={Trained}", webp).EnsureSuccess("exiftool");
        Embed.RiffChunk(webp, "junk", new byte[64]);
        var cut = Cut(webp, new FileInfo(webp).Length - 32);

        AssertTraceAndProblem(Identify.Run(cut), EvidenceKinds.IptcSourceType, "RIFF");
    }

    [Fact]
    public void Mp4WithABoxClaimingTooMuchStillShowsItsC2paBox()
    {
        var mp4 = Media.Mp4(_folder);
        Embed.BmffC2pa(mp4, C2paFixture.Store());
        File.WriteAllBytes(mp4, [.. File.ReadAllBytes(mp4), 0, 0, 0x10, 0, .. "free"u8, .. new byte[16]]);

        AssertTraceAndProblem(Identify.Run(mp4), EvidenceKinds.C2pa, "ISO-BMFF");
    }

    [Fact]
    public void UndefinedZtxtCompressionIsReportedAndLaterChunksAreStillRead()
    {
        var png = Media.Png(_folder);
        Embed.PngChunk(png, "zTXt", [.. "Comment"u8, 0, 1, 0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Embed.PngText(png, "parameters", "a dog\nSteps: 30, Sampler: DDIM, CFG scale: 5, Seed: 9");

        var result = Identify.Run(png);

        Assert.Equal(Decision.Suspected, result.Decision);
        Identify.Trace(result, EvidenceKinds.StableDiffusion);
        Assert.Contains(result.Evidence, e => e.Kind == EvidenceKinds.MetadataProblem && e.Detail.Contains("zTXt") && e.Detail.Contains("compression method"));
    }

    [Fact]
    public void TiffBlockWithAValueOutsideItIsReportedAndItsOtherTagsAreRead()
    {
        // A little-endian TIFF block, IFD0 at 8 with two ASCII entries: Make points outside the block, Software is inline.
        var tiff = new byte[8 + 2 + (2 * 12) + 4];
        "II*\0"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 2);
        WriteEntry(tiff, 10, 0x010F, count: 40, value: 5000);
        WriteEntry(tiff, 22, 0x0131, count: 3, value: BinaryPrimitives.ReadUInt32LittleEndian("MJ\0\0"u8));

        var metadata = MetadataExtractor.Read(tiff);

        Assert.Equal("MJ", Assert.Single(metadata.Named("Software")).Value);
        Assert.Empty(metadata.Named("Make"));
        Assert.Contains(metadata.Problems, p => p.Contains("0x010F") && p.Contains("outside"));
    }

    [Fact]
    public void FileLargerThanWhatIsExaminedHasItsLabelReadFromTheWholeFile()
    {
        var png = Media.Png(_folder);
        var labeled = _folder.File("labeled.png");
        new LabelWriter(CarrierRegistry.Default).Write(png, labeled, new LabelRequest { Label = "1", ContentProducer = "001191440300708461136T1XGW3", ProduceID = "big-1" });
        var bytes = File.ReadAllBytes(labeled);
        const int ihdrEnd = 8 + 25;
        byte[] typed = [.. "fiLl"u8, .. new byte[MetadataExtractor.MaxBytes + (1 << 20)]];
        var filler = new byte[8 + typed.Length];
        BinaryPrimitives.WriteUInt32BigEndian(filler, (uint)(typed.Length - 4));
        typed.CopyTo(filler, 4);
        BinaryPrimitives.WriteUInt32BigEndian(filler.AsSpan(filler.Length - 4), Crc32.Compute(typed));
        var big = _folder.File("big.png");
        using (var output = File.Create(big))
        {
            output.Write(bytes, 0, ihdrEnd);
            output.Write(filler); // the label's XMP chunk now lies past the first 64 MiB
            output.Write(bytes, ihdrEnd, bytes.Length - ihdrEnd);
        }

        var result = Identify.Run(big);

        Assert.Equal(Decision.Labeled, result.Decision);
        Assert.Contains(result.Evidence, e => e.Kind == EvidenceKinds.MetadataProblem && e.Detail.Contains("only the first 64 MiB"));
    }

    [Fact]
    public void CorruptedBytesInEveryWalkedContainerGiveProblemsNotExceptions()
    {
        var jpeg = Media.Jpeg(_folder);
        Tool.Run("exiftool", "-overwrite_original", "-EXIF:Software=Midjourney", "-XMP-xmp:CreatorTool=DALL·E 3", jpeg).EnsureSuccess("exiftool");
        Embed.JpegApp11(jpeg, C2paFixture.Store(), packetPayload: 200);
        var png = Media.Png(_folder);
        Embed.PngText(png, "parameters", "a cat\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1");
        Embed.PngChunk(png, "caBX", C2paFixture.Store());
        var webp = Media.WebP(_folder);
        Embed.RiffChunk(webp, "C2PA", C2paFixture.Store());
        var mp4 = Media.Mp4(_folder);
        Embed.BmffC2pa(mp4, C2paFixture.Store());

        var random = new Random(45438);
        foreach (var file in new[] { jpeg, png, webp, mp4 })
        {
            var original = File.ReadAllBytes(file);
            for (var round = 0; round < 400; round++)
            {
                var bytes = (byte[])original.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    bytes[random.Next(3, Math.Min(bytes.Length, 4096))] = (byte)random.Next(256); // the headers live up front
                }

                var metadata = MetadataExtractor.Read(bytes);
                foreach (var detector in AigcIdentifier.DefaultDetectors)
                {
                    _ = detector.Detect(metadata).ToList();
                }
            }
        }
    }

    private static void AssertTraceAndProblem(Identification result, string kind, string format)
    {
        Assert.Equal(Decision.Suspected, result.Decision);
        Identify.Trace(result, kind);
        Assert.Contains(result.Evidence, e => e.Kind == EvidenceKinds.MetadataProblem && e.Detail.StartsWith($"{format}: ", StringComparison.Ordinal));
    }

    private string Cut(string file, long length)
    {
        var cut = _folder.File("cut-" + Path.GetFileName(file));
        File.WriteAllBytes(cut, File.ReadAllBytes(file)[..(int)length]);
        return cut;
    }

    private static int Find(byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text));

    private static void WriteEntry(byte[] tiff, int at, ushort tag, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), tag);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 2), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 4), count);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 8), value);
    }
}
