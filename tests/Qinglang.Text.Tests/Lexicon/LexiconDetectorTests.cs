using Qinglang.Core;
using Qinglang.Text.Lexicons;
using Qinglang.Text.Normalization;

namespace Qinglang.Text.Tests.Lexicons;

public sealed class LexiconDetectorTests
{
    private static readonly Lexicon Words = Lexicon.Parse(
        "# version: t1\n赌博网站\tmod.gambling\twarning\n冰毒\tmod.drugs\nAI脱衣\tai.sexual\n", LexiconFormat.Plain).GetOrThrow();

    /// <summary>A stand-in normalizer for the test: drops '*' and '·' as noise, keeping the offset map.</summary>
    private static NormalizedText DropNoise(string text)
    {
        var chars = new List<char>();
        var starts = new List<int>();
        var ends = new List<int>();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is '*' or '·') continue;
            chars.Add(char.ToLowerInvariant(text[i]));
            starts.Add(i);
            ends.Add(i + 1);
        }

        return new NormalizedText(text, new string([.. chars]), [.. starts], [.. ends]);
    }

    [Fact]
    public void ReportsOriginalOffsetsCategorySeverityAndRule()
    {
        string text = "快来赌博网站,还有冰毒和ai脱衣";
        var findings = new LexiconDetector(Words).Detect(text).ToList();
        Assert.Equal(3, findings.Count);
        Assert.Equal(new TextFinding(CategoryCodes.Gambling, Severity.Warning, 2, 6, "赌博网站", "赌博网站", "赌博网站"), findings[0]);
        Assert.Equal((CategoryCodes.Drugs, Severity.Error, "冰毒"), (findings[1].Category, findings[1].Severity, findings[1].Text));
        Assert.Equal(("ai脱衣", "AI脱衣"), (findings[2].Text, findings[2].Rule));
    }

    [Fact]
    public void MapsHitsThroughTheNormalizerBackToTheOriginalText()
    {
        string text = "买冰*毒找我,赌·博·网·站";
        var findings = new LexiconDetector(Words, DropNoise).Detect(text).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Equal((1, 4, "冰*毒", "冰毒"), (findings[0].Start, findings[0].End, findings[0].Text, findings[0].Normalized));
        Assert.Equal((7, 14, "赌·博·网·站", "赌博网站"), (findings[1].Start, findings[1].End, findings[1].Text, findings[1].Normalized));
    }

    [Fact]
    public void EntriesAreKeyedWithTheSameNormalizer()
    {
        // An entry written with noise in it still meets noise-free normalized text.
        var lexicon = Lexicon.Parse("冰*毒出售\tmod.drugs\n", LexiconFormat.Plain).GetOrThrow();
        var findings = new LexiconDetector(lexicon, DropNoise).Detect("冰毒出·售").ToList();
        Assert.Equal("冰毒出·售", Assert.Single(findings).Text);
    }

    [Fact]
    public void RegexTimeoutsAreReportedBesideTheFindings()
    {
        var lexicon = Lexicon.Parse("{\"word\":\"冰毒\",\"category\":\"mod.drugs\"}\n{\"regex\":\"(a|aa)+$\",\"category\":\"mod.spam\",\"timeout_ms\":10}\n",
            LexiconFormat.JsonLines).GetOrThrow();
        var (findings, timedOut) = new LexiconDetector(lexicon).Scan(new string('a', 3000) + "!冰毒");
        Assert.Equal("冰毒", Assert.Single(findings).Text);
        Assert.Equal(EntryKind.Regex, Assert.Single(timedOut).Kind);
    }

    [Fact]
    public void HandlesEmptyTextAndLoneSurrogates()
    {
        var detector = new LexiconDetector(Words);
        Assert.Empty(detector.Detect(""));
        string text = "\uD800冰毒\uDC00";
        Assert.Equal((1, 3), detector.Detect(text).Select(f => (f.Start, f.End)).Single());
    }
}
