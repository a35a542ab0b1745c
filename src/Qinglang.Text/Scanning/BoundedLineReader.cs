namespace Qinglang.Text.Scanning;

/// <summary>
/// Reads '\n'-terminated lines of bytes (a trailing '\r' dropped) without ever holding more than
/// <see cref="MaxLineBytes"/> of one line: a longer line is skipped to its end and reported as too long.
/// </summary>
public sealed class BoundedLineReader(Stream stream, int maxLineBytes)
{
    private readonly byte[] _chunk = new byte[64 * 1024];
    private int _chunkStart;
    private int _chunkEnd;
    private bool _atEnd;

    public int MaxLineBytes { get; } = maxLineBytes;

    /// <summary>The next line, or false at the end. <paramref name="tooLong"/> means the line was skipped.</summary>
    public bool TryReadLine(out byte[] line, out bool tooLong)
    {
        using var current = new MemoryStream();
        tooLong = false;
        var sawAnything = false;
        while (true)
        {
            if (_chunkStart == _chunkEnd)
            {
                if (_atEnd || (_chunkEnd = stream.Read(_chunk, 0, _chunk.Length)) == 0)
                {
                    _atEnd = true;
                    _chunkStart = _chunkEnd = 0;
                    line = Finish(current, tooLong);
                    return sawAnything;
                }

                _chunkStart = 0;
            }

            sawAnything = true;
            var available = _chunk.AsSpan(_chunkStart, _chunkEnd - _chunkStart);
            var newline = available.IndexOf((byte)'\n');
            var part = newline < 0 ? available : available[..newline];
            if (!tooLong && current.Length + part.Length > MaxLineBytes)
            {
                tooLong = true;
                current.SetLength(0);
            }

            if (!tooLong)
            {
                current.Write(part);
            }

            _chunkStart += newline < 0 ? part.Length : part.Length + 1;
            if (newline >= 0)
            {
                line = Finish(current, tooLong);
                return true;
            }
        }
    }

    private static byte[] Finish(MemoryStream current, bool tooLong)
    {
        if (tooLong)
        {
            return [];
        }

        var bytes = current.ToArray();
        return bytes.Length > 0 && bytes[^1] == (byte)'\r' ? bytes[..^1] : bytes;
    }
}
