using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Qinglang.Similarity.Index;

/// <summary>Sequential, buffered reading of log frames from a position, checking length bounds and CRC of each.</summary>
internal sealed class FrameReader(SafeFileHandle handle, long position, long length) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
    private long _bufferStart = position;
    private int _bufferCount;
    private long _position = position;

    /// <summary>Reads the next frame; returns null and the payload, or a description of why the frame is not whole.</summary>
    public string? TryRead(out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (!Ensure(RecordLog.FrameHeaderSize))
        {
            return "frame header cut short";
        }

        var header = Slice(RecordLog.FrameHeaderSize);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (size > RecordLog.MaxPayload)
        {
            return $"length field {size} is beyond the {RecordLog.MaxPayload}-byte limit";
        }

        if (_position + RecordLog.FrameHeaderSize + size > length || !Ensure(RecordLog.FrameHeaderSize + (int)size))
        {
            return "payload cut short";
        }

        var body = Slice(RecordLog.FrameHeaderSize + (int)size)[RecordLog.FrameHeaderSize..];
        if (Crc32C.Compute(body) != crc)
        {
            return "checksum mismatch";
        }

        payload = body;
        _position += RecordLog.FrameHeaderSize + size;
        return null;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private ReadOnlySpan<byte> Slice(int count) => _buffer.AsSpan((int)(_position - _bufferStart), count);

    /// <summary>Makes <paramref name="count"/> bytes from the current position available in the buffer.</summary>
    private bool Ensure(int count)
    {
        if (_position + count > length)
        {
            return false;
        }

        var offset = (int)(_position - _bufferStart);
        if (offset + count <= _bufferCount)
        {
            return true;
        }

        if (count > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(count);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        _bufferStart = _position;
        _bufferCount = 0;
        var want = (int)Math.Min(_buffer.Length, length - _position);
        while (_bufferCount < want)
        {
            var read = RandomAccess.Read(handle, _buffer.AsSpan(_bufferCount, want - _bufferCount), _bufferStart + _bufferCount);
            if (read == 0)
            {
                break;
            }

            _bufferCount += read;
        }

        return count <= _bufferCount;
    }
}
