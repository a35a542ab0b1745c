using System.Buffers.Binary;
using System.IO.Compression;
using Qinglang.Labels.IO;
using Qinglang.Labels.Model;

namespace Qinglang.Labels.Carriers.Ooxml;

/// <summary>
/// Rewrites a zip archive with a few parts replaced or added. Every other entry is copied raw — local header,
/// compressed data and data descriptor byte for byte — so nothing is recompressed; then a new central directory
/// (ZIP64 where a value needs it) and end record follow. System.IO.Compression cannot copy entries raw.
/// </summary>
internal static class ZipRewriter
{
    /// <summary>Version needed to extract: 2.0 (deflate), 4.5 (ZIP64).</summary>
    private const ushort VersionDeflate = 20;
    private const ushort VersionZip64 = 45;

    public sealed record NewPart(string Name, byte[] Content);

    public static void Write(Stream input, Stream output, ZipDirectory directory, IReadOnlyDictionary<string, byte[]> replaced, IReadOnlyList<NewPart> added)
    {
        var written = new CountingWriter(output);
        var records = new Dictionary<ZipEntry, ZipEntry>();

        // Entries keep their physical order; a replaced part takes its predecessor's place.
        foreach (var entry in directory.Entries.OrderBy(e => e.LocalHeaderOffset))
        {
            if (replaced.TryGetValue(entry.Name, out var content))
            {
                records[entry] = WriteDeflated(written, entry, content);
                continue;
            }

            var offset = written.Position;
            input.Position = entry.LocalHeaderOffset;
            input.CopyRange(written, entry.EntryEnd - entry.LocalHeaderOffset, entry.ToString());
            records[entry] = Relocated(entry, offset);
        }

        var central = directory.Entries.Select(e => records[e]).ToList();
        var template = directory.Entries.FirstOrDefault();
        foreach (var part in added)
        {
            var fresh = new ZipEntry
            {
                Name = part.Name,
                NameBytes = System.Text.Encoding.UTF8.GetBytes(part.Name),
                VersionMadeBy = VersionDeflate,
                Flags = part.Name.Any(c => c > 0x7F) ? ZipEntry.Utf8Flag : (ushort)0,
                // The package's own timestamp (of its first entry) keeps labeling deterministic.
                ModTime = template?.ModTime ?? 0,
                ModDate = template?.ModDate ?? 0x21, // 1980-01-01
            };
            central.Add(WriteDeflated(written, fresh, part.Content));
        }

        var centralOffset = written.Position;
        foreach (var record in central)
        {
            WriteCentralRecord(written, record);
        }

        WriteEndRecords(written, central.Count, written.Position - centralOffset, centralOffset, directory.Comment);
        input.Position = directory.TrailingOffset;
        input.CopyRest(written);
    }

    private static ZipEntry Relocated(ZipEntry entry, long offset) => new()
    {
        Name = entry.Name,
        NameBytes = entry.NameBytes,
        VersionMadeBy = entry.VersionMadeBy,
        VersionNeeded = entry.VersionNeeded,
        Flags = entry.Flags,
        Method = entry.Method,
        ModTime = entry.ModTime,
        ModDate = entry.ModDate,
        Crc = entry.Crc,
        CompressedSize = entry.CompressedSize,
        UncompressedSize = entry.UncompressedSize,
        InternalAttributes = entry.InternalAttributes,
        ExternalAttributes = entry.ExternalAttributes,
        LocalHeaderOffset = offset,
        SizesInZip64 = entry.SizesInZip64,
        CentralExtraWithoutZip64 = entry.CentralExtraWithoutZip64,
        Comment = entry.Comment,
    };

