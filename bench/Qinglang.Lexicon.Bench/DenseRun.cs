using System.Diagnostics;

namespace Qinglang.Lexicon.Bench;

/// <summary>One engine's figures on the dense workload: what the README table prints per row.</summary>
internal sealed record DenseRow(string Engine, double BuildSeconds, double HeldMegabytes, double CharsPerSecond, double CharsPerCpuSecond,
    long Hits, long Flagged, long Chars)
{
    public const string Header =
        "| engine | build | held after build | scan, wall clock | scan, per CPU second | hits | chars per hit | comments flagged |\n|---|---|---|---|---|---|---|---|";

    public string ToMarkdown() =>
        $"| {Engine} | {BuildSeconds:F2} s | {HeldMegabytes:F0} MB | {CharsPerSecond / 1e6:F1} M chars/s | {CharsPerCpuSecond / 1e6:F1} M chars/s | {Hits:N0} | {(Hits == 0 ? "–" : (Chars / (double)Hits).ToString("F1", System.Globalization.CultureInfo.InvariantCulture))} | {Flagged:N0} |";
}

/// <summary>
/// Measures an engine the same way for every library: build it from the words (time, and managed heap it holds
/// afterwards), then scan every comment one call at a time as a host would, best of <c>rounds</c> rounds of at least
/// a second each. Throughput is given per wall-clock second and per CPU second of the process (the scan runs on one
/// thread; CPU time includes the GC's): on a shared machine the second is the steadier figure.
/// </summary>
internal static class DenseRun
{
    /// <param name="build">Builds the engine and returns its scan: the number of hits in one comment.</param>
    public static DenseRow Measure(string engine, DenseData data, Func<IReadOnlyList<string>, Func<string, int>> build, int rounds = 5)
    {
        // Warm up on a slice first, so the figures compare built-and-compiled engines rather than JIT time.
        build([.. data.Words.Take(1000)])(data.Comments[0]);
        GC.Collect();
        long before = GC.GetTotalMemory(true);
        var watch = Stopwatch.StartNew();
        var scan = build(data.Words);
        watch.Stop();
        double buildSeconds = watch.Elapsed.TotalSeconds;
        double held = (GC.GetTotalMemory(true) - before) / 1048576.0;

        long hits = 0, flagged = 0;
        foreach (var comment in data.Comments)
        {
            int found = scan(comment);
            hits += found;
            if (found > 0) flagged++;
        }

        var (bestWall, bestCpu) = BestPass(data.Comments, scan, rounds);
        GC.KeepAlive(scan);
        return new DenseRow(engine, buildSeconds, held, data.CharCount / bestWall, data.CharCount / bestCpu, hits, flagged, data.CharCount);
    }

    /// <summary>
    /// Seconds per pass over <paramref name="comments"/> (one <paramref name="scan"/> call each), wall clock and CPU of
    /// the process, the best of <paramref name="rounds"/> rounds of at least a second each.
    /// </summary>
    public static (double Wall, double Cpu) BestPass(IReadOnlyList<string> comments, Func<string, int> scan, int rounds = 5)
    {
        var watch = Stopwatch.StartNew();
        foreach (var comment in comments) scan(comment);
        int passes = (int)Math.Clamp(Math.Ceiling(1.0 / Math.Max(watch.Elapsed.TotalSeconds, 1e-3)), 1, 100);
        double bestWall = double.MaxValue, bestCpu = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (int round = 0; round < rounds; round++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            watch.Restart();
            for (int pass = 0; pass < passes; pass++)
            {
                foreach (var comment in comments) scan(comment);
            }

            watch.Stop();
            process.Refresh();
            bestWall = Math.Min(bestWall, watch.Elapsed.TotalSeconds / passes);
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalSeconds / passes);
        }

        return (bestWall, bestCpu);
    }
}
