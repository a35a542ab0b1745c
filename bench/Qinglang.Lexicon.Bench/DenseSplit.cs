using Qinglang.Text.Lexicons;
using Qinglang.Text.Matching;
using Qinglang.Text.Normalization;

namespace Qinglang.Lexicon.Bench;

/// <summary>
/// Where the time of <see cref="LexiconDetector.ScanHits"/> goes on the dense workload (one call per comment, every
/// normalization on): normalization alone, the matcher alone on comments normalized beforehand (raw automaton, and
/// the full leftmost-longest match), then the whole call. What the whole call costs beyond the match is the
/// pipeline's own share: the normalizer, the offset maps, the per-call checks and the mapping of hits.
/// </summary>
internal static class DenseSplit
{
    public static void Report(DenseData data)
    {
        Console.WriteLine(data.Description);
        var lexicon = Workloads.Library(data.Words);
        var normalizer = TextNormalizer.Default;
        var detector = new LexiconDetector(lexicon, normalizer);
        detector.ScanHits("");
        var matcher = LexiconMatcher.Build(lexicon.Entries, word => normalizer.Normalize(word).Text);
        var buffer = new NormalizationBuffer();
        var normalized = data.Comments.Select(c => normalizer.Normalize(c).Text).ToList();
        long chars = data.CharCount, calls = data.Comments.Count;
        Console.WriteLine($"{calls:N0} comments, {chars:N0} chars ({chars / (double)calls:F1} per comment), {normalized.Sum(t => (long)t.Length):N0} after normalization");
        Console.WriteLine("| stage | per CPU second | ns per char | ns per call | hits |");
        Console.WriteLine("|---|---|---|---|---|");
        double Row(string stage, IReadOnlyList<string> texts, Func<string, int> scan)
        {
            long hits = texts.Sum(t => (long)scan(t));
            var (_, cpu) = DenseRun.BestPass(texts, scan);
            Console.WriteLine($"| {stage} | {chars / cpu / 1e6:F1} M chars/s | {cpu * 1e9 / chars:F2} | {cpu * 1e9 / calls:F0} | {hits:N0} |");
            return cpu;
        }

        Row("normalize only (reused buffer)", data.Comments, c => normalizer.Normalize(c, buffer));
        double raw = Row("raw automaton on normalized (Automaton.Count)", normalized, t => matcher.Automaton.Count(t));
        double match = Row("matcher on normalized (LexiconMatcher.Match)", normalized, t => matcher.Match(t).Matches.Count);
        double whole = Row("ScanHits, every normalization", data.Comments, c => detector.ScanHits(c).Count);
        Row("Scan (findings), every normalization", data.Comments, c => detector.Scan(c).Findings.Count);
        Console.WriteLine($"non-matcher share of ScanHits (whole - Match): {(whole - match) * 1e9 / chars:F2} ns per char, {(whole - match) * 1e9 / calls:F0} ns per call ({(whole - match) / whole:P0} of the call)");
        Console.WriteLine($"beyond the raw automaton (whole - Count): {(whole - raw) * 1e9 / chars:F2} ns per char, {(whole - raw) * 1e9 / calls:F0} ns per call ({(whole - raw) / whole:P0} of the call)");
    }
}
