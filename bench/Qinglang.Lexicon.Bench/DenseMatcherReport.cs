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
        Report("automaton, every overlapping hit (Count)", texts, chars, t => matcher.Automaton.Count(t));
        Report("automaton, leftmost-longest (CountLongest)", texts, chars, t => matcher.Automaton.CountLongest(t));
        Report("matcher, leftmost-longest (Match)", texts, chars, t => matcher.Match(t, MatchMode.Longest, reuse).Matches.Count);
        Report("matcher, every hit (Match All)", texts, chars, t => matcher.Match(t, MatchMode.All, reuse).Matches.Count);
    }

    private static void Report(string pass, string[] texts, long chars, Func<string, int> run)
    {
        long hits = 0;
        foreach (string text in texts) hits += run(text);
        double best = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (int round = 0; round < 5; round++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            for (int pass2 = 0; pass2 < 3; pass2++)
            {
                foreach (string text in texts) run(text);
            }

            process.Refresh();
            best = Math.Min(best, (process.TotalProcessorTime - cpu).TotalSeconds / 3);
        }

        Console.WriteLine($"| {pass} | {chars / best / 1e6:F1} M chars/s | {hits:N0} |");
    }
}
