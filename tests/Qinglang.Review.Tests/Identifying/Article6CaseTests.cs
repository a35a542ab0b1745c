using Qinglang.Labels.Carriers;
using Qinglang.Labels.Signing;
using Qinglang.Labels.Writing;
using Qinglang.Review.Identifying;
using Qinglang.Review.Tests.Support;

namespace Qinglang.Review.Tests.Identifying;

/// <summary>The four cases of Measures Art. 6 on real files: labeled, declared, suspected, none.</summary>
public sealed class Article6CaseTests : IDisposable
{
    private const string Producer = "001191440300708461136T1XGW3";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ValidLabelWrittenByQinglangIsCase1()
    {
        var png = Media.Png(_folder);
        var labeled = _folder.File("labeled.png");
        new LabelWriter(CarrierRegistry.Default).Write(png, labeled, new LabelRequest { Label = "1", ContentProducer = Producer, ProduceID = "gen-0001" });

        var result = Identify.Run(labeled);

        Assert.Equal(Decision.Labeled, result.Decision);
        Assert.Equal("该内容是人工智能生成合成内容 · This content is AI-generated/synthesized", result.Notice);
        Assert.Contains(Producer, Identify.Trace(result, EvidenceKinds.ImplicitLabel).Detail);
        Assert.Null(result.Note);
    }

    [Fact]
    public void LabelWinsOverDeclaration()
    {
        var mp4 = Media.Mp4(_folder);
        var labeled = _folder.File("labeled.mp4");
        new LabelWriter(CarrierRegistry.Default).Write(mp4, labeled, new LabelRequest { Label = "1", ContentProducer = Producer, ProduceID = "v1" });

        var result = Identify.Run(labeled, declared: true);

        Assert.Equal(Decision.Labeled, result.Decision);
        Assert.Contains(result.Evidence, e => e.Kind == EvidenceKinds.Declared);
    }

    [Fact]
    public void SignatureByTrustedKeyKeepsCase1AndUntrustedSignatureDoesNot()
    {
        var png = Media.Png(_folder);
        var signer = Sm2KeyPair.Generate();
        var labeled = _folder.File("signed.png");
        new LabelWriter(CarrierRegistry.Default).Write(png, labeled, new LabelRequest { Label = "1", ContentProducer = Producer, ProduceID = "s1", SigningKey = signer });

        var trusted = new AigcIdentifier([signer]).Identify(labeled, declaredAi: false);
        Assert.Equal(Decision.Labeled, trusted.Decision);
        Assert.Contains("signature trusted", Identify.Trace(trusted, EvidenceKinds.ImplicitLabel).Detail);

        var stranger = new AigcIdentifier([Sm2KeyPair.Generate()]).Identify(labeled, declaredAi: false);
        Assert.Equal(Decision.Suspected, stranger.Decision);
        Assert.Contains(stranger.Evidence, e => e.Kind == EvidenceKinds.LabelProblem && e.Detail.Contains("signature.untrusted"));
    }

    [Fact]
    public void EarlierPlatformsSuspectedLabelIsATraceNotCase1()
    {
        var png = Media.Png(_folder);
        var labeled = _folder.File("relabeled.png");
        new LabelWriter(CarrierRegistry.Default).Write(png, labeled, new LabelRequest
        {
            Label = "3", ContentProducer = Producer, ProduceID = "x", ContentPropagator = "001191110108MA01KP2T4Q20001", PropagateID = "p1",
        });

        var result = Identify.Run(labeled);

        Assert.Equal(Decision.Suspected, result.Decision);
        Assert.Contains("Label \"3\"", Identify.Trace(result, EvidenceKinds.ImplicitLabel).Detail);
        Assert.Equal(Decision.Declared, Identify.Run(labeled, declared: true).Decision);
    }

    [Fact]
    public void DeclarationWithoutLabelIsCase2()
    {
        var result = Identify.Run(Media.Png(_folder), declared: true);

        Assert.Equal(Decision.Declared, result.Decision);
        Assert.StartsWith("该内容可能为人工智能生成合成内容", result.Notice);
    }

    [Fact]
    public void TraceWithoutLabelOrDeclarationIsCase3()
    {
        var png = Media.Png(_folder);
        Embed.PngText(png, "parameters", "a cat in a hat\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: 64x48, Model hash: 6ce0161689");

        var result = Identify.Run(png);

        Assert.Equal(Decision.Suspected, result.Decision);
        Assert.StartsWith("该内容疑似人工智能生成合成内容", result.Notice);
    }

    [Fact]
    public void NothingFoundIsNoDecisionAndSaysAbsenceProvesNothing()
    {
        foreach (var file in new[] { Media.Png(_folder), Media.Jpeg(_folder), Media.Mp4(_folder) })
        {
            var result = Identify.Run(file);

            Assert.Null(result.Decision);
            Assert.Null(result.Notice);
            Assert.Contains("absence of metadata does not prove", result.Note);
            Assert.DoesNotContain(result.Evidence, e => e.IndicatesAi);
        }
    }

    [Fact]
    public void MissingFileIsUnreadableNotAnException()
    {
        var result = Identify.Run(_folder.File("nope.png"));

        Assert.True(result.Unreadable);
        Assert.Null(result.Decision);
    }
}
