namespace Qinglang.Cli.Console;

/// <summary>A one-line progress counter on stderr, shown only when stderr is a terminal.</summary>
internal sealed class Progress(int total, string verb) : IDisposable
{
    private readonly bool _enabled = !System.Console.IsErrorRedirected && total > 1;
    private readonly Lock _gate = new();
    private int _done;
    private long _lastDraw;

    public void Step(string path)
    {
        var done = Interlocked.Increment(ref _done);
        if (!_enabled)
        {
            return;
        }

        var now = Environment.TickCount64;
        if (done != total && now - Interlocked.Read(ref _lastDraw) < 100)
        {
            return;
        }

        lock (_gate)
        {
            _lastDraw = now;
            var width = Math.Max(20, SafeWidth() - 30);
            var filled = (int)((long)done * 20 / total);
            var name = path.Length > width ? "…" + path[^(width - 1)..] : path;
            System.Console.Error.Write($"\r[{new string('#', filled)}{new string('.', 20 - filled)}] {done}/{total} {verb} {name}".PadRight(SafeWidth() - 1));
        }
    }

    public void Dispose()
    {
        if (_enabled)
        {
            System.Console.Error.Write("\r" + new string(' ', SafeWidth() - 1) + "\r");
        }
    }

    private static int SafeWidth()
    {
        try
        {
            return System.Console.WindowWidth > 0 ? System.Console.WindowWidth : 100;
        }
        catch (IOException)
        {
            return 100;
        }
    }
}
