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

var clock = Stopwatch.StartNew();
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
var peakIndexing = process.PeakWorkingSet64;
var onDisk = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
Console.WriteLine($"index: {indexSeconds:F1} s wall ({posts / indexSeconds:N0} posts/s), added {summary.Added:N0}, peak working set {peakIndexing / 1048576:N0} MiB, on disk {onDisk / 1048576:N0} MiB");

clock.Restart();
using var reopened = SimilarityIndex.Open(folder);
var openMs = clock.Elapsed.TotalMilliseconds;
var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
Console.WriteLine($"open: {openMs:F0} ms, managed heap after open {heapBefore / 1048576:N0} MiB, {reopened.Count:N0} documents");

// Half the queries are edited copies of indexed originals (should match), half are texts never indexed (should not).
var latencies = new double[queries];
var random = new Random(99);
var found = 0;
var falseHits = 0;
for (var q = 0; q < queries; q++)
{
    var hit = q % 2 == 0;
    var text = hit ? generator.Edit(generator.Original(random.NextInt64(posts)), random, 4) : generator.Unseen(q);
    var started = Stopwatch.GetTimestamp();
    var matches = reopened.Query(text);
    latencies[q] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    if (hit && matches.Count > 0)
    {
        found++;
    }
    else if (!hit && matches.Count > 0)
    {
        falseHits++;
    }
}

Array.Sort(latencies);
double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
process.Refresh();
Console.WriteLine($"query: p50 {Percentile(0.50):F2} ms, p90 {Percentile(0.90):F2} ms, p99 {Percentile(0.99):F2} ms, max {latencies[^1]:F2} ms over {queries:N0} queries");
Console.WriteLine($"query: {found:N0}/{queries / 2:N0} edited copies found, {falseHits:N0}/{queries - (queries / 2):N0} unseen texts matched something; peak working set {process.PeakWorkingSet64 / 1048576:N0} MiB");

IEnumerable<IndexDocument> Stream(long count)
{
    for (long n = 0; n < count; n++)
    {
        yield return generator.Document(n);
    }
}
