using Qinglang.Review.Identifying;
using Qinglang.Review.Tests.Support;

namespace Qinglang.Review.Tests.Identifying;

/// <summary>C2PA manifest stores built from the specification, embedded in each container C2PA defines.</summary>
public sealed class C2paTraceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void JpegApp11ManifestWithTrainedAlgorithmicMediaIsCase3()
    {
        var jpeg = Media.Jpeg(_folder);
        Embed.JpegApp11(jpeg, C2paFixture.Store());
        Tool.Run("ffprobe", "-v", "error", jpeg).EnsureSuccess("ffprobe reading the JPEG with APP11");

        var result = Identify.Run(jpeg);

        Assert.Equal(Decision.Suspected, result.Decision);
        var trace = Identify.Trace(result, EvidenceKinds.C2pa);
        Assert.Contains("claim_generator \"ExampleGen/1.0\"", trace.Detail);
        Assert.Contains("c2pa.created (" + C2paFixture.TrainedAlgorithmicMedia + ")", trace.Detail);
        Assert.Contains("APP11", trace.Where);
    }

    [Fact]
    public void JpegApp11ManifestSplitOverSeveralSegmentsIsJoined()
    {
        var jpeg = Media.Jpeg(_folder);
        var store = C2paFixture.Store();
        Embed.JpegApp11(jpeg, store, packetPayload: 40);
        Assert.True(store.Length > 120, "the store must need several packets");

        Identify.Trace(Identify.Run(jpeg), EvidenceKinds.C2pa);
    }

    [Fact]
    public void PngCaBxManifestIsCase3()
    {
        var png = Media.Png(_folder);
        Embed.PngChunk(png, "caBX", C2paFixture.Store());
        Tool.Run("ffprobe", "-v", "error", png).EnsureSuccess("ffprobe reading the PNG with caBX");

        var result = Identify.Run(png);

        Assert.Equal(Decision.Suspected, result.Decision);
        Assert.Contains("caBX", Identify.Trace(result, EvidenceKinds.C2pa).Where);
    }

    [Fact]
    public void WebPChunkAndBmffUuidManifestsAreFound()
    {
        var webp = Media.WebP(_folder);
        Embed.RiffChunk(webp, "C2PA", C2paFixture.Store());
        Assert.Contains("C2PA", Identify.Trace(Identify.Run(webp), EvidenceKinds.C2pa).Where);

        var mp4 = Media.Mp4(_folder);
        Embed.BmffC2pa(mp4, C2paFixture.Store());
        Tool.Run("ffprobe", "-v", "error", mp4).EnsureSuccess("ffprobe reading the MP4 with a C2PA uuid box");
        Assert.Contains("uuid", Identify.Trace(Identify.Run(mp4), EvidenceKinds.C2pa).Where);
    }

    [Fact]
    public void CameraManifestIsReportedButNotATrace()
    {
        var jpeg = Media.Jpeg(_folder);
        Embed.JpegApp11(jpeg, C2paFixture.Store(digitalSourceType: C2paFixture.DigitalCapture));

        var result = Identify.Run(jpeg);

        Assert.Null(result.Decision);
        var note = Assert.Single(result.Evidence, e => e.Kind == EvidenceKinds.C2pa);
        Assert.False(note.IndicatesAi);
        Assert.Contains("digitalCapture", note.Detail);
    }

    [Fact]
    public void KnownGeneratorAsClaimGeneratorIsATrace()
    {
        var png = Media.Png(_folder);
        Embed.PngChunk(png, "caBX", C2paFixture.Store(claimGenerator: "Adobe_Firefly/3.0 c2pa-rs/0.30", digitalSourceType: null));

        Assert.Contains("Adobe Firefly", Identify.Trace(Identify.Run(png), EvidenceKinds.C2pa).Detail);
    }
}
