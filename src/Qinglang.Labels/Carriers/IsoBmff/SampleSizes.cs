using System.Buffers.Binary;

namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// A track's sample sizes: 'stsz' (one size for every sample, or a 32-bit size each) or the compact 'stz2' (4, 8 or
/// 16 bits each), ISO/IEC 14496-12 §8.7.3. The table is read where it lies in the moov's bytes, never copied.
/// </summary>
internal sealed class SampleSizes
{
    private readonly byte[] _payload;
    private readonly int _entriesAt;
    private readonly int _fieldBits;
    private readonly long _constant;

    private SampleSizes(byte[] payload, int entriesAt, int fieldBits, long constant, long count)
    {
        _payload = payload;
        _entriesAt = entriesAt;
        _fieldBits = fieldBits;
        _constant = constant;
        Count = count;
    }

    public long Count { get; }

    /// <summary>The sizes of a sample table, or null when it has none or its count does not fit its box.</summary>
    public static SampleSizes? Of(Mp4Box stbl)
    {
        if (stbl.Child(BoxTypes.Stsz) is { } stsz)
        {
            var payload = stsz.Payload;
            if (payload.Length < 12)
            {
                return null;
            }

            var constant = BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(4));
            var count = BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(8));
            return constant != 0 || count <= (payload.Length - 12) / 4
                ? new SampleSizes(payload, 12, constant != 0 ? 0 : 32, constant, count)
                : null;
        }

        if (stbl.Child(BoxTypes.Stz2) is { } stz2)
        {
            var payload = stz2.Payload;
            if (payload.Length < 12 || payload[7] is not (4 or 8 or 16))
            {
                return null;
            }

            var bits = payload[7];
            var count = BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(8));
            return count <= (payload.Length - 12L) * 8 / bits ? new SampleSizes(payload, 12, bits, 0, count) : null;
        }

        return null;
    }

    /// <summary>The total size of <paramref name="count"/> samples from index <paramref name="first"/>, or -1 past the table's end.</summary>
    public long Sum(long first, long count)
    {
        if (first < 0 || count < 0 || count > Count - first)
        {
            return -1;
        }

        if (_fieldBits == 0)
        {
            return count > long.MaxValue / Math.Max(_constant, 1) ? -1 : count * _constant;
        }

        long total = 0;
        for (var i = first; i < first + count; i++)
        {
            total += Size(i);
        }

        return total;
    }

    private long Size(long index)
    {
        var span = _payload.AsSpan(_entriesAt);
        return _fieldBits switch
        {
            32 => BinaryPrimitives.ReadUInt32BigEndian(span[(int)(index * 4)..]),
            16 => BinaryPrimitives.ReadUInt16BigEndian(span[(int)(index * 2)..]),
            8 => span[(int)index],
            _ => (index & 1) == 0 ? span[(int)(index / 2)] >> 4 : span[(int)(index / 2)] & 0xF,
        };
    }
}
