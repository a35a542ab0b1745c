using Qinglang.Similarity.Spin;
using Qinglang.Similarity.Spin.Bench;

namespace Qinglang.Similarity.Tests;

/// <summary>Spun variants the project generates (the harness's spinner) against their originals and against each other.</summary>
public sealed class GeneratedSpinTests
{
    private static readonly Spinner KnownOnly = new(SpinCanonicalizer.BuiltInPairs.Select(p => (p.Canonical, p.Variant)), []);
    private static readonly Spinner WithHeldOut = new(
        SpinCanonicalizer.BuiltInPairs.Select(p => (p.Canonical, p.Variant)),
        HeldOutSubstitutions.Pairs(SpinCanonicalizer.Default));

    [Theory]
    [InlineData(0.3, false)]
    [InlineData(0.7, false)]
    [InlineData(0.3, true)]
    [InlineData(0.7, true)]
    public void KnownSubstitutionsAndReorderingAreMatchedAndFlaggedSpun(double strength, bool reorder)
    {
        var random = new Random(11);
        var paragraphs = TestTexts.FaithfulParagraphs();
        var spunCopies = 0;
        foreach (var paragraph in paragraphs)
        {
            var variant = KnownOnly.Spin(paragraph, strength, reorder, random);
            Assert.NotEqual(paragraph, variant);
            spunCopies += TestTexts.Compare(paragraph, variant).Kind == MatchKind.SpunCopy ? 1 : 0;
        }

        Assert.True(spunCopies >= paragraphs.Count * 9 / 10, $"{spunCopies} of {paragraphs.Count} flagged as spun copies");
    }

    [Fact]
    public void SubstitutionsTheTableDoesNotKnowStillLeaveAMatch()
    {
        var random = new Random(5);
        var texts = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Texts"), "*.txt").Select(File.ReadAllText).ToList();
        var matched = 0;
        foreach (var text in texts)
        {
            var variant = WithHeldOut.Spin(text, 0.5, reorder: true, random);
            matched += TestTexts.Compare(text, variant).IsMatch ? 1 : 0;
        }

        Assert.Equal(texts.Count, matched);
    }

    [Fact]
    public void SpunVariantsDoNotMatchOtherParagraphs()
    {
        var random = new Random(3);
        var texts = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Texts"), "*.txt").Select(File.ReadAllText).ToList();
        var originals = texts.Select(TestTexts.Print).ToList();
        var variants = texts.Select(t => TestTexts.Print(WithHeldOut.Spin(t, 0.7, reorder: true, random))).ToList();
        for (var i = 0; i < texts.Count; i++)
        {
            for (var j = 0; j < texts.Count; j++)
            {
                if (i != j)
                {
                    Assert.Equal(MatchKind.None, SimilarityScorer.Default.Compare(originals[i], variants[j]).Kind);
                }
            }
        }
    }

    [Fact]
    public void AnEditedCopyIsANearDuplicateNotSpun()
    {
        var random = new Random(2);
        var notSpun = 0;
        var paragraphs = TestTexts.FaithfulParagraphs(100);
        foreach (var paragraph in paragraphs)
        {
            var score = TestTexts.Compare(paragraph, Spinner.Edit(paragraph, random));
            Assert.True(score.IsMatch, $"edited copy not matched: {score}");
            notSpun += score.Spun ? 0 : 1;
        }

        Assert.Equal(paragraphs.Count, notSpun);
    }
}
