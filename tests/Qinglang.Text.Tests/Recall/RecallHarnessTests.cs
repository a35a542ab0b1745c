using Qinglang.Text.Lexicons;
using Qinglang.Text.Recall;
using Qinglang.Text.Scanning;

namespace Qinglang.Text.Tests.Recall;

public class RecallHarnessTests
{
    // Between them the words give every evasion kind something to change: traditional forms, Latin letters (width,
    // case, look-alikes), digits and Chinese numerals, and no doubled characters.
    private const string TinyLexicon = "黄色网站\tmod.porn\terror\nsex视频\tmod.porn\terror\n一夜情\tmod.porn\terror\n约炮88\tmod.porn\terror\n";

    [Fact]
    public void Every_evasion_kind_is_seen_through_and_seed_001_stays_clean()
    {
        using var folder = new TempFolder();
        var path = folder.File("tiny.txt");
        File.WriteAllText(path, TinyLexicon);
        var options = new ScanOptions { UseDefaultLexicon = false, LexiconPaths = [path] };

        var report = RecallHarness.ForPipeline(options).Run(Lexicon.Load(path).Entries, [("001", Seeds.Read("001"))]);

        Assert.Equal(4, report.Entries);
        Assert.All(report.Kinds, kind =>
        {
            Assert.True(kind.Cases > 0, $"{kind.Kind} changed none of the tiny lexicon's words");
            Assert.True(kind.Found == kind.Cases, $"{kind.Kind}: found {kind.Found} of {kind.Cases}, missed {string.Join(", ", kind.Misses)}");
            // A stretched first letter merges with the same letter ending the word before it once the noise between
            // is dropped ("this: sssseeeexxxx" collapses from the s of "this"), so that finding starts early.
            Assert.Equal(kind.Cases, kind.Kind == EvasionKind.Repeats ? kind.Exact + 1 : kind.Exact);
        });
        Assert.Empty(report.Failing(1.0));
        Assert.Equal(0, report.TotalFalsePositives);
    }

    [Fact]
    public void A_word_the_normalizer_cannot_undo_counts_as_a_miss()
    {
        using var folder = new TempFolder();
        var path = folder.File("tiny.txt");
        File.WriteAllText(path, "黄色网站\tmod.porn\terror\n");
        // Without normalization nothing but case is undone: every disguise of the word is missed.
        var options = new ScanOptions { UseDefaultLexicon = false, LexiconPaths = [path], Normalizer = null };

        var report = RecallHarness.ForPipeline(options).Run(Lexicon.Load(path).Entries, []);

        var spaces = report.Kinds.Single(k => k.Kind == EvasionKind.Spaces);
        Assert.Equal(0, spaces.Found);
        Assert.Contains("黄 色 网 站", spaces.Misses);
        Assert.Contains(spaces, report.Failing(0.98));
        Assert.Equal(1.0, report.Kinds.Single(k => k.Kind == EvasionKind.Plain).Recall);
    }
}
