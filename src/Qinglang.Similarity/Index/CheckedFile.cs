using System.Buffers.Binary;

namespace Qinglang.Similarity.Index;

/// <summary>
/// The envelope of every derived index file (postings, document table): a 32-byte header — 8-byte magic, u32 format
/// version, u32 zero, u64 body length, u32 CRC-32C of the body, u32 zero — then the body. Written to a temporary
/// name, flushed to disk and renamed into place, so a reader sees the old file or the whole new one.
/// </summary>
internal static class CheckedFile
{
    public const int HeaderSize = 32;

    /// <summary>Writes <paramref name="path"/> atomically; <paramref name="writeBody"/> streams the body.</summary>
    public static void Write(string path, ReadOnlySpan<byte> magic, uint version, Action<Stream> writeBody)
    {
        var temp = path + ".tmp";
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                file.Write(new byte[HeaderSize]);
                using (var body = new CrcStream(file))
                {
                    writeBody(body);
                    Span<byte> header = stackalloc byte[HeaderSize];
                    header.Clear();
                    magic.CopyTo(header);
                    BinaryPrimitives.WriteUInt32LittleEndian(header[8..], version);
                    BinaryPrimitives.WriteUInt64LittleEndian(header[16..], (ulong)body.Written);
                    BinaryPrimitives.WriteUInt32LittleEndian(header[24..], body.Crc);
                    file.Position = 0;
                    file.Write(header);
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            AtomicFile.SyncFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
        catch
        {
            AtomicFile.TryDelete(temp);
            throw;
        }
    }

    /// <summary>Checks the header and the body's CRC; returns the body length. Throws <see cref="IndexCorruptException"/>.</summary>
    public static long Verify(string path, ReadOnlySpan<byte> magic, uint version)
    {
        if (!File.Exists(path))
        {
            throw new IndexCorruptException(path, "file is missing");
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        Span<byte> header = stackalloc byte[HeaderSize];
        if (file.Length < HeaderSize || file.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) != HeaderSize || !header[..8].SequenceEqual(magic))
        {
            throw new IndexCorruptException(path, "bad header (not this kind of index file)");
        }

        var found = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        if (found != version)
        {
            throw new IndexCorruptException(path, $"format version {found}; this program reads version {version}");
        }

        var length = BinaryPrimitives.ReadUInt64LittleEndian(header[16..]);
        if (length != (ulong)(file.Length - HeaderSize))
        {
            throw new IndexCorruptException(path, $"header says {length} body bytes, the file holds {file.Length - HeaderSize}");
        }

        var crc = 0u;
        var buffer = new byte[1 << 20];
        int read;
        while ((read = file.Read(buffer)) > 0)
        {
            crc = Crc32C.Append(crc, buffer.AsSpan(0, read));
        }

        if (crc != BinaryPrimitives.ReadUInt32LittleEndian(header[24..]))
        {
            throw new IndexCorruptException(path, "checksum mismatch (file damaged)");
        }

        return (long)length;
    }

    /// <summary>Passes writes through while counting them and folding them into a CRC-32C.</summary>
    private sealed class CrcStream(Stream inner) : Stream
    {
        public uint Crc { get; private set; }

        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written;

        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Crc = Crc32C.Append(Crc, buffer);
            Written += buffer.Length;
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
