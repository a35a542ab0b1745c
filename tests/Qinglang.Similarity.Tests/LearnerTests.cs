using Qinglang.Similarity.Spin;
using Qinglang.Similarity.Spin.Bench;

namespace Qinglang.Similarity.Tests;

/// <summary>Learning substitutions from a confirmed (original, spun) pair.</summary>
public sealed class LearnerTests
{
    [Fact]
    public void Seed002AgainstTheFaithfulTextTeachesTheSpinnersWords()
    {
        var learner = new SubstitutionLearner();
        learner.AddConfirmedPair(TestTexts.Faithful, Seeds.Read("002"));

        var proposals = learner.Proposals(minCount: 2).ToDictionary(p => p.Variant, p => p.Canonical);
        Assert.Equal("技术", proposals["手艺"]);
        Assert.Equal("安全", proposals["宁静"]);
        Assert.Equal("服务", proposals["效劳"]);
        Assert.Equal("合成", proposals["分解"]);
        Assert.Equal("个人", proposals["小我私家"]);
        Assert.Contains(learner.Proposals()[0].Variant, new[] { "效劳", "分解", "供给" }); // the spinner's most frequent swaps
    }

    [Fact]
    public void KnownSubstitutionsAreNotProposedAgain()
    {
        var learner = new SubstitutionLearner(SpinCanonicalizer.Default);
        learner.AddConfirmedPair(TestTexts.Faithful, Seeds.Read("002"));

        var variants = learner.Proposals().Select(p => p.Variant).ToHashSet();
        Assert.DoesNotContain("手艺", variants);
        Assert.DoesNotContain("效劳", variants);
    }

    [Fact]
    public void LearnedPairsRecoverAHeldOutSpin()
    {
        // A spinner using substitutions the table does not know; learn them from one confirmed pair, then a second
        // text spun the same way scores higher with the extended table.
        var heldOut = HeldOutSubstitutions.Pairs(SpinCanonicalizer.Default);
        var spinner = new Spinner([], heldOut);
        var texts = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Texts"), "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        var learner = new SubstitutionLearner(SpinCanonicalizer.Default);
        foreach (var text in texts.Skip(1))
        {
            learner.AddConfirmedPair(text, spinner.Spin(text, 1.0, reorder: true, new Random(4)));
        }

        var learned = learner.Proposals().Select(p => p.ToPair()).ToList();
        Assert.Contains(new SubstitutionPair("良多", "许多"), learned);

        var probe = texts[0];
        var spunProbe = spinner.Spin(probe, 1.0, reorder: true, new Random(9));
        var before = TestTexts.Compare(probe, spunProbe).Jaccard;
        var extended = new TextFingerprinter(FingerprintOptions.Default with { Canonicalizer = SpinCanonicalizer.Default.Extend(learned) });
        var after = SimilarityScorer.Default.Compare(extended.Compute(probe), extended.Compute(spunProbe)).Jaccard;
        Assert.True(after > before + 0.05, $"Jaccard {before:0.000} before learning, {after:0.000} after");
    }
}
