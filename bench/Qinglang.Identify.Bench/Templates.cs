using Qinglang.Labels.Carriers;
using Qinglang.Labels.Writing;
using Qinglang.Review.Tests.Support;

namespace Qinglang.Identify.Bench;

/// <summary>
/// One small file per kind of upload a platform sees: plain media and text, files labeled by Qinglang, and files
/// carrying C2PA manifests, IPTC source types, generator fingerprints or a text notice, built the way the review
/// tests build them. The corpus is copies of these, so each kind is parsed the same way every time.
/// </summary>
internal static class Templates
{
    private const string Producer = "001191440300708461136T1XGW3";
    private const string Iptc = "http://cv.iptc.org/newscodes/digitalsourcetype/";

    /// <summary>(kind, template file, expected decision: "1", "3" or "" for none).</summary>
    public static IReadOnlyList<(string Kind, string Path, string Expected)> Make(TempFolder folder)
    {
        var kinds = new List<(string, string, string)>();
        void Add(string kind, string path, string expected) => kinds.Add((kind, path, expected));

        Add("plain-jpeg", Media.Jpeg(folder, "plain.jpg"), "");
        Add("plain-png", Media.Png(folder, "plain.png"), "");
        Add("plain-webp", Media.WebP(folder, "plain.webp"), "");
        Add("plain-mp4", Media.Mp4(folder, "plain.mp4"), "");
        Add("plain-mp3", Tool.Ffmpeg(folder.File("plain.mp3"), "-f", "lavfi", "-i", "sine=d=0.5", "-b:a", "64k"), "");
        Add("plain-md", Write(folder, "plain.md", "# 周报\n\n- 本周完成了**接口联调**\n- 下周继续[测试](https://example.com/plan)\n"), "");
        Add("plain-txt", Write(folder, "plain.txt", "今天天气晴，我们去公园散步。\n"), "");

        var writer = new LabelWriter(CarrierRegistry.Default);
        foreach (var (kind, source, _) in kinds.Where(k => k.Item1 is "plain-jpeg" or "plain-png" or "plain-mp4" or "plain-mp3" or "plain-md").ToList())
        {
            var labeled = folder.File("labeled" + Path.GetExtension(source));
            writer.Write(source, labeled, new LabelRequest { Label = "1", ContentProducer = Producer, ProduceID = "bench-" + kind });
            Add(kind.Replace("plain", "labeled", StringComparison.Ordinal), labeled, "1");
        }

        var jpeg = Media.Jpeg(folder, "c2pa.jpg");
        Embed.JpegApp11(jpeg, C2paFixture.Store());
        Add("c2pa-jpeg", jpeg, "3");
        var png = Media.Png(folder, "c2pa.png");
        Embed.PngChunk(png, "caBX", C2paFixture.Store());
        Add("c2pa-png", png, "3");
        var webp = Media.WebP(folder, "c2pa.webp");
        Embed.RiffChunk(webp, "C2PA", C2paFixture.Store());
        Add("c2pa-webp", webp, "3");
        var mp4 = Media.Mp4(folder, "c2pa.mp4");
        Embed.BmffC2pa(mp4, C2paFixture.Store());
        Add("c2pa-mp4", mp4, "3");

        var iptc = Media.Jpeg(folder, "iptc.jpg");
        Tool.Run("exiftool", "-overwrite_original", $"-XMP-iptcExt:DigitalSourceType={Iptc}trainedAlgorithmicMedia", iptc).EnsureSuccess("exiftool");
        Add("iptc-jpeg", iptc, "3");
        var software = Media.Jpeg(folder, "software.jpg");
        Tool.Run("exiftool", "-overwrite_original", "-EXIF:Software=Midjourney v6", software).EnsureSuccess("exiftool");
        Add("software-jpeg", software, "3");
        var webui = Media.Png(folder, "webui.png");
        Embed.PngText(webui, "parameters", "a cat in a hat\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: 64x48");
        Add("webui-png", webui, "3");
        var comfy = Media.Png(folder, "comfy.png");
        Embed.PngText(comfy, "prompt", """{"3":{"class_type":"KSampler","inputs":{"seed":5}},"4":{"class_type":"CheckpointLoaderSimple","inputs":{}}}""");
        Add("comfyui-png", comfy, "3");
        Add("notice-md", Write(folder, "notice.md", "# 报告\n\n- 正文**要点**\n- 详见[附录](https://example.com/a)\n\n> 本内容由AI生成\n"), "3");
        return kinds;
    }

    private static string Write(TempFolder folder, string name, string text)
    {
        var path = folder.File(name);
        File.WriteAllText(path, text);
        return path;
    }
}
