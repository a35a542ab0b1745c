using System.Buffers.Binary;
using System.Text;
using Qinglang.Labels.IO;
using Qinglang.Labels.Model;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.WriteChecks;

/// <summary>
/// A real PNG carrying a chunk far larger than any label: reading and labeling it stream the chunk instead of holding
/// it, and an oversized label chunk is reported, never loaded.
/// </summary>
public sealed class GiganticChunkTests : IDisposable
{
    private const int Gigantic = 96 << 20;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>An ffmpeg PNG with one extra chunk of <paramref name="length"/> bytes (valid CRC) right before IEND.</summary>
    private string PngWithChunk(string name, string type, int length, byte[]? prefix = null)
    {
        var png = File.ReadAllBytes(Tool.Ffmpeg(_folder.File(name + ".src.png"), "-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1"));
        var path = _folder.File(name);
        using (var file = File.Create(path))
        {
            file.Write(png.AsSpan(0, png.Length - 12));
            Span<byte> header = stackalloc byte[8];
            BinaryPrimitives.WriteUInt32BigEndian(header, (uint)length);
            Encoding.ASCII.GetBytes(type, header[4..]);
            file.Write(header);

            var crc = Crc32.Append(0, header[4..]);
            var block = new byte[1 << 20];
            prefix?.CopyTo(block, 0);
            for (var written = 0; written < length; written += block.Length)
            {
                var part = block.AsSpan(0, Math.Min(block.Length, length - written));
                crc = Crc32.Append(crc, part);
                file.Write(part);
                block.AsSpan(0, prefix?.Length ?? 0).Clear();
            }

            Span<byte> crcBytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(crcBytes, crc);
            file.Write(crcBytes);
            file.Write(png.AsSpan(png.Length - 12)); // IEND
        }

        return path;
    }

    [Fact]
    public void GiganticChunkIsCopiedWithoutBeingHeldInMemory()
    {
        var png = PngWithChunk("big.png", "giGa", Gigantic);
        var output = _folder.File("labeled.png");

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        Conformance.Writer.Write(png, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "big-1" });
        var report = Conformance.Inspector.Inspect(output);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.True(report.IsValid, Conformance.Describe(report));
        Assert.True(allocated < 16 << 20, $"labeling and inspecting a {Gigantic >> 20} MB chunk allocated {allocated >> 20} MB");
        Assert.Contains("big-1", Assert.Single(Independent.ExiftoolLabelValues(output)).Value, StringComparison.Ordinal);
        Assert.Equal(Independent.DecodedStreamHashes(png), Independent.DecodedStreamHashes(output));

        // The chunk arrived whole: the same bytes from its header to the end of the file (IEND).
        const long chunkAndEnd = 8 + Gigantic + 4 + 12;
        Assert.Equal(TailSha256(png, chunkAndEnd), TailSha256(output, chunkAndEnd));
    }

    private static string TailSha256(string path, long count)
    {
        using var stream = File.OpenRead(path);
        stream.Position = stream.Length - count;
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream));
    }

    [Fact]
    public void OversizedLabelTextChunkIsReportedNotLoadedAndReplacedByOneSite()
    {
        var png = PngWithChunk("aigc.png", "tEXt", 20 << 20, Encoding.Latin1.GetBytes("AIGC\0{\"Label\":\"1\""));

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var before = Conformance.Inspector.Inspect(png);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore < 4 << 20, "inspection loaded the oversized chunk");
        Assert.Contains(before.Problems, p => p.Code == ProblemCodes.ContainerCorrupt && p.Message.Contains("too large", StringComparison.Ordinal));
        Assert.Null(before.Label);

        var output = _folder.File("fixed.png");
        Conformance.Writer.Write(png, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "fixed-1" });
        var after = Conformance.Inspector.Inspect(output);
        Assert.True(after.IsValid, Conformance.Describe(after));
        Assert.Single(after.Sites);
        Assert.True(new FileInfo(output).Length < 1 << 20, "the oversized label chunk was dropped with the other old sites");
    }

    [Fact]
    public void OversizedXmpIsRefusedRatherThanDroppedWithItsOtherProperties()
    {
        // An XMP packet too large to merge into: dropping it would lose its other properties, so nothing is written.
        var xmp = Encoding.Latin1.GetBytes("XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:format>image/png</dc:format></rdf:Description></rdf:RDF></x:xmpmeta>");
        var png = PngWithChunk("xmp.png", "iTXt", 20 << 20, xmp);
        var before = Conformance.Sha256(png);
        var output = _folder.File("refused.png");

        var ex = Assert.Throws<LabelingException>(() => Conformance.Writer.Write(png, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "x" }));
        Assert.Equal(ProblemCodes.Unsupported, ex.Code);
        Assert.Contains("XMP", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Throws<LabelingException>(() => Conformance.Writer.Write(png, null, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "x" }));
        Assert.Equal(before, Conformance.Sha256(png));
        Assert.Empty(_folder.Leftovers("xmp.png", "xmp.png.src.png"));
    }
}
