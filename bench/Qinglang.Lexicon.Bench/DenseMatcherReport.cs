using System.Diagnostics;
using Qinglang.Text.Matching;
using Qinglang.Text.Normalization;

namespace Qinglang.Lexicon.Bench;

/// <summary>
/// Where the matcher's time goes, on its own: the dense workload's comments normalized once up front (every
/// normalization on) and each matched in its own call, then the clean workload (seed text, a 50k random library)
/// in 1M-character chunks. Each pass runs the raw automaton (<see cref="AhoCorasick.Count"/>: every overlapping hit,
/// result handling free), leftmost-longest straight from the trie (<see cref="AhoCorasick.CountLongest"/>), and the
/// matcher as the detector calls it (<see cref="LexiconMatcher.Match"/> into a reused list), per CPU second.
/// </summary>
internal static class DenseMatcherReport
{
    public static void Run(DenseData data)
    {
        Console.WriteLine(data.Description);
        var normalizer = TextNormalizer.Default;
        var comments = data.Comments.Select(c => normalizer.Normalize(c).Text).ToArray();
        var watch = Stopwatch.StartNew();
        var dense = LexiconMatcher.Build(Workloads.Library(data.Words).Entries, word => normalizer.Normalize(word).Text);
        Console.WriteLine($"dense: {comments.Length:N0} normalized comments; matcher built in {watch.Elapsed.TotalSeconds:F2} s, {dense.Automaton.NodeCount:N0} nodes");
        Compare(dense, comments);

        string clean = Workloads.CleanText(ScanBenchmarks.TextLength * 20);
        var chunks = Enumerable.Range(0, 20).Select(i => clean.Substring(i * ScanBenchmarks.TextLength, ScanBenchmarks.TextLength)).ToArray();
        Console.WriteLine("clean: 20 chunks of 1M chars, 50k random words, lower-case keys");
        Compare(Workloads.Library(Workloads.RandomWords(50_000, 7)).Matcher, chunks);
    }

    private static void Compare(LexiconMatcher matcher, string[] texts)
    {
        long chars = texts.Sum(t => (long)t.Length);
        var reuse = new List<LexiconMatch>();
        (string Name, Func<string, int> Run)[] passes =
        [
            ("automaton, every overlapping hit (Count)", t => matcher.Automaton.Count(t)),
            ("automaton, leftmost-longest (CountLongest)", t => matcher.Automaton.CountLongest(t)),
            ("matcher, leftmost-longest (Match)", t => matcher.Match(t, MatchMode.Longest, reuse).Matches.Count),
            ("matcher, every hit (Match All)", t => matcher.Match(t, MatchMode.All, reuse).Matches.Count),
        ];

        // Many short rounds, the passes interleaved, best round each: on a shared machine the minimum is the figure
        // least disturbed by other processes, and interleaving exposes every pass to the same disturbances.
        var best = new double[passes.Length];
        Array.Fill(best, double.MaxValue);
        using var process = Process.GetCurrentProcess();
        for (int round = 0; round < 25; round++)
        {
            for (int p = 0; p < passes.Length; p++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                foreach (string text in texts) passes[p].Run(text);
                process.Refresh();
                best[p] = Math.Min(best[p], (process.TotalProcessorTime - cpu).TotalSeconds);
            }
        }

        Console.WriteLine("| pass | per CPU second | hits |\n|---|---|---|");
        for (int p = 0; p < passes.Length; p++)
        {
            long hits = 0;
            foreach (string text in texts) hits += passes[p].Run(text);
            Console.WriteLine($"| {passes[p].Name} | {chars / best[p] / 1e6:F1} M chars/s | {hits:N0} |");
        }
    }
}
