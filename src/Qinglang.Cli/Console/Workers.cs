namespace Qinglang.Cli.Console;

/// <summary>
/// Runs an action over every item on a few plain threads that take the next item as they finish one. Lighter to
/// start than Parallel.ForEach (no task machinery, no event source to build), which matters to a short CLI call.
/// </summary>
internal static class Workers
{
    /// <summary>
    /// Labeling a small file waits on the disk about as long as it computes (creating, renaming and freeing files
    /// are synchronous filesystem work), so a second thread per core keeps the cores busy during those waits.
    /// </summary>
    public static int ForFileWork => Math.Max(2, Environment.ProcessorCount * 2);

    public static void Run<T>(IReadOnlyList<T> items, int threads, Action<T> action)
    {
        var next = -1;
        void Work()
        {
            for (var i = Interlocked.Increment(ref next); i < items.Count; i = Interlocked.Increment(ref next))
            {
                action(items[i]);
            }
        }

        var extra = new Thread[Math.Max(0, Math.Min(threads, items.Count) - 1)];
        for (var t = 0; t < extra.Length; t++)
        {
            extra[t] = new Thread(Work) { IsBackground = true, Name = "qinglang worker" };
            extra[t].Start();
        }

        Work(); // the calling thread is one of the workers
        foreach (var thread in extra)
        {
            thread.Join();
        }
    }
}
