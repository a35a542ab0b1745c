using System.Runtime.ExceptionServices;

namespace Qinglang.Cli.Console;

/// <summary>
/// Runs an action over every item on a few plain threads that take the next item as they finish one. Lighter to
/// start than Parallel.ForEach (no task machinery, no event source to build), which matters to a short CLI call.
/// </summary>
internal static class Workers
{
    /// <summary>
    /// Labeling a small file waits on the file system about as long as it computes (creating, replacing and freeing
    /// files are synchronous kernel work, some of it under the folder's lock), so a second thread per core keeps the
    /// cores busy through those waits.
    /// </summary>
    public static int ForFileWork => Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>
    /// Runs <paramref name="action"/> on every item. The first exception stops the handing out of items and is
    /// rethrown on the calling thread once every worker has stopped, as Parallel.ForEach would surface it.
    /// </summary>
    /// <param name="perWorker">A scope each worker thread opens before its first item and disposes after its last.</param>
    public static void Run<T>(IReadOnlyList<T> items, int threads, Action<T> action, Func<IDisposable>? perWorker = null)
    {
        var next = -1;
        Exception? failure = null;
        void Work()
        {
            try
            {
                using var scope = perWorker?.Invoke();
                for (var i = Interlocked.Increment(ref next); i < items.Count && Volatile.Read(ref failure) is null; i = Interlocked.Increment(ref next))
                {
                    action(items[i]);
                }
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref failure, ex, null);
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

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }
}
