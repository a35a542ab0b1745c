using Qinglang.Similarity.Spin;

namespace Qinglang.Similarity.Tests;

/// <summary>Seed 002 (a real spun copy) against the faithful text, and the same-topic seeds that must not match.</summary>
public sealed class SeedSpinTests
{
    [Fact]
    public void Seed002IsASpunCopyOfTheFaithfulText()
    {
        var score = TestTexts.Compare(Seeds.Read("002"), TestTexts.Faithful);

        Assert.Equal(MatchKind.SpunCopy, score.Kind);
        Assert.True(score.Spun);
        Assert.True(score.Jaccard >= 0.7, $"canonical Jaccard {score.Jaccard}");
        Assert.True(score.RawJaccard <= 0.3, $"raw Jaccard {score.RawJaccard}");
        Assert.True(score.Score >= 0.7);
    }

    [Fact]
    public void WithoutTheSpinTableSeed002IsNotMatched()
    {
        // What the canonicalization buys: the same shingling with no table sees mostly different words.
        var plain = new TextFingerprinter(FingerprintOptions.Default with { Canonicalizer = SpinCanonicalizer.Empty });
        var score = SimilarityScorer.Default.Compare(plain.Compute(Seeds.Read("002")), plain.Compute(TestTexts.Faithful));

        Assert.Equal(MatchKind.None, score.Kind);
        Assert.True(score.Jaccard < 0.3, $"Jaccard {score.Jaccard}");
    }

    [Theory]
    [InlineData("000", "002")]
    [InlineData("001", "002")]
    [InlineData("000", "faithful")]
    [InlineData("001", "faithful")]
    [InlineData("000", "001")]
    public void TextsOnTheSameTopicDoNotMatch(string first, string second)
    {
        var score = TestTexts.Compare(Read(first), Read(second));

        Assert.Equal(MatchKind.None, score.Kind);
        Assert.False(score.Spun);
        Assert.True(score.Score < 0.15, $"score {score}");
    }

    [Fact]
    public void EveryFaithfulParagraphFindsItsSpunParagraphInSeed002()
    {
        // Paragraph-sized posts: each original paragraph is contained (spun) in the spun article.
        var spun = TestTexts.Print(Seeds.Read("002"));
        var paragraphs = TestTexts.FaithfulParagraphs();
        var found = paragraphs.Count(p => SimilarityScorer.Default.Compare(TestTexts.Print(p), spun) is { Kind: MatchKind.SpunCopy });

        Assert.True(found >= paragraphs.Count * 9 / 10, $"{found} of {paragraphs.Count} paragraphs found as spun copies");
    }

    [Fact]
    public void AnExactCopyIsANearDuplicateNotSpun()
    {
        var score = TestTexts.Compare(TestTexts.Faithful, TestTexts.Faithful);

        Assert.Equal(MatchKind.NearDuplicate, score.Kind);
        Assert.False(score.Spun);
        Assert.Equal(1.0, score.Jaccard);
        Assert.Equal(1.0, score.RawJaccard);
        Assert.Equal(1.0, score.SimHashSimilarity);
    }

    private static string Read(string name) => name == "faithful" ? TestTexts.Faithful : Seeds.Read(name);
}
