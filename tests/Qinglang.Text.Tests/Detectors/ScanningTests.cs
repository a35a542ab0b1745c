using Qinglang.Core;
using Qinglang.Text.Scanning;

namespace Qinglang.Text.Tests.Detectors;

public sealed class ScanningTests
{
    /// <summary>The built-in detectors alone: these tests are about merging, not about the default library.</summary>
    private static readonly TextScanner Scanner = ScanPipeline.Build(new ScanOptions { UseDefaultLexicon = false });

    [Fact]
    public void MergesAndSortsFindingsOfAllDetectors()
    {
        const string text = "邮箱a@example.com 身份证11010519491231002X 加vx: abc_123 电话13800138000";
        var findings = Scanner.Scan(text);
        Assert.Equal([CategoryCodes.PiiEmail, CategoryCodes.PiiIdCard, CategoryCodes.Ads, CategoryCodes.Ads], findings.Select(f => f.Category));
        Assert.True(findings.Zip(findings.Skip(1)).All(p => p.First.Start <= p.Second.Start));
        Assert.All(findings, f => Assert.Equal(f.Text, text[f.Start..f.End]));
    }

    [Fact]
    public void AFindingInsideOneOfTheSameCategoryIsDropped()
    {
        // The WeChat id covers the phone number it is made of; both are mod.ads, so one finding remains.
        var finding = Assert.Single(Scanner.Scan("微信 13800138000"));
        Assert.Equal("contact.wechat", finding.Rule);
        Assert.Equal("微信 13800138000", finding.Text);
    }

    [Fact]
    public void ALinkInsideStuffingIsKeptBesideIt()
    {
        const string line = "免费看片,在线看片,高清看片,看片神器,午夜看片,看片网站 www.kanpian.com";
        var findings = Scanner.Scan(line);
        Assert.Equal(["seo.keyword_stuffing (7 phrases)", "contact.url"], findings.Select(f => f.Rule));
    }

    [Fact]
    public void LexiconFilesMatchThroughTheNormalizer()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qinglang-lexicon-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "黄色网站\tmod.porn\terror\n");
        try
        {
            var scanner = ScanPipeline.Build(new ScanOptions { LexiconPaths = [path], UseDefaultLexicon = false });
            const string text = "快来看 黃*色 網\u200B站 吧";
            var finding = Assert.Single(scanner.Scan(text), f => f.Category == "mod.porn");
            Assert.Equal("黃*色 網\u200B站", text[finding.Start..finding.End]);
            Assert.Equal("黄色网站", finding.Normalized);

            var plain = ScanPipeline.Build(new ScanOptions { LexiconPaths = [path], UseDefaultLexicon = false, Normalizer = null });
            Assert.DoesNotContain(plain.Scan(text), f => f.Category == "mod.porn");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void RedactorMasksOrLabelsSpansAndKeepsTheRest()
    {
        const string text = "电话13800138000，邮箱a@example.com。";
        var findings = Scanner.Scan(text);
        Assert.Equal("电话＊＊＊＊＊＊＊＊＊＊＊，邮箱＊＊＊＊＊＊＊＊＊＊＊＊＊。", Redactor.Redact(text, findings));
        Assert.Equal("电话【手机号】，邮箱【电子邮箱】。", Redactor.Redact(text, findings, RedactionStyle.Label));
    }

    [Fact]
    public void RedactorMergesOverlapsAndMasksSurrogatePairsOnce()
    {
        var findings = new[]
        {
            new TextFinding(CategoryCodes.Porn, Severity.Error, 1, 4, "b😀", "x", "a"),
            new TextFinding(CategoryCodes.Ads, Severity.Warning, 2, 5, "😀c", "x", "b"),
        };
        Assert.Equal("a＊＊＊d", Redactor.Redact("ab😀cd", findings));
        Assert.Equal("a【色情】d", Redactor.Redact("ab😀cd", findings, RedactionStyle.Label));
    }

    [Fact]
    public void WindowedScanReportsEachFindingOnceWithAbsoluteOffsets()
    {
        // Numbers every ~997 characters, scanned in small windows so many straddle a window edge.
        var builder = new System.Text.StringBuilder();
        var expected = new List<long>();
        for (var i = 0; i < 60; i++)
        {
            builder.Append(new string('文', 983 + (i % 7)));
            expected.Add(builder.Length);
            builder.Append("13800138000");
        }

        var text = builder.ToString();
        var findings = WindowedScan.Scan(Scanner, new StringReader(text), window: 2048, context: 256).ToList();
        Assert.Equal(expected, findings.Select(f => f.Start));
        Assert.All(findings, f => Assert.Equal(f.Finding.Text, text[(int)f.Start..(int)f.End]));
    }

    [Fact]
    public void LenientJsonStringKeepsLoneSurrogates()
    {
        Assert.Equal("a\uD800b\n\"", LenientJsonString.Decode("\"a\\ud800b\\n\\\"\""));
        Assert.Throws<FormatException>(() => LenientJsonString.Decode("\"a\\q\""));
        Assert.Equal("x\uFFFDy", FindingJson.WellFormed("x\uDC00y"));
    }

    [Fact]
    public void BoundedLineReaderSkipsOverlongLines()
    {
        var bytes = "short\r\n"u8.ToArray().Concat(new byte[100].Select(_ => (byte)'x')).Concat("\nlast"u8.ToArray()).ToArray();
        var reader = new BoundedLineReader(new MemoryStream(bytes), maxLineBytes: 50);
        Assert.True(reader.TryReadLine(out var line, out var tooLong));
        Assert.Equal("short"u8.ToArray(), line);
        Assert.False(tooLong);
        Assert.True(reader.TryReadLine(out _, out tooLong));
        Assert.True(tooLong);
        Assert.True(reader.TryReadLine(out line, out tooLong));
        Assert.Equal("last"u8.ToArray(), line);
        Assert.False(reader.TryReadLine(out _, out _));
    }

    [Fact]
    public void InvalidUtf8IsReplacedAndCounted()
    {
        var encoding = CountingReplacementFallback.Utf8(out var fallback);
        using var reader = new StreamReader(new MemoryStream([0x61, 0xFF, 0x62, 0xC3, 0x28]), encoding);
        Assert.Equal("a\uFFFDb\uFFFD(", reader.ReadToEnd());
        Assert.Equal(2, fallback.Count);
    }

    private sealed class FixedDetector : ITextDetector
    {
        public IEnumerable<TextFinding> Detect(string text) => [new TextFinding(CategoryCodes.Porn, Severity.Error, 0, 1, text[..1], text[..1], "fixed")];
    }
}
