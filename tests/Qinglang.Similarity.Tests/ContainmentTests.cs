using Qinglang.Similarity.Spin.Bench;
using Qinglang.Similarity.Spin;

namespace Qinglang.Similarity.Tests;

/// <summary>A short post inside a long article.</summary>
public sealed class ContainmentTests
{
    private static readonly string Paragraph = TestTexts.FaithfulParagraphs().First(p => p.StartsWith("近年来", StringComparison.Ordinal));
    private static readonly string Article = Seeds.Read("001") + "\n" + Paragraph + "\n" + File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Texts", "economy.txt"));

    [Fact]
    public void APostQuotedInALongArticleIsContained()
    {
        var score = TestTexts.Compare(Paragraph, Article);

        Assert.Equal(MatchKind.Containment, score.Kind);
        Assert.False(score.Spun);
        Assert.Equal(1.0, score.ContainmentAInB);
        Assert.True(score.ContainmentBInA < 0.1);
        Assert.True(score.Jaccard < 0.1);
        Assert.Equal(1.0, score.Score);
    }

    [Fact]
    public void ContainmentIsReportedWhicheverSideIsShorter()
    {
        var score = TestTexts.Compare(Article, Paragraph);

        Assert.Equal(MatchKind.Containment, score.Kind);
        Assert.Equal(1.0, score.ContainmentBInA);
    }

    [Fact]
    public void ASpunPostInsideALongArticleIsASpunCopy()
    {
        var spinner = new Spinner(SpinCanonicalizer.BuiltInPairs.Select(p => (p.Canonical, p.Variant)), []);
        var spunPost = spinner.Spin(Paragraph, 0.5, reorder: true, new Random(8));
        var score = TestTexts.Compare(spunPost, Article);

        Assert.Equal(MatchKind.SpunCopy, score.Kind);
        Assert.True(score.ContainmentAInB >= 0.8, $"containment {score.ContainmentAInB}");
        Assert.True(score.RawContainment < score.ContainmentAInB - 0.3, $"raw containment {score.RawContainment}");
    }

    [Fact]
    public void AVeryShortPostIsNotJudgedByContainment()
    {
        // Fewer shingles than MinContainedShingles: a stock phrase inside an article is not a copy of it.
        var score = TestTexts.Compare("深度合成服务提供者", Article);

        Assert.Equal(MatchKind.None, score.Kind);
    }
}
