namespace Qinglang.Text.Scanning;

/// <summary>
/// Scans a text of any length (a 100 MB single line included) in bounded memory: overlapping windows, each scanned
/// whole, each finding reported once by the window where it starts. Every window carries <c>context</c> characters
/// before the part it reports (so a cue or a number's start is still seen) and after it (so a match is not cut).
/// </summary>
public static class WindowedScan
{
    public const int DefaultWindow = 1 << 20;
    public const int DefaultContext = 4096;

    public static IEnumerable<LocatedFinding> Scan(TextScanner scanner, TextReader reader, int window = DefaultWindow, int context = DefaultContext)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(context, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2 * context);
        var buffer = new char[window + context];
        var filled = 0;
        var offset = 0L;
        var reportFrom = 0;
        while (true)
        {
            var atEnd = Fill(reader, buffer, ref filled);
            var reportUntil = atEnd ? int.MaxValue : filled - context;
            var text = new string(buffer, 0, filled);
            foreach (var finding in scanner.Scan(text))
            {
                if (finding.Start >= reportFrom && finding.Start < reportUntil)
                {
                    yield return new LocatedFinding(offset, finding);
                }
            }

            if (atEnd)
            {
                yield break;
            }

            var keepFrom = reportUntil - context;
            Array.Copy(buffer, keepFrom, buffer, 0, filled - keepFrom);
            filled -= keepFrom;
            offset += keepFrom;
            reportFrom = reportUntil - keepFrom;
        }
    }

    /// <summary>Reads until the buffer is full; true when the reader is exhausted.</summary>
    private static bool Fill(TextReader reader, char[] buffer, ref int filled)
    {
        while (filled < buffer.Length)
        {
            var read = reader.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                return true;
            }

            filled += read;
        }

        return false;
    }
}
