namespace Qinglang.Similarity.Tests;

public sealed class FingerprintBasicsTests
{
    private static readonly TextFingerprinter Fingerprinter = TextFingerprinter.Default;

    [Fact]
    public void IdenticalTextsAreNearDuplicatesAndNotSpun()
    {
        var text = Seeds.Read("001");
        var score = SimilarityScorer.Default.Compare(Fingerprinter.Compute(text), Fingerprinter.Compute(text));
        Assert.Equal(1.0, score.Jaccard);
        Assert.Equal(1.0, score.RawJaccard);
        Assert.Equal(MatchKind.NearDuplicate, score.Kind);
        Assert.False(score.Spun);
        Assert.Equal(1.0, score.SimHashSimilarity);
    }

    [Fact]
    public void SeedsOnTheSameTopicDoNotMatch()
    {
        var f000 = Fingerprinter.Compute(Seeds.Read("000"));
        var f001 = Fingerprinter.Compute(Seeds.Read("001"));
        var f002 = Fingerprinter.Compute(Seeds.Read("002"));
        foreach (var (a, b) in new[] { (f000, f001), (f000, f002), (f001, f002) })
        {
            var score = SimilarityScorer.Default.Compare(a, b);
            Assert.Equal(MatchKind.None, score.Kind);
            Assert.True(score.Score < 0.2, $"score {score}");
        }
    }
}
