namespace Qinglang.Lexicon.Bench;

/// <summary>
/// The highest the managed heap (all generations, garbage included: what the process actually holds) reached while
/// something ran. A background thread samples every millisecond both the current heap size and, for the last
/// collection, the heap size just before it (the sum of each generation's size before the collection): the heap
/// peaks right before a collection, so the second catches peaks the sampling interval would miss.
/// </summary>
internal sealed class HeapPeak : IDisposable
{
    private readonly Thread sampler;
    private volatile bool running = true;
    private long peak;

    private HeapPeak()
    {
        peak = GC.GetTotalMemory(forceFullCollection: false);
        sampler = new Thread(Sample) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        sampler.Start();
    }

    public static HeapPeak Start() => new();

    /// <summary>Stops sampling and returns the peak heap size in bytes.</summary>
    public long Stop()
    {
        running = false;
        sampler.Join();
        Observe();
        return peak;
    }

    public void Dispose()
    {
        if (running) Stop();
    }

    private void Sample()
    {
        while (running)
        {
            Observe();
            Thread.Sleep(1);
        }
    }

    private void Observe()
    {
        long now = GC.GetTotalMemory(forceFullCollection: false);
        var last = GC.GetGCMemoryInfo(GCKind.Any);
        long beforeLast = 0;
        foreach (var generation in last.GenerationInfo) beforeLast += generation.SizeBeforeBytes;
        Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), Math.Max(now, beforeLast)));
    }
}
