using Qinglang.Text.Lexicons;
using Qinglang.Text.Normalization;
using Qinglang.Text.Recall;

namespace Qinglang.Text.Tests.Lexicons;

/// <summary>The value path (<see cref="LexiconDetector.ScanHits"/>) reports exactly what the findings path reports.</summary>
public sealed class LexiconHitsTests
{
    private static readonly Lexicon Words = Lexicon.Parse(
        "黄色网站\tmod.porn\nsex视频\tmod.porn\n一夜情\tmod.porn\n约炮88\tmod.porn\n冰毒\tmod.drugs\n", LexiconFormat.Plain).GetOrThrow();

    /// <summary>Every word in every evasion the recall harness knows, between ordinary phrases.</summary>
    private static (string Text, int Variants) EvasionText()
    {
        var generator = new VariantGenerator(TextNormalizer.Default);
        var text = new System.Text.StringBuilder("开头。");
        int variants = 0;
        foreach (var kind in VariantGenerator.Kinds)
        {
            foreach (var entry in Words.Entries)
            {
                if (generator.Variant(entry.Text, kind) is not { } variant) continue;
                text.Append(variant).Append("。正常内容，");
                variants++;
            }
        }

        return (text.ToString(), variants);
    }

    [Fact]
    public void Hits_are_the_findings_offsets_and_entries_on_every_evasion()
    {
        var (text, variants) = EvasionText();
        var detector = new LexiconDetector(Words, TextNormalizer.Default);
        var findings = detector.Scan(text).Findings;

        var hits = detector.ScanHits(text);

        Assert.Equal(variants, hits.Count);
        Assert.Equal(findings.Count, hits.Count);
        for (int i = 0; i < hits.Count; i++)
        {
            var hit = hits.Hits[i];
            var entry = hits.Entry(hit);
            Assert.Equal((findings[i].Start, findings[i].End), (hit.Start, hit.End));
            Assert.Equal((findings[i].Category, findings[i].Rule), (entry.Category, entry.RuleName));
            Assert.Equal(findings[i], hits.ToFinding(i));
            // Independently of the mapping code: the original span, normalized again, is the entry's word.
            Assert.Equal(TextNormalizer.Default.Normalize(entry.Text).Text, TextNormalizer.Default.Normalize(text[hit.Start..hit.End]).Text);
        }
    }

    [Fact]
    public void Lower_case_only_and_delegate_paths_agree_with_their_findings()
    {
        string text = "快来黄色网站看SEX视频，买冰毒约炮88，一夜情";
        foreach (var detector in new[] { new LexiconDetector(Words), new LexiconDetector(Words, TextNormalizer.Default.Normalize) })
        {
            var findings = detector.Scan(text).Findings;
            var hits = detector.ScanHits(text);

            Assert.Equal(5, hits.Count);
            Assert.Equal(findings.Select(f => (f.Start, f.End)), hits.Hits.ToArray().Select(h => (h.Start, h.End)));
            Assert.Equal(findings, hits.ToFindings());
        }
    }

    [Fact]
    public void A_normalizer_that_reorders_text_still_yields_hits_in_original_order_with_their_own_findings()
    {
        // The normalized text puts the last word first, so the map goes backwards: hits must be sorted by original
        // start and each hit must keep its own normalized form.
        const string Original = "赌博网站，冰毒";
        var reordered = new NormalizedText(Original, "冰毒赌博网站", [5, 6, 0, 1, 2, 3], [6, 7, 1, 2, 3, 4]);
        var lexicon = Lexicon.Parse("赌博网站\tmod.gambling\n冰毒\tmod.drugs\n", LexiconFormat.Plain).GetOrThrow();
        var detector = new LexiconDetector(lexicon, text => text == Original ? reordered : LexiconDetector.LowercaseIdentity(text));

        var hits = detector.ScanHits(Original);

        Assert.Equal([new LexiconHit(0, 4, 0), new LexiconHit(5, 7, 1)], hits.Hits.ToArray());
        Assert.Equal(("赌博网站", "mod.gambling"), (hits.ToFinding(0).Text, hits.ToFinding(0).Category));
        Assert.Equal(("冰毒", "mod.drugs"), (hits.ToFinding(1).Text, hits.ToFinding(1).Category));
    }

    [Fact]
    public void A_dense_scan_allocates_nothing_per_hit()
    {
        var detector = new LexiconDetector(Words, TextNormalizer.Default);
        string dense = string.Concat(Enumerable.Repeat("黃 色*網 站与冰🔥毒，", 2000));
        Assert.Equal(4000, detector.ScanHits(dense).Count); // warms the thread's buffers

        // The least of three calls: a call that happens to meet the runtime's own one-off work (tiering) is not the scan's cost.
        long allocated = long.MaxValue;
        for (int run = 0; run < 3; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            int count = detector.ScanHits(dense).Count;
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(4000, count);
        }

        Assert.True(allocated < 256, $"{allocated} bytes for 4,000 hits");
    }
}
