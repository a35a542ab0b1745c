using System.Diagnostics;

namespace Qinglang.Similarity.Spin.Bench;

/// <summary>Stopwatch and CPU-time figures for <see cref="TextFingerprinter.Compute(string)"/> on ~200-character posts, one thread and two.</summary>
internal static class Throughput
{
    private const int PostLength = 200;

    public static void Report(List<CleanDocument> documents, Workload workload, int count)
    {
        var pool = string.Concat(documents.Select(d => d.Text).Concat(workload.Variants.Values.SelectMany(v => v)));
        var random = new Random(7);
        var posts = new string[count];
        for (var i = 0; i < count; i++)
        {
            posts[i] = pool.Substring(random.Next(pool.Length - PostLength), PostLength);
        }

        var fingerprinter = TextFingerprinter.Default;
        for (var i = 0; i < Math.Min(count, 5000); i++)
        {
            fingerprinter.Compute(posts[i]);
        }

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        foreach (var post in posts)
        {
            fingerprinter.Compute(post);
        }

        var single = watch.Elapsed;
        var singleCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocatedPerPost = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)count;

        cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        watch.Restart();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => fingerprinter.Compute(posts[i]));
        var dual = watch.Elapsed;
        var dualCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        // CPU seconds are reported beside wall seconds: on a shared machine the wall clock mostly measures the others.
        Console.WriteLine("| threads | posts | wall s | posts/s (wall) | CPU s | posts per CPU-second | allocated per post |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine($"| 1 | {count} | {single.TotalSeconds:0.00} | {count / single.TotalSeconds:0} | {singleCpu.TotalSeconds:0.00} | {count / singleCpu.TotalSeconds:0} | {allocatedPerPost:0} B |");
        Console.WriteLine($"| 2 | {count} | {dual.TotalSeconds:0.00} | {count / dual.TotalSeconds:0} | {dualCpu.TotalSeconds:0.00} | {count / dualCpu.TotalSeconds:0} | |");
        Console.WriteLine($"\nAt the 2-thread wall rate, 1,000,000 posts take {1_000_000 / (count / dual.TotalSeconds):0.0} s to fingerprint; " +
            $"at the CPU rate on 2 free cores, {1_000_000 / (count / dualCpu.TotalSeconds) / 2:0.0} s.");
    }
}
