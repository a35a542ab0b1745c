using System.Buffers.Binary;

namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// The entries of a table of absolute file offsets: 'stco' (32-bit) and 'co64' (64-bit) chunk offsets and 'saio'
/// auxiliary-information offsets (ISO/IEC 14496-12 §8.7.5, §8.7.9). Each payload is version and flags, fixed fields,
/// a 32-bit entry count, then the offsets. Both BMFF carriers read and shift their tables through this one type, so
/// they check counts and keep 32-bit entries below 4 GiB the same way.
/// </summary>
internal readonly record struct OffsetEntries(int EntriesAt, int Count, bool Wide)
{
    public int Width => Wide ? 8 : 4;

    /// <summary>
    /// Finds the entries in a table's payload (everything after its box header); <paramref name="fieldsBeforeCount"/>
    /// bytes lie between the version and flags and the count. The count must fit the payload.
    /// </summary>
    public static OffsetEntries Locate(ReadOnlySpan<byte> payload, int fieldsBeforeCount, bool wide, string type, long sourceOffset)
    {
        var countAt = 4 + fieldsBeforeCount;
        if (payload.Length < countAt + 4)
        {
            throw new ContainerFormatException($"'{type}' box is too short", sourceOffset);
        }

        var count = BinaryPrimitives.ReadUInt32BigEndian(payload[countAt..]);
        var width = wide ? 8 : 4;
        if (count > (ulong)(payload.Length - countAt - 4) / (ulong)width)
        {
            throw new ContainerFormatException($"'{type}' box claims {count} offsets but holds fewer", sourceOffset);
        }

        // Bytes after the entries (there should be none) are left to the caller.
        return new OffsetEntries(countAt + 4, (int)count, wide);
    }

    /// <summary>
    /// A stored offset as a file position. A 64-bit offset beyond what a file position can hold is clamped: it points
    /// past the end of any file either way, so it maps like any other far offset instead of turning negative.
    /// </summary>
    public static long AsFilePosition(ulong offset) => (long)Math.Min(offset, long.MaxValue);

    public ulong Read(ReadOnlySpan<byte> payload, int index) => Wide
        ? BinaryPrimitives.ReadUInt64BigEndian(payload[(EntriesAt + index * 8)..])
        : BinaryPrimitives.ReadUInt32BigEndian(payload[(EntriesAt + index * 4)..]);

    public ulong[] ReadAll(ReadOnlySpan<byte> payload)
    {
        var offsets = new ulong[Count];
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = Read(payload, i);
        }

        return offsets;
    }

    /// <summary>Writes one entry; a 32-bit table's caller has checked that the value fits (see <see cref="TryShift"/>).</summary>
    public void Write(Span<byte> payload, int index, ulong offset)
    {
        if (Wide)
        {
            BinaryPrimitives.WriteUInt64BigEndian(payload[(EntriesAt + index * 8)..], offset);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(payload[(EntriesAt + index * 4)..], (uint)offset);
        }
    }

    /// <summary>
    /// Moves every entry through <paramref name="map"/>, in place and in order. Returns false at the first 32-bit entry
    /// that would pass 4 GiB, leaving it unwritten: what then (a 64-bit table, or refusal) is the caller's decision.
    /// </summary>
    public bool TryShift(Span<byte> payload, Func<long, long> map)
    {
        for (var i = 0; i < Count; i++)
        {
            var moved = (ulong)map(AsFilePosition(Read(payload, i)));
            if (!Wide && moved > uint.MaxValue)
            {
                return false;
            }

            Write(payload, i, moved);
        }

        return true;
    }
}
