using Qinglang.Text.Normalization;

namespace Qinglang.Text.Tests.Normalization;

/// <summary>Seed 000: porn-spam keywords injected into a traditional-character news page.</summary>
public sealed class SeedTests
{
    [Fact]
    public void SpamLineNormalizesToSimplifiedKeywords()
    {
        var firstLine = SharedFiles.Seed("000").Split('\n')[0];
        var normalized = TextNormalizer.Default.Normalize(firstLine);

        Assert.Contains("成人", normalized.Text, StringComparison.Ordinal);
        Assert.Contains("国产精品", normalized.Text, StringComparison.Ordinal);
        Assert.Contains("永久地址w成人", normalized.Text, StringComparison.Ordinal); // WWW: case folded, repeat collapsed
        Assert.DoesNotContain(",", normalized.Text, StringComparison.Ordinal);
        var at = normalized.Text.IndexOf("国产", StringComparison.Ordinal);
        var (start, end) = normalized.ToOriginal(at, at + 2);
        Assert.Equal("国产", firstLine[start..end]);
        OffsetMapTests.AssertMapInvariants(normalized);
    }

    [Fact]
    public void TraditionalNewsBodyBecomesSimplified()
    {
        var seed = SharedFiles.Seed("000");
        var normalized = TextNormalizer.Default.Normalize(seed);

        Assert.Contains("专项行动", normalized.Text, StringComparison.Ordinal);
        Assert.Contains("各项工作取得积极", normalized.Text, StringComparison.Ordinal);
        // The page writes 網(wǎng): the pinyin gloss is folded (toneless) and its brackets dropped as noise.
        Assert.Contains("中央网wang信办", normalized.Text, StringComparison.Ordinal);
        var at = normalized.Text.IndexOf("专项行动", StringComparison.Ordinal);
        var (start, end) = normalized.ToOriginal(at, at + 4);
        Assert.Equal("專項行動", seed[start..end]);
    }
}
