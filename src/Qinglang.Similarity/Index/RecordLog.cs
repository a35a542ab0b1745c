using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Qinglang.Similarity.Index;

/// <summary>
/// The append-only record log (<c>records.log</c>), the index's write-ahead truth. Layout: a 16-byte header
/// (<c>QLSIMLOG</c>, u32 version, u32 zero) then frames of u32 payload length, u32 CRC-32C of the payload, payload
/// (all little-endian). Bytes before the committed length (kept in the manifest) must be whole, valid frames; after
/// it, a torn or damaged frame is where the last crash stopped, and the log is truncated there on open.
/// </summary>
internal sealed class RecordLog : IDisposable
{
    public const int HeaderSize = 16;
    public const int FrameHeaderSize = 8;
    public const uint Version = 1;

    /// <summary>Largest payload accepted; a length field above it is damage, not a document.</summary>
    public const int MaxPayload = 64 * 1024 * 1024;

    private static ReadOnlySpan<byte> Magic => "QLSIMLOG"u8;

    private readonly FileStream _stream;
    private readonly string _path;
    private long _flushedLength;

    private RecordLog(string path, FileStream stream, long length)
    {
        _path = path;
        _stream = stream;
        Length = length;
        _flushedLength = length;
    }

    /// <summary>Bytes in the log, including frames still in the write buffer.</summary>
    public long Length { get; private set; }

    private SafeFileHandle Handle => _stream.SafeFileHandle;

    /// <summary>Creates an empty log (header only), durably.</summary>
    public static void Create(string path)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        Span<byte> header = stackalloc byte[HeaderSize];
        header.Clear();
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Version);
        stream.Write(header);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Opens an existing log after checking its header; call <see cref="Recover"/> before appending.</summary>
    public static RecordLog Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new IndexCorruptException(path, "the record log is missing");
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1 << 16, FileOptions.None);
        try
        {
            CheckHeader(path, stream.SafeFileHandle, stream.Length);
            return new RecordLog(path, stream, stream.Length);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Replays every frame from <paramref name="replayFrom"/> through <paramref name="onRecord"/> (offset, payload) and
    /// truncates a torn tail found after <paramref name="committedLength"/>. Returns how many bytes were cut off.
    /// </summary>
    public long Recover(long committedLength, long replayFrom, Action<long, ReadOnlySpan<byte>> onRecord)
    {
        if (committedLength < HeaderSize || replayFrom < HeaderSize || replayFrom > committedLength)
        {
            throw new IndexCorruptException(_path, $"the manifest's log positions ({replayFrom}, {committedLength}) are impossible");
        }

        var length = Length;
        if (length < committedLength)
        {
            throw new IndexCorruptException(_path, $"the log is {length} bytes but {committedLength} were committed (file truncated)");
        }

        var end = Replay(_path, Handle, length, committedLength, replayFrom, onRecord);
        if (end < length)
        {
            _stream.SetLength(end);
            _stream.Flush(flushToDisk: true);
        }

        _stream.Position = end;
        Length = end;
        _flushedLength = end;
        return length - end;
    }

    /// <summary>Appends one frame; returns the frame's offset (what the document table stores).</summary>
    public long Append(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayload)
        {
            throw new ArgumentException($"record of {payload.Length} bytes is larger than the {MaxPayload}-byte limit", nameof(payload));
        }

        Span<byte> frame = stackalloc byte[FrameHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[4..], Crc32C.Compute(payload));
        var offset = Length;
        _stream.Write(frame);
        _stream.Write(payload);
        Length += FrameHeaderSize + payload.Length;
        return offset;
    }

    /// <summary>Reads the payload of the frame at <paramref name="offset"/> into a pooled buffer the caller returns.</summary>
    public byte[] Read(long offset, out int length)
    {
        if (offset + FrameHeaderSize > _flushedLength)
        {
            Flush(durable: false);
        }

        Span<byte> frame = stackalloc byte[FrameHeaderSize];
        if (offset < HeaderSize || RandomAccess.Read(Handle, frame, offset) != FrameHeaderSize)
        {
            throw new IndexCorruptException(_path, $"no record at byte {offset}");
        }

        length = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(frame), int.MaxValue);
        if (length > MaxPayload || offset + FrameHeaderSize + length > Length)
        {
            throw new IndexCorruptException(_path, $"record at byte {offset} claims {length} bytes");
        }

        if (offset + FrameHeaderSize + length > _flushedLength)
        {
            Flush(durable: false);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        if (RandomAccess.Read(Handle, buffer.AsSpan(0, length), offset + FrameHeaderSize) != length
            || Crc32C.Compute(buffer.AsSpan(0, length)) != BinaryPrimitives.ReadUInt32LittleEndian(frame[4..]))
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new IndexCorruptException(_path, $"record at byte {offset} fails its checksum");
        }

        return buffer;
    }

    /// <summary>Pushes buffered frames to the file; <paramref name="durable"/> also waits for the disk.</summary>
    public void Flush(bool durable)
    {
        _stream.Flush(flushToDisk: durable);
        _flushedLength = Length;
    }

    public void Dispose() => _stream.Dispose();

    private static void CheckHeader(string path, SafeFileHandle handle, long length)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        if (length < HeaderSize || RandomAccess.Read(handle, header, 0) != HeaderSize || !header[..8].SequenceEqual(Magic))
        {
            throw new IndexCorruptException(path, "not a Qinglang record log (bad header)");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        if (version != Version)
        {
            throw new IndexCorruptException(path, $"record log version {version}; this program reads version {Version}");
        }
    }

    /// <summary>Walks frames from <paramref name="position"/>; returns where the valid log ends.</summary>
    private static long Replay(string path, SafeFileHandle handle, long length, long committed, long position, Action<long, ReadOnlySpan<byte>> onRecord)
    {
        using var reader = new FrameReader(handle, position, length);
        while (position < length)
        {
            var problem = reader.TryRead(out var payload);
            if (problem is not null)
            {
                if (position < committed)
                {
                    throw new IndexCorruptException(path, $"committed record at byte {position}: {problem}");
                }

                return position; // the torn tail of an interrupted append
            }

            onRecord(position, payload);
            position += FrameHeaderSize + payload.Length;
        }

        return position;
    }
}
