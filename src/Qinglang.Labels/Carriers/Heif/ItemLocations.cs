using Qinglang.Labels.Carriers.IsoBmff;

namespace Qinglang.Labels.Carriers.Heif;

/// <summary>One extent of an item: <see cref="Offset"/> is relative to the item's base offset; length 0 means "to the end".</summary>
internal sealed record ItemExtent(ulong Index, ulong Offset, ulong Length);

/// <summary>One iloc entry. Construction method 0 = file offsets, 1 = offsets into the meta box's idat, 2 = item offsets.</summary>
internal sealed record ItemLocation(uint ItemId, int ConstructionMethod, int DataReferenceIndex, ulong BaseOffset, IReadOnlyList<ItemExtent> Extents)
{
    /// <summary>True when the item's bytes are in this file (not in an external data reference).</summary>
    public bool IsLocal => DataReferenceIndex == 0;
}

/// <summary>
/// The item location box 'iloc' (ISO/IEC 14496-12 §8.11.3): parsed completely and written back with the smallest
/// field sizes that hold every value, never smaller than the file's own (so an unchanged box keeps its bytes).
/// </summary>
internal sealed class ItemLocations
{
    private const int MaxItems = 1 << 20;

    public int Version { get; private set; }

    public int OffsetSize { get; private set; }

    public int LengthSize { get; private set; }

    public int BaseOffsetSize { get; private set; }

    public int IndexSize { get; private set; }

    public List<ItemLocation> Items { get; } = [];

    public static ItemLocations Parse(byte[] box, BoxHeader header)
    {
        var reader = new BoxReader(box, (int)header.PayloadOffset, (int)header.End, "iloc box");
        var version = reader.U8();
        reader.U8();
        reader.U16(); // flags
        if (version > 2)
        {
            throw new ContainerFormatException($"iloc version {version} is not defined", header.Offset);
        }

        var sizes = reader.U16();
        var result = new ItemLocations
        {
            Version = version,
            OffsetSize = sizes >> 12,
            LengthSize = (sizes >> 8) & 0xF,
            BaseOffsetSize = (sizes >> 4) & 0xF,
            IndexSize = version is 1 or 2 ? sizes & 0xF : 0,
        };
        foreach (var size in new[] { result.OffsetSize, result.LengthSize, result.BaseOffsetSize, result.IndexSize })
        {
            if (size is not (0 or 4 or 8))
            {
                throw new ContainerFormatException($"iloc field size {size} is not 0, 4 or 8", header.Offset);
            }
        }

        var count = version < 2 ? reader.U16() : reader.U32();
        if (count > MaxItems)
        {
            throw new ContainerFormatException($"iloc claims {count} items", header.Offset);
        }

        for (var i = 0u; i < count; i++)
        {
            var id = version < 2 ? reader.U16() : reader.U32();
            var method = version is 1 or 2 ? reader.U16() & 0xF : 0;
            var dataReference = reader.U16();
            var baseOffset = reader.Sized(result.BaseOffsetSize);
            var extentCount = reader.U16();
            var extents = new List<ItemExtent>(Math.Min((int)extentCount, reader.Remaining));
            for (var e = 0; e < extentCount; e++)
            {
                var index = version is 1 or 2 ? reader.Sized(result.IndexSize) : 0;
                extents.Add(new ItemExtent(index, reader.Sized(result.OffsetSize), reader.Sized(result.LengthSize)));
            }

            result.Items.Add(new ItemLocation(id, method, dataReference, baseOffset, extents));
        }

        return result;
    }

    public ItemLocation? Find(uint itemId) => Items.FirstOrDefault(i => i.ItemId == itemId);

    /// <summary>Replaces the entry of an item, or adds one.</summary>
    public void Set(ItemLocation location)
    {
        var at = Items.FindIndex(i => i.ItemId == location.ItemId);
        if (at >= 0)
        {
            Items[at] = location;
        }
        else
        {
            Items.Add(location);
        }
    }

    /// <summary>The box, with the version and field sizes raised as far as the entries need.</summary>
    public byte[] ToBox()
    {
        var version = Version;
        if (version == 0 && Items.Any(i => i.ConstructionMethod != 0))
        {
            version = 1;
        }

        if (Items.Any(i => i.ItemId > ushort.MaxValue) || Items.Count > ushort.MaxValue)
        {
            version = 2;
        }

        var offsetSize = Fit(OffsetSize, Items.SelectMany(i => i.Extents).Select(e => e.Offset));
        var lengthSize = Fit(LengthSize, Items.SelectMany(i => i.Extents).Select(e => e.Length));
        var baseOffsetSize = Fit(BaseOffsetSize, Items.Select(i => i.BaseOffset));
        var indexSize = version is 1 or 2 ? Fit(IndexSize, Items.SelectMany(i => i.Extents).Select(e => e.Index)) : 0;

        var writer = new BoxWriter().FullBoxHeader(version, 0)
            .U8((offsetSize << 4) | lengthSize)
            .U8((baseOffsetSize << 4) | indexSize);
        if (version < 2)
        {
            writer.U16(Items.Count);
        }
        else
        {
            writer.U32(Items.Count);
        }

        foreach (var item in Items)
        {
            if (version < 2)
            {
                writer.U16((int)item.ItemId);
            }
            else
            {
                writer.U32(item.ItemId);
            }

            if (version is 1 or 2)
            {
                writer.U16(item.ConstructionMethod);
            }

            writer.U16(item.DataReferenceIndex).Sized(baseOffsetSize, item.BaseOffset).U16(item.Extents.Count);
            foreach (var extent in item.Extents)
            {
                if (version is 1 or 2)
                {
                    writer.Sized(indexSize, extent.Index);
                }

                writer.Sized(offsetSize, extent.Offset).Sized(lengthSize, extent.Length);
            }
        }

        return writer.ToBox("iloc");
    }

    /// <summary>The smallest of 0, 4, 8 bytes, at least <paramref name="current"/>, that holds every value.</summary>
    private static int Fit(int current, IEnumerable<ulong> values)
    {
        var max = values.DefaultIfEmpty(0ul).Max();
        var needed = max == 0 ? 0 : max <= uint.MaxValue ? 4 : 8;
        return Math.Max(current, needed);
    }
}
