using System.Diagnostics;
using Qinglang.Text.Matching;

namespace Qinglang.Lexicon.Bench;

/// <summary>A fast Stopwatch report (seconds, not BenchmarkDotNet's minutes) of the numbers the README quotes.</summary>
internal static class QuickReport
{
    public static void Run()
    {
        foreach (int entries in new[] { 10_000, 100_000, 1_000_000 })
        {
            var words = Workloads.RandomWords(entries, 42);
            GC.Collect();
            long before = GC.GetTotalMemory(true);
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            var automaton = AhoCorasick.Build(words);
            watch.Stop();
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            long size = GC.GetTotalMemory(true) - before;
            Console.WriteLine($"build {entries,9:N0} entries: automaton {watch.Elapsed.TotalMilliseconds,6:F0} ms, holds {automaton.SizeInBytes / 1048576.0:F1} MB (heap growth {size / 1048576.0:F1} MB), allocated {allocated / 1048576.0:F1} MB, {automaton.NodeCount:N0} nodes");
            allocated = GC.GetAllocatedBytesForCurrentThread();
            watch.Restart();
            var lexicon = Workloads.Library(words);
            watch.Stop();
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Console.WriteLine($"      validated lexicon + matcher {watch.Elapsed.TotalMilliseconds,6:F0} ms, allocated {allocated / 1048576.0:F1} MB");
            GC.KeepAlive(automaton);
            GC.KeepAlive(lexicon);
        }

        var library = Workloads.RandomWords(50_000, 7);
        var matcher = Workloads.Library(library).Matcher;
        string clean = Workloads.CleanText(ScanBenchmarks.TextLength * 20);
        string dense = Workloads.DenseText(library, ScanBenchmarks.TextLength * 20, 11);
        Measure("clean, raw automaton", clean, t => matcher.CountRawHits(t));
        Measure("clean, full match", clean, t => matcher.Match(t).Matches.Count);
        Measure("dense, raw automaton", dense, t => matcher.CountRawHits(t));
        Measure("dense, full match", dense, t => matcher.Match(t).Matches.Count);
    }

    private static void Measure(string name, string text, Func<string, int> scan)
    {
        scan(text);
        var best = TimeSpan.MaxValue;
        int hits = 0;
        for (int i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            hits = scan(text);
            watch.Stop();
            if (watch.Elapsed < best) best = watch.Elapsed;
        }

        Console.WriteLine($"scan {name,-22}: {text.Length / best.TotalSeconds / 1e6,8:F0} M chars/s, {hits:N0} hits ({(hits == 0 ? 0 : text.Length / hits)} chars per hit)");
    }
}