    /// <summary>Writes a part as a deflated entry with a plain local header (sizes known, no descriptor, no extra).</summary>
    private static ZipEntry WriteDeflated(CountingWriter output, ZipEntry like, byte[] content)
    {
        var compressed = new MemoryStream();
        using (var deflater = new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflater.Write(content);
        }

        var entry = new ZipEntry
        {
            Name = like.Name,
            NameBytes = like.NameBytes,
            VersionMadeBy = like.VersionMadeBy,
            VersionNeeded = VersionDeflate,
            Flags = (ushort)(like.Flags & ZipEntry.Utf8Flag),
            Method = ZipEntry.Deflated,
            ModTime = like.ModTime,
            ModDate = like.ModDate,
            Crc = Crc32.Compute(content),
            CompressedSize = compressed.Length,
            UncompressedSize = content.Length,
            InternalAttributes = like.InternalAttributes,
            ExternalAttributes = like.ExternalAttributes,
            LocalHeaderOffset = output.Position,
            CentralExtraWithoutZip64 = like.CentralExtraWithoutZip64,
            Comment = like.Comment,
        };

        var header = new byte[ZipSignatures.LocalHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, ZipSignatures.LocalHeader);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), entry.VersionNeeded);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), entry.Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), entry.Method);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(10), entry.ModTime);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(12), entry.ModDate);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(14), entry.Crc);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(18), (uint)entry.CompressedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(22), (uint)entry.UncompressedSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(26), (ushort)entry.NameBytes.Length);
        output.Write(header);
        output.Write(entry.NameBytes);
        output.Write(compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        return entry;
    }

    private static void WriteCentralRecord(CountingWriter output, ZipEntry entry)
    {
        var sizesWide = entry.SizesInZip64 || entry.UncompressedSize >= ZipSignatures.Saturated32 || entry.CompressedSize >= ZipSignatures.Saturated32;
        var offsetWide = entry.LocalHeaderOffset >= ZipSignatures.Saturated32;
        var zip64 = ZipExtraFields.BuildZip64(
            sizesWide ? entry.UncompressedSize : null,
            sizesWide ? entry.CompressedSize : null,
            offsetWide ? entry.LocalHeaderOffset : null);
        var extraLength = zip64.Length + entry.CentralExtraWithoutZip64.Length;
        if (extraLength > ushort.MaxValue)
        {
            throw new LabelingException(ProblemCodes.ContainerCorrupt, $"{entry}: its extra fields leave no room for a ZIP64 field");
        }

        var header = new byte[ZipSignatures.CentralHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, ZipSignatures.CentralHeader);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), entry.VersionMadeBy);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), zip64.Length > 0 ? Math.Max(entry.VersionNeeded, VersionZip64) : entry.VersionNeeded);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), entry.Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(10), entry.Method);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(12), entry.ModTime);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(14), entry.ModDate);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), entry.Crc);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), sizesWide ? ZipSignatures.Saturated32 : (uint)entry.CompressedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(24), sizesWide ? ZipSignatures.Saturated32 : (uint)entry.UncompressedSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(28), (ushort)entry.NameBytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(30), (ushort)extraLength);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(32), (ushort)entry.Comment.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(36), entry.InternalAttributes);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(38), entry.ExternalAttributes);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(42), offsetWide ? ZipSignatures.Saturated32 : (uint)entry.LocalHeaderOffset);
        output.Write(header);
        output.Write(entry.NameBytes);
        output.Write(zip64);
        output.Write(entry.CentralExtraWithoutZip64);
        output.Write(entry.Comment);
    }

    private static void WriteEndRecords(CountingWriter output, int count, long centralSize, long centralOffset, byte[] comment)
    {
        var zip64 = count >= ZipSignatures.Saturated16 || centralSize >= ZipSignatures.Saturated32 || centralOffset >= ZipSignatures.Saturated32;
        if (zip64)
        {
            var recordOffset = output.Position;
            var record = new byte[ZipSignatures.Zip64EndRecordSize];
            BinaryPrimitives.WriteUInt32LittleEndian(record, ZipSignatures.Zip64EndOfCentralDirectory);
            BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(4), ZipSignatures.Zip64EndRecordSize - 12);
            BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(12), VersionZip64);
            BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(14), VersionZip64);
            BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(24), (ulong)count);
            BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(32), (ulong)count);
            BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(40), (ulong)centralSize);
            BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(48), (ulong)centralOffset);
            output.Write(record);

            var locator = new byte[ZipSignatures.Zip64LocatorSize];
            BinaryPrimitives.WriteUInt32LittleEndian(locator, ZipSignatures.Zip64Locator);
            BinaryPrimitives.WriteUInt64LittleEndian(locator.AsSpan(8), (ulong)recordOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(locator.AsSpan(16), 1);
            output.Write(locator);
        }

        var end = new byte[ZipSignatures.EndRecordSize];
        var count16 = count >= ZipSignatures.Saturated16 ? ZipSignatures.Saturated16 : (ushort)count;
        BinaryPrimitives.WriteUInt32LittleEndian(end, ZipSignatures.EndOfCentralDirectory);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(8), count16);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(10), count16);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(12), centralSize >= ZipSignatures.Saturated32 ? ZipSignatures.Saturated32 : (uint)centralSize);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(16), centralOffset >= ZipSignatures.Saturated32 ? ZipSignatures.Saturated32 : (uint)centralOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(20), (ushort)comment.Length);
        output.Write(end);
        output.Write(comment);
    }

    /// <summary>Counts what is written, so offsets are right whatever the output stream's position says.</summary>
    private sealed class CountingWriter(Stream inner) : Stream
    {
        private long _position;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _position;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            _position += buffer.Length;
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
