using System.Diagnostics;
using Qinglang.Similarity.Bench;
using Qinglang.Similarity.Index;

// dotnet run -c Release --project bench/Qinglang.Similarity.Bench -- [posts=1000000] [queries=10000] [folder]
var posts = args.Length > 0 ? long.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
var queries = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
var folder = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), $"qinglang-sim-bench-{posts}");
if (Directory.Exists(folder))
{
    Directory.Delete(folder, recursive: true);
}

var generator = new PostGenerator();
var process = Process.GetCurrentProcess();
Console.WriteLine($"# Similarity index benchmark: {posts:N0} posts, {queries:N0} queries, {Environment.ProcessorCount} cores, folder {folder}");

// What producing the input costs on its own (it runs inside the indexing pipeline below).
var clock = Stopwatch.StartNew();
var sample = Math.Min(posts, 50_000);
var characters = 0L;
for (long n = 0; n < sample; n++)
{
    characters += generator.Document(n).Text.Length;
}

Console.WriteLine($"generator: {clock.Elapsed.TotalMilliseconds * 1000 / sample:F1} µs per post, {characters / (double)sample:F0} characters on average");
clock.Restart();
var fingerprinter = Qinglang.Similarity.TextFingerprinter.Default;
for (long n = 0; n < sample; n++)
{
    fingerprinter.Compute(generator.Document(n).Text);
}

Console.WriteLine($"generator + fingerprint, one thread: {clock.Elapsed.TotalMilliseconds * 1000 / sample:F1} µs per post");

clock.Restart();
process.Refresh();
var cpuBefore = process.TotalProcessorTime;
AddSummary summary;
using (var index = SimilarityIndex.Open(folder))
{
    var nextReport = 100_000L;
    summary = index.AddRange(Stream(posts), done =>
    {
        if (done >= nextReport)
        {
            process.Refresh();
            Console.WriteLine($"  {done,10:N0} indexed  {clock.Elapsed.TotalSeconds,7:F1} s  working set {process.WorkingSet64 / 1048576,6:N0} MiB  heap {GC.GetTotalMemory(false) / 1048576,5:N0} MiB");
            nextReport += 100_000;
        }
    });
}

var indexSeconds = clock.Elapsed.TotalSeconds;
process.Refresh();
var indexCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
var peakIndexing = process.PeakWorkingSet64;
var onDisk = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
Console.WriteLine($"index: {indexSeconds:F1} s wall ({posts / indexSeconds:N0} posts/s), added {summary.Added:N0}, peak working set {peakIndexing / 1048576:N0} MiB, on disk {onDisk / 1048576:N0} MiB");
Console.WriteLine($"index: {indexCpu:F1} s CPU ({indexCpu / indexSeconds:F2} cores busy on average, {indexCpu * 1e6 / posts:F0} µs CPU per post)");

clock.Restart();
using var reopened = SimilarityIndex.Open(folder);
var openMs = clock.Elapsed.TotalMilliseconds;
var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
Console.WriteLine($"open: {openMs:F0} ms, managed heap after open {heapBefore / 1048576:N0} MiB, {reopened.Count:N0} documents");

RunQueries($"{Directory.GetFiles(folder, "postings-*.bin").Length} postings segments");
clock.Restart();
reopened.Compact();
Console.WriteLine($"compact: {clock.Elapsed.TotalSeconds:F1} s");
RunQueries("after compaction, 1 segment");

// Half the queries are edited copies of indexed posts (must match), half texts never indexed (must not).
void RunQueries(string state)
{
    var latencies = new double[queries];
    var cpu = new double[queries];
    var random = new PostGenerator.Rng(99);
    var found = 0;
    var falseHits = 0;
    process.Refresh();
    var queryCpuBefore = process.TotalProcessorTime;
    for (var q = 0; q < queries; q++)
    {
        var hit = q % 2 == 0;
        var text = hit ? PostGenerator.Edit(generator.Document(random.Next((int)Math.Min(posts, int.MaxValue))).Text, ref random, 4) : generator.Unseen(q);
        var cpuStarted = ThreadCpu.Milliseconds();
        var started = Stopwatch.GetTimestamp();
        var matches = reopened.Query(text);
        latencies[q] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        cpu[q] = ThreadCpu.Milliseconds() - cpuStarted;
        if (matches.Count > 0)
        {
            _ = hit ? found++ : falseHits++;
        }
    }

    process.Refresh();
    var queryCpu = (process.TotalProcessorTime - queryCpuBefore).TotalMilliseconds / queries;
    Array.Sort(latencies);
    Array.Sort(cpu);
    double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
    double CpuPercentile(double p) => cpu[Math.Min(cpu.Length - 1, (int)(p * cpu.Length))];
    Console.WriteLine($"query ({state}): p50 {Percentile(0.50):F2} ms, p90 {Percentile(0.90):F2} ms, p99 {Percentile(0.99):F2} ms, max {latencies[^1]:F2} ms wall; mean CPU {queryCpu:F2} ms per query (text generation and fingerprint included)");
    Console.WriteLine($"query ({state}): thread CPU per query (fingerprint + lookup + scoring) p50 {CpuPercentile(0.50):F3} ms, p99 {CpuPercentile(0.99):F3} ms, max {cpu[^1]:F3} ms");
    Console.WriteLine($"query ({state}): {found:N0}/{queries / 2:N0} edited copies of indexed posts found, {falseHits:N0}/{queries - (queries / 2):N0} unseen texts matched something; peak working set {process.PeakWorkingSet64 / 1048576:N0} MiB");
}

IEnumerable<IndexDocument> Stream(long count)
{
    for (long n = 0; n < count; n++)
    {
        yield return generator.Document(n);
    }
}
