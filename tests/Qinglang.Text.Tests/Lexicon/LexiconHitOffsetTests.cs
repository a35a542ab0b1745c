using Qinglang.Text.Lexicons;
using Qinglang.Text.Normalization;

namespace Qinglang.Text.Tests.Lexicons;

/// <summary>
/// Hits from the reused-buffer path (compact offset map, read only at the hits) against the allocating path (the map
/// written out in full for every character), on words disguised every way the normalizer undoes, between noise,
/// repeats and surrogate pairs.
/// </summary>
public sealed class LexiconHitOffsetTests
{
    private static readonly Lexicon Words = Lexicon.Parse(
        "黄色网站\tmod.porn\n冰毒\tmod.drugs\nAI脱衣\tai.sexual\n一夜情\tmod.porn\n哈哈哈哈\tmod.spam\n188\tmod.spam\n", LexiconFormat.Plain).GetOrThrow();

    [Fact]
    public void EveryHitMapsToTheSameOriginalSpanAsTheFullMap()
    {
        string[] disguised = ["黃 色*網 站", "黄色色色网站", "冰🔥毒", "冰\u200B毒", "ＡＩ脫衣", "ᎪΙ脱衣", "壹夜情", "哈，哈哈哈", "①⑧⑧", "𝟏𝟖𝟖", "冰毒"];
        string[] filler = ["，", "。", " ", "好", "好好", "的", "😀", "👍🏽", "𝐀", "\uD800", "⑩", "…", "哈"];
        var owning = new LexiconDetector(Words, TextNormalizer.Default);
        var allocating = new LexiconDetector(Words, TextNormalizer.Default.Normalize);
        var random = new Random(23);
        int hits = 0;
        for (int n = 0; n < 3000; n++)
        {
            var text = new System.Text.StringBuilder();
            for (int part = random.Next(1, 12); part > 0; part--)
            {
                text.Append(random.Next(3) == 0 ? disguised[random.Next(disguised.Length)] : filler[random.Next(filler.Length)]);
            }

            string sample = text.ToString();
            var expected = allocating.ScanHits(sample).Hits.ToArray();
            var actual = owning.ScanHits(sample).Hits.ToArray();

            Assert.Equal(expected, actual);
            hits += actual.Length;
        }

        Assert.True(hits > 2000, $"only {hits} hits: the samples do not exercise the map");
    }
}
