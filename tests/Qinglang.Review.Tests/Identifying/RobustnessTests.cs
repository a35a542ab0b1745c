using System.IO.Compression;
using Qinglang.Review.Identifying;
using Qinglang.Review.Metadata;
using Qinglang.Review.Tests.Support;
using Qinglang.Review.Traces;

namespace Qinglang.Review.Tests.Identifying;

/// <summary>Truncated and hostile containers: every walker checks its lengths and reports instead of throwing.</summary>
public sealed class RobustnessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void EveryTruncationOfFilesWithManifestsIsReadWithoutException()
    {
        var jpeg = Media.Jpeg(_folder);
        Embed.JpegApp11(jpeg, C2paFixture.Store(), packetPayload: 100);
        Tool.Run("exiftool", "-overwrite_original", "-EXIF:Software=Midjourney", jpeg).EnsureSuccess("exiftool");
        var png = Media.Png(_folder);
        Embed.PngChunk(png, "caBX", C2paFixture.Store());
        var webp = Media.WebP(_folder);
        Embed.RiffChunk(webp, "C2PA", C2paFixture.Store());

        foreach (var file in new[] { jpeg, png, webp })
        {
            var bytes = File.ReadAllBytes(file);
            for (var length = 0; length <= bytes.Length; length++)
            {
                var metadata = MetadataExtractor.Read(bytes.AsMemory(0, length));
                foreach (var detector in AigcIdentifier.DefaultDetectors)
                {
                    _ = detector.Detect(metadata).ToList();
                }
            }
        }
    }

    [Fact]
    public void CompressedTextChunksAreInflatedWithinALimit()
    {
        var png = Media.Png(_folder);
        byte[] settings = Deflate("masterpiece\nSteps: 20, Sampler: Euler, Seed: 3"u8.ToArray());
        Embed.PngChunk(png, "zTXt", [.. "parameters"u8, 0, 0, .. settings]);
        Assert.Equal(Decision.Suspected, Identify.Run(png).Decision);

        var bomb = Media.Png(_folder, "bomb.png");
        Embed.PngChunk(bomb, "zTXt", [.. "parameters"u8, 0, 0, .. Deflate(new byte[PngMetadataLimit + 1])]);
        var result = Identify.Run(bomb);
        Assert.Null(result.Decision);
        Assert.Contains(result.Evidence, e => e.Kind == EvidenceKinds.MetadataProblem && e.Detail.Contains("inflates beyond"));
    }

    [Fact]
    public void C2pa2ClaimGeneratorInfoIsRead()
    {
        var claim = new CborWriter().Map(2)
            .Text("claim_generator_info").Array(1).Map(2).Text("name").Text("Midjourney").Text("version").Text("7")
            .Text("instanceID").Text("xmp:iid:1")
            .ToArray();
        var png = Media.Png(_folder);
        Embed.PngChunk(png, "caBX", C2paFixture.Store(claimCbor: claim, digitalSourceType: null));

        Assert.Contains("claim_generator \"Midjourney 7\"", Identify.Trace(Identify.Run(png), EvidenceKinds.C2pa).Detail);
    }

    [Fact]
    public void HostileXmpCostsBoundedTime()
    {
        var xmp = "<x:xmpmeta>" + string.Concat(Enumerable.Repeat("<a:DigitalSourceType x=\"", 20_000)) + "</x:xmpmeta>";
        var metadata = new MediaMetadata("test", [], [new MetadataText("xmp", xmp, "test")], [], null, []);
        var started = DateTime.UtcNow;
        _ = new IptcSourceTypeDetector().Detect(metadata).ToList();
        _ = new GeneratorSoftwareDetector().Detect(metadata).ToList();
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    private const int PngMetadataLimit = 8 << 20;

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }
}
