using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Pdf;

/// <summary>
/// Random access to the bytes a PDF lexer reads: either a seekable stream seen through a small cached window (so
/// a large file is never read whole) or decoded bytes in memory (object and cross-reference streams). It also keeps
/// the budgets that bound the work on hostile files: bytes lexed, and bytes inflated from streams.
/// </summary>
internal sealed class PdfBytes
{
    private const int WindowSize = 1 << 16;

    /// <summary>Total bytes all streams of one file may inflate to, however many streams a hostile file has.</summary>
    private const long InflateBudget = 256L << 20;

    /// <summary>Lexing may visit each byte this many times (plus a constant) before the file is called hostile.</summary>
    private const int WorkPerByte = 16;

    private long _workLeft;
    private long _inflateLeft = InflateBudget;

    private readonly Stream? _stream;
    private readonly byte[] _window;
    private long _windowStart;
    private int _windowLength;

    /// <param name="length">Treat the stream as ending here (an earlier revision of an incrementally updated file).</param>
    public PdfBytes(Stream stream, long? length = null)
    {
        _stream = stream;
        Length = Math.Min(length ?? long.MaxValue, stream.Length);
        _window = new byte[WindowSize];
        _windowStart = -1;
        _workLeft = (Length * WorkPerByte) + (64 << 20);
    }

    public PdfBytes(byte[] data)
    {
        _window = data;
        _windowLength = data.Length;
        Length = data.Length;
        _workLeft = (Length * WorkPerByte) + (1 << 20);
    }

    public long Length { get; }

    /// <summary>The byte at <paramref name="position"/>, or -1 outside the data.</summary>
    public int At(long position)
    {
        if (position < 0 || position >= Length)
        {
            return -1;
        }

        if (--_workLeft < 0)
        {
            throw new ContainerFormatException("the PDF's structure takes too much work to parse (overlapping or self-similar objects?)", position);
        }

        if (_stream is null)
        {
            return _window[position];
        }

        if (position < _windowStart || position >= _windowStart + _windowLength || _windowStart < 0)
        {
            Fill(position);
        }

        return _window[position - _windowStart];
    }

    /// <summary>Copies <paramref name="count"/> bytes from <paramref name="position"/>, refusing more than <paramref name="max"/>.</summary>
    public byte[] Read(long position, long count, int max, string what)
    {
        if (position < 0 || count < 0 || position > Length || count > Length - position)
        {
            throw new ContainerFormatException($"{what} claims {count} bytes but the data ends first", position);
        }

        if (count > max)
        {
            throw new ContainerFormatException($"{what} is {count} bytes, more than the {max} this reader accepts", position);
        }

        if (_stream is null)
        {
            return _window.AsSpan((int)position, (int)count).ToArray();
        }

        _stream.Position = position;
        return _stream.ReadBlock(count, max, what);
    }

    /// <summary>
    /// A stream object's decoded data, or null for a filter this reader does not decode. The output is capped by
    /// <paramref name="max"/> and by what is left of the file's inflate budget.
    /// </summary>
    public byte[]? Decode(PdfStream stream, int max, string what)
    {
        var encoded = Read(stream.DataOffset, stream.DataLength, max, what);
        var cap = (int)Math.Min(max, _inflateLeft);
        if (cap <= 0)
        {
            throw new ContainerFormatException($"{what}: the file's streams together inflate to more than {InflateBudget} bytes; refused");
        }

        var decoded = PdfFilters.TryDecode(stream.Dictionary, encoded, cap, what);
        _inflateLeft -= decoded?.Length ?? 0;
        return decoded;
    }

    /// <summary>True when the bytes at <paramref name="position"/> spell <paramref name="text"/> (ASCII).</summary>
    public bool Matches(long position, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (At(position + i) != text[i])
            {
                return false;
            }
        }

        return true;
    }

    private void Fill(long position)
    {
        // Centre the window a little before the position: the lexer sometimes looks back a few bytes.
        _windowStart = Math.Max(0, position - 256);
        _stream!.Position = _windowStart;
        _windowLength = _stream.ReadAtLeast(_window, (int)Math.Min(WindowSize, Length - _windowStart), throwOnEndOfStream: false);
        if (_windowLength <= position - _windowStart)
        {
            throw new ContainerFormatException("the file is shorter than it claimed", position);
        }
    }
}
