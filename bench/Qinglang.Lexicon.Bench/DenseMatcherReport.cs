using System.Diagnostics;
using Qinglang.Text.Matching;
using Qinglang.Text.Normalization;

namespace Qinglang.Lexicon.Bench;

/// <summary>
/// Where the matcher's time goes on the dense workload: the comments are normalized once up front (every
/// normalization on), then each is matched in its own call by the raw automaton (<see cref="AhoCorasick.Count"/>:
/// what a scan costs with free result handling) and by the matcher (<see cref="LexiconMatcher.Match"/>
/// leftmost-longest, into a reused list, as the detector calls it). Figures are per CPU second of the process.
/// </summary>
internal static class DenseMatcherReport
{
    public static void Run(DenseData data)
    {
        Console.WriteLine(data.Description);
        var normalizer = TextNormalizer.Default;
        var texts = data.Comments.Select(c => normalizer.Normalize(c).Text).ToArray();
        long chars = texts.Sum(t => (long)t.Length);
        var watch = Stopwatch.StartNew();
        var matcher = LexiconMatcher.Build(Workloads.Library(data.Words).Entries, word => normalizer.Normalize(word).Text);
        Console.WriteLine($"{texts.Length:N0} normalized comments, {chars:N0} chars; matcher built in {watch.Elapsed.TotalSeconds:F2} s, {matcher.Automaton.NodeCount:N0} nodes");
        Console.WriteLine("| pass | per CPU second | hits |\n|---|---|---|");

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

        for (int p = 0; p < passes.Length; p++)
        {
            long hits = 0;
            foreach (string text in texts) hits += passes[p].Run(text);
            Console.WriteLine($"| {passes[p].Name} | {chars / best[p] / 1e6:F1} M chars/s | {hits:N0} |");
        }
    }
}
