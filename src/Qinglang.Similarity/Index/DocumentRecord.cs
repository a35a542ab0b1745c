using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Qinglang.Similarity.Index;

/// <summary>
/// The payload of one record-log frame (little-endian): u8 kind (1 = document), i64 time in Unix milliseconds
/// (<see cref="long.MinValue"/> = unknown), u16 + UTF-8 id, u16 + UTF-8 account, then the fingerprint: i32 length,
/// i32 shingle count, u64 SimHash, u16 K + K × u32 MinHash, u8 sample level, i32 n + n × u32 shingles, u8 raw sample
/// level, i32 raw shingle count, i32 m + m × u32 raw shingles, i32 substitutions.
/// </summary>
internal static class DocumentRecord
{
    public const byte DocumentKind = 1;
    public const int MaxIdBytes = 1024;
    private const int MaxHashes = 1 << 20;

    public static byte[] Encode(StoredDocument document, out int length)
    {
        var id = Encoding.UTF8.GetBytes(document.Id);
        var account = Encoding.UTF8.GetBytes(document.Account);
        if (id.Length is 0 or > MaxIdBytes)
        {
            throw new ArgumentException($"document id must be 1..{MaxIdBytes} UTF-8 bytes (got {id.Length})", nameof(document));
        }

        if (account.Length > MaxIdBytes)
        {
            throw new ArgumentException($"account of document {document.Id} is longer than {MaxIdBytes} UTF-8 bytes", nameof(document));
        }

        var f = document.Fingerprint;
        length = 1 + 8 + 2 + id.Length + 2 + account.Length + 4 + 4 + 8 + 2 + (f.MinHash.Length * 4) + 1 + 4 + (f.Shingles.Length * 4) + 1 + 4 + 4 + (f.RawShingles.Length * 4) + 4;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        var writer = new SpanWriter(buffer);
        writer.Byte(DocumentKind);
        writer.Int64(document.Time?.ToUnixTimeMilliseconds() ?? long.MinValue);
        writer.UInt16((ushort)id.Length);
        writer.Bytes(id);
        writer.UInt16((ushort)account.Length);
        writer.Bytes(account);
        writer.Int32(f.Length);
        writer.Int32(f.ShingleCount);
        writer.UInt64(f.SimHash);
        writer.UInt16((ushort)f.MinHash.Length);
        writer.UInt32s(f.MinHash);
        writer.Byte((byte)f.SampleLevel);
        writer.Int32(f.Shingles.Length);
        writer.UInt32s(f.Shingles);
        writer.Byte((byte)f.RawSampleLevel);
        writer.Int32(f.RawShingleCount);
        writer.Int32(f.RawShingles.Length);
        writer.UInt32s(f.RawShingles);
        writer.Int32(f.Substitutions);
        return buffer;
    }

    /// <summary>Decodes a payload; a payload whose fields do not add up is damage, reported with <paramref name="where"/>.</summary>
    public static StoredDocument Decode(ReadOnlySpan<byte> payload, string file, long where)
    {
        try
        {
            var reader = new SpanReader(payload);
            if (reader.Byte() != DocumentKind)
            {
                throw new FormatException("unknown record kind");
            }

            var time = reader.Int64();
            var id = Encoding.UTF8.GetString(reader.Bytes(reader.UInt16()));
            var account = Encoding.UTF8.GetString(reader.Bytes(reader.UInt16()));
            var length = reader.Int32();
            var shingleCount = reader.Int32();
            var simHash = reader.UInt64();
            var minHash = reader.UInt32s(reader.UInt16());
            var sampleLevel = reader.Byte();
            var shingles = reader.UInt32s(reader.Count(MaxHashes));
            var rawSampleLevel = reader.Byte();
            var rawShingleCount = reader.Int32();
            var rawShingles = reader.UInt32s(reader.Count(MaxHashes));
            var substitutions = reader.Int32();
            if (!reader.AtEnd)
            {
                throw new FormatException("trailing bytes");
            }

            var fingerprint = new Fingerprint
            {
                MinHash = minHash, SimHash = simHash, Length = length, ShingleCount = shingleCount, Shingles = shingles, SampleLevel = sampleLevel,
                RawShingles = rawShingles, RawSampleLevel = rawSampleLevel, RawShingleCount = rawShingleCount, Substitutions = substitutions,
            };
            return new StoredDocument(id, account, time == long.MinValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(time), fingerprint);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException)
        {
            throw new IndexCorruptException(file, $"record at byte {where} does not decode: {ex.Message}");
        }
    }

    /// <summary>The id of a payload without decoding the fingerprint (duplicate checks).</summary>
    public static string ReadId(ReadOnlySpan<byte> payload)
    {
        var reader = new SpanReader(payload);
        reader.Byte();
        reader.Int64();
        return Encoding.UTF8.GetString(reader.Bytes(reader.UInt16()));
    }

    private ref struct SpanWriter(Span<byte> span)
    {
        private readonly Span<byte> _span = span;
        private int _at;

        public void Byte(byte value) => _span[_at++] = value;

        public void UInt16(ushort value) => Advance(2, BinaryPrimitives.TryWriteUInt16LittleEndian(_span[_at..], value));

        public void Int32(int value) => Advance(4, BinaryPrimitives.TryWriteInt32LittleEndian(_span[_at..], value));

        public void Int64(long value) => Advance(8, BinaryPrimitives.TryWriteInt64LittleEndian(_span[_at..], value));

        public void UInt64(ulong value) => Advance(8, BinaryPrimitives.TryWriteUInt64LittleEndian(_span[_at..], value));

        public void Bytes(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_span[_at..]);
            _at += bytes.Length;
        }

        public void UInt32s(uint[] values)
        {
            foreach (var value in values)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(_span[_at..], value);
                _at += 4;
            }
        }

        private void Advance(int count, bool written) => _at += written ? count : throw new InvalidOperationException("record buffer too small");
    }

    private ref struct SpanReader(ReadOnlySpan<byte> span)
    {
        private readonly ReadOnlySpan<byte> _span = span;
        private int _at;

        public readonly bool AtEnd => _at == _span.Length;

        public byte Byte() => Take(1)[0];

        public ushort UInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

        public ReadOnlySpan<byte> Bytes(int count) => Take(count);

        /// <summary>A count field, checked against a bound before anything is allocated for it.</summary>
        public int Count(int max)
        {
            var count = Int32();
            return count >= 0 && count <= max ? count : throw new FormatException($"count {count} out of range");
        }

        public uint[] UInt32s(int count)
        {
            var bytes = Take(checked(count * 4));
            var values = new uint[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * 4)..]);
            }

            return values;
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count < 0 || _at + count > _span.Length)
            {
                throw new FormatException("record ends early");
            }

            var slice = _span.Slice(_at, count);
            _at += count;
            return slice;
        }
    }
}
