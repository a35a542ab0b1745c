using System.Buffers;

namespace Qinglang.Labels.Carriers.Jpeg;

/// <summary>
/// Forward reader over a stream with a pooled block buffer, for walking JPEG entropy-coded data: finding the next
/// 0xFF uses a vectorized search over the block instead of a call per byte.
/// </summary>
internal sealed class MarkerScanner : IDisposable
{
    private const int BlockSize = 1 << 16;

    private readonly Stream _input;
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
    private long _bufferStart;
    private int _length;
    private int _index;

    public MarkerScanner(Stream input, long from)
    {
        _input = input;
        Seek(from);
    }

    /// <summary>File offset of the next byte to be read.</summary>
    public long Position => _bufferStart + _index;

    /// <summary>The next byte, or -1 at the end of the stream.</summary>
    public int Next()
    {
        if (_index == _length && !Fill())
        {
            return -1;
        }

        return _buffer[_index++];
    }

    /// <summary>Moves just past the next 0xFF byte; false when the stream ends first.</summary>
    public bool SkipPastNextFF()
    {
        while (true)
        {
            var found = _buffer.AsSpan(_index, _length - _index).IndexOf((byte)0xFF);
            if (found >= 0)
            {
                _index += found + 1;
                return true;
            }

            _index = _length;
            if (!Fill())
            {
                return false;
            }
        }
    }

    public void Seek(long position)
    {
        if (position >= _bufferStart && position <= _bufferStart + _length)
        {
            _index = (int)(position - _bufferStart);
            return;
        }

        _bufferStart = position;
        _length = 0;
        _index = 0;
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    private bool Fill()
    {
        _bufferStart += _length;
        _index = 0;
        _input.Position = _bufferStart;
        _length = _input.Read(_buffer, 0, BlockSize);
        return _length > 0;
    }
}
