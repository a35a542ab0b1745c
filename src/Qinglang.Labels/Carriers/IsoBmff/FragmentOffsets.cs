using Qinglang.Labels.Model;
using System.Buffers.Binary;

namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// Absolute offsets of fragmented MP4 outside the moov: an explicit tfhd base_data_offset (flag 0x000001), the
/// moof_offset of every tfra entry in mfra, and the sidx first_offset (relative to the end of the sidx box).
/// Default-base-is-moof and moof-relative data offsets move with their moof and need nothing.
/// </summary>
internal static class FragmentOffsets
{
    /// <summary>Patches a whole moof box held in <paramref name="moof"/>.</summary>
    public static void PatchMoof(Span<byte> moof, long oldOffset, OffsetMap map)
    {
        foreach (var traf in Children(moof, oldOffset, BoxTypes.Traf))
        {
            foreach (var tfhd in Children(moof.Slice((int)(traf.Offset - oldOffset), (int)traf.Size), traf.Offset, BoxTypes.Tfhd))
            {
                var payload = moof.Slice((int)(tfhd.PayloadOffset - oldOffset), (int)tfhd.PayloadLength);
                if (payload.Length < 4 || (payload[3] & 1) == 0)
                {
                    continue;
                }

                if (payload.Length < 16)
                {
                    throw new ContainerFormatException("'tfhd' flags a base data offset it has no room for", tfhd.Offset);
                }

                var field = payload.Slice(8, 8);
                BinaryPrimitives.WriteUInt64BigEndian(field, (ulong)map.Map(ToLong(BinaryPrimitives.ReadUInt64BigEndian(field))));
            }
        }
    }

    /// <summary>Patches the tfra tables of a whole mfra box held in <paramref name="mfra"/>.</summary>
    public static void PatchMfra(Span<byte> mfra, long oldOffset, OffsetMap map)
    {
        foreach (var tfra in Children(mfra, oldOffset, BoxTypes.Tfra))
        {
            var payload = mfra.Slice((int)(tfra.PayloadOffset - oldOffset), (int)tfra.PayloadLength);
            if (payload.Length < 16)
            {
                throw new ContainerFormatException("'tfra' box is too short", tfra.Offset);
            }

            var wide = payload[0] == 1;
            var sizes = BinaryPrimitives.ReadUInt32BigEndian(payload[8..]);
            var entryLength = (wide ? 16 : 8) + (int)((sizes >> 4) & 3) + (int)((sizes >> 2) & 3) + (int)(sizes & 3) + 3;
            var count = BinaryPrimitives.ReadUInt32BigEndian(payload[12..]);
            if (count > (ulong)(payload.Length - 16) / (ulong)entryLength)
            {
                throw new ContainerFormatException($"'tfra' box claims {count} entries but holds fewer", tfra.Offset);
            }

            for (var i = 0; i < count; i++)
            {
                var entry = payload.Slice(16 + i * entryLength, entryLength);
                if (wide)
                {
                    var field = entry.Slice(8, 8);
                    BinaryPrimitives.WriteUInt64BigEndian(field, (ulong)map.Map(ToLong(BinaryPrimitives.ReadUInt64BigEndian(field))));
                }
                else
                {
                    var field = entry.Slice(4, 4);
                    var moved = map.Map(BinaryPrimitives.ReadUInt32BigEndian(field));
                    if (moved > uint.MaxValue)
                    {
                        throw new LabelingException(ProblemCodes.Unsupported, "a 32-bit 'tfra' moof offset would pass 4 GiB; this file cannot be relabeled by copying");
                    }

                    BinaryPrimitives.WriteUInt32BigEndian(field, (uint)moved);
                }
            }
        }
    }

    /// <summary>Patches a sidx box's first_offset so it still points at the same (moved) data.</summary>
    public static void PatchSidx(Span<byte> sidx, long oldOffset, long newOffset, OffsetMap map)
    {
        var header = BoxHeader.Parse(sidx, oldOffset);
        var payload = sidx[header.HeaderLength..];
        var wide = payload.Length >= 1 && payload[0] == 1;
        var fieldAt = wide ? 20 : 16; // version/flags, reference_ID, timescale, earliest_presentation_time
        var width = wide ? 8 : 4;
        if (payload.Length < fieldAt + width)
        {
            throw new ContainerFormatException("'sidx' box is too short", oldOffset);
        }

        var field = payload.Slice(fieldAt, width);
        var first = wide ? ToLong(BinaryPrimitives.ReadUInt64BigEndian(field)) : BinaryPrimitives.ReadUInt32BigEndian(field);
        var target = map.Map(oldOffset + sidx.Length + first);
        var moved = target - (newOffset + sidx.Length);
        if (moved < 0 || (!wide && moved > uint.MaxValue))
        {
            throw new LabelingException(ProblemCodes.Unsupported, "the 'sidx' first_offset cannot express where its segments moved");
        }

        if (wide)
        {
            BinaryPrimitives.WriteUInt64BigEndian(field, (ulong)moved);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(field, (uint)moved);
        }
    }

    private static long ToLong(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;

    /// <summary>Child headers of type <paramref name="code"/> of the box in <paramref name="box"/> (which lies at <paramref name="offset"/>).</summary>
    private static List<BoxHeader> Children(ReadOnlySpan<byte> box, long offset, uint code)
    {
        var header = BoxHeader.Parse(box, offset);
        var result = new List<BoxHeader>();
        var at = header.HeaderLength;
        while (box.Length - at >= 8)
        {
            var child = BoxHeader.Parse(box[at..], offset + at);
            if (child.Code == code)
            {
                result.Add(child);
            }

            at += (int)child.Size;
        }

        return result;
    }
}
