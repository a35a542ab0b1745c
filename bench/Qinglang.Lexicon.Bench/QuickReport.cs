using System.Diagnostics;
using Qinglang.Text.Lexicons;
using Qinglang.Text.Matching;
using Qinglang.Text.Normalization;

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
        RunPipeline(library, clean, dense);
    }

    /// <summary>The whole lexicon path (<see cref="PipelineBenchmarks"/>) on 20M characters, 1M per call as a host would cut it.</summary>
    public static void RunPipeline(List<string>? library = null, string? clean = null, string? dense = null)
    {
        library ??= Workloads.RandomWords(50_000, 7);
        clean ??= Workloads.CleanText(ScanBenchmarks.TextLength * 20);
        dense ??= Workloads.DenseText(library, ScanBenchmarks.TextLength * 20, 11);
        var lexicon = Workloads.Library(library);
        var normalizing = new LexiconDetector(lexicon, TextNormalizer.Default);
        var lowercaseOnly = new LexiconDetector(lexicon);
        var cleanChunks = Chunks(clean);
        var denseChunks = Chunks(dense);
        // The parts of the normalized path on their own, to see which one limits it.
        var buffer = new NormalizationBuffer();
        Measure("clean, normalize only", clean, _ => NormalizeAll(buffer, cleanChunks));
        Measure("dense, match only", dense, _ => MatchAll(lexicon.Matcher, denseChunks));
        Measure("dense, normalize only", dense, _ => NormalizeAll(buffer, denseChunks));
        Measure("clean, pipeline, normalized", clean, _ => ScanAll(normalizing, cleanChunks));
        Measure("clean, pipeline, lower-case only", clean, _ => ScanAll(lowercaseOnly, cleanChunks));
        Measure("dense, pipeline, normalized", dense, _ => ScanAll(normalizing, denseChunks));
        Measure("dense, pipeline, lower-case only", dense, _ => ScanAll(lowercaseOnly, denseChunks));
    }

    private static int NormalizeAll(NormalizationBuffer buffer, string[] chunks)
    {
        int length = 0;
        foreach (var chunk in chunks) length += TextNormalizer.Default.Normalize(chunk, buffer);
        return 0;
    }

    private static int MatchAll(LexiconMatcher matcher, string[] chunks)
    {
        int hits = 0;
        foreach (var chunk in chunks) hits += matcher.Match(chunk).Matches.Count;
        return hits;
    }

    private static string[] Chunks(string text)
    {
        var chunks = new string[(text.Length + ScanBenchmarks.TextLength - 1) / ScanBenchmarks.TextLength];
        for (int i = 0; i < chunks.Length; i++)
        {
            int start = i * ScanBenchmarks.TextLength;
            chunks[i] = text.Substring(start, Math.Min(ScanBenchmarks.TextLength, text.Length - start));
        }

        return chunks;
    }

    private static int ScanAll(LexiconDetector detector, string[] chunks)
    {
        int findings = 0;
        foreach (var chunk in chunks) findings += detector.Scan(chunk).Findings.Count;
        return findings;
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

        Console.WriteLine($"scan {name,-32}: {text.Length / best.TotalSeconds / 1e6,8:F0} M chars/s, {hits:N0} hits ({(hits == 0 ? 0 : text.Length / hits)} chars per hit)");
    }
}
