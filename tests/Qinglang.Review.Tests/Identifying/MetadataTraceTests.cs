using Qinglang.Review.Identifying;
using Qinglang.Review.Tests.Support;

namespace Qinglang.Review.Tests.Identifying;

/// <summary>IPTC DigitalSourceType and generator fingerprints written by exiftool or inserted as PNG text chunks.</summary>
public sealed class MetadataTraceTests : IDisposable
{
    private const string Iptc = "http://cv.iptc.org/newscodes/digitalsourcetype/";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("trainedAlgorithmicMedia", "jpg")]
    [InlineData("compositeWithTrainedAlgorithmicMedia", "png")]
    public void IptcTrainedAlgorithmicMediaIsCase3(string code, string extension)
    {
        var file = extension == "jpg" ? Media.Jpeg(_folder) : Media.Png(_folder);
        Tool.Run("exiftool", "-overwrite_original", $"-XMP-iptcExt:DigitalSourceType={Iptc}{code}", file).EnsureSuccess("exiftool");

        var result = Identify.Run(file);

        Assert.Equal(Decision.Suspected, result.Decision);
        Assert.Contains(code, Identify.Trace(result, EvidenceKinds.IptcSourceType).Detail);
    }

    [Fact]
    public void BareAlgorithmicMediaIsNotMachineLearning()
    {
        var jpeg = Media.Jpeg(_folder);
        Tool.Run("exiftool", "-overwrite_original", $"-XMP-iptcExt:DigitalSourceType={Iptc}algorithmicMedia", jpeg).EnsureSuccess("exiftool");

        var result = Identify.Run(jpeg);

        Assert.Null(result.Decision);
        Assert.False(Assert.Single(result.Evidence, e => e.Kind == EvidenceKinds.IptcSourceType).IndicatesAi);
    }

    [Fact]
    public void StableDiffusionWebUiParametersAreATrace()
    {
        var png = Media.Png(_folder);
        Embed.PngText(png, "parameters", "1girl, masterpiece\nSteps: 28, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 42");
        Tool.Run("exiftool", "-PNG:Parameters", png).EnsureSuccess("exiftool reading the inserted chunk");

        var trace = Identify.Trace(Identify.Run(png), EvidenceKinds.StableDiffusion);
        Assert.Contains("tEXt", trace.Where);
    }

    [Theory]
    [InlineData("一只猫在沙发上, photorealistic", "UNICODE")] // exiftool, like the WebUI, stores non-ASCII text as UTF-16
    [InlineData("a cat on a sofa, photorealistic", "ASCII")]
    public void StableDiffusionWebUiParametersInAJpegUserCommentAreATrace(string prompt, string code)
    {
        var jpeg = Media.Jpeg(_folder);
        Tool.Run("exiftool", "-overwrite_original", $"-ExifIFD:UserComment={prompt} Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234, Model hash: 6ce0161689", jpeg).EnsureSuccess("exiftool");
        var prefix = System.Text.Encoding.ASCII.GetBytes(code.PadRight(8, '\0'));
        Assert.True(File.ReadAllBytes(jpeg).AsSpan().IndexOf(prefix) >= 0, $"exiftool stored the comment with the {code} character code");

        var trace = Identify.Trace(Identify.Run(jpeg), EvidenceKinds.StableDiffusion);
        Assert.Contains("UserComment", trace.Where);
        Assert.Contains("Seed:", trace.Detail);
        Assert.Contains(prompt[..3], trace.Detail);
    }

    [Fact]
    public void AnOrdinaryUserCommentIsNotATrace()
    {
        var jpeg = Media.Jpeg(_folder);
        Tool.Run("exiftool", "-overwrite_original", "-ExifIFD:UserComment=Holiday in Hangzhou, Steps: along the lake", jpeg).EnsureSuccess("exiftool");

        Assert.DoesNotContain(Identify.Run(jpeg).Evidence, e => e.Kind == EvidenceKinds.StableDiffusion);
    }

    [Fact]
    public void PromptWordParametersWithoutSettingsIsNotATrace()
    {
        var png = Media.Png(_folder);
        Embed.PngText(png, "parameters", "exposure=1.0");

        Assert.Null(Identify.Run(png).Decision);
    }

    [Fact]
    public void ComfyUiPromptAndWorkflowAreTraces()
    {
        var png = Media.Png(_folder);
        Embed.PngText(png, "prompt", """{"3":{"class_type":"KSampler","inputs":{"seed":5}},"4":{"class_type":"CheckpointLoaderSimple","inputs":{}}}""");
        Embed.PngText(png, "workflow", """{"last_node_id":9,"nodes":[{"id":3,"type":"KSampler"}],"links":[]}""");

        var result = Identify.Run(png);

        Assert.Equal(Decision.Suspected, result.Decision);
        var traces = result.Evidence.Where(e => e.Kind == EvidenceKinds.ComfyUi).ToList();
        Assert.Equal(2, traces.Count);
        Assert.Contains("KSampler", traces[0].Detail);
    }

    [Fact]
    public void NovelAiSoftwareAndCommentAreTraces()
    {
        var png = Media.Png(_folder);
        Embed.PngText(png, "Software", "NovelAI");
        Embed.PngText(png, "Comment", """{"prompt":"a fox","steps":28,"sampler":"k_euler","seed":7,"uc":"lowres","scale":5.0}""");

        var traces = Identify.Run(png).Evidence.Where(e => e.Kind == EvidenceKinds.NovelAi).ToList();
        Assert.Equal(2, traces.Count);
    }

    [Theory]
    [InlineData("-EXIF:Software=Midjourney v6", "Midjourney")]
    [InlineData("-EXIF:Artist=通义万相", "通义万相")]
    [InlineData("-XMP-xmp:CreatorTool=DALL·E 3", "DALL·E")]
    public void KnownGeneratorInSoftwareFieldsIsATrace(string assignment, string product)
    {
        var jpeg = Media.Jpeg(_folder);
        Tool.Run("exiftool", "-overwrite_original", assignment, jpeg).EnsureSuccess("exiftool");

        var result = Identify.Run(jpeg);

        Assert.Equal(Decision.Suspected, result.Decision);
        Assert.Contains(product, Identify.Trace(result, EvidenceKinds.GeneratorSoftware).Detail);
    }

    [Fact]
    public void OrdinarySoftwareIsNotATrace()
    {
        var jpeg = Media.Jpeg(_folder);
        Tool.Run("exiftool", "-overwrite_original", "-EXIF:Software=GIMP 2.10", "-EXIF:Artist=Sorayama", jpeg).EnsureSuccess("exiftool");

        Assert.Null(Identify.Run(jpeg).Decision);
    }
}
