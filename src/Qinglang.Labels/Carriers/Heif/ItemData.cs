using Qinglang.Labels.Carriers.IsoBmff;
using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Heif;

/// <summary>Resolves an item's iloc extents to byte ranges and reads them, checking every range against its container.</summary>
internal static class ItemData
{
    /// <summary>
    /// The item's extents as ranges: file positions for construction method 0, positions in the idat data for 1.
    /// <paramref name="containerLength"/> is the file length or the idat data length; an extent length of 0 runs to it.
    /// </summary>
    public static List<ByteRange> Ranges(ItemLocation location, long containerLength)
    {
        var ranges = new List<ByteRange>(location.Extents.Count);
        foreach (var extent in location.Extents)
        {
            var start = location.BaseOffset + extent.Offset;
            if (start < location.BaseOffset || start > (ulong)containerLength)
            {
                throw new ContainerFormatException($"item {location.ItemId} has an extent at {start}, outside its {containerLength}-byte container");
            }

            var length = extent.Length == 0 ? (ulong)containerLength - start : extent.Length;
            if (length > (ulong)containerLength - start)
            {
                throw new ContainerFormatException($"item {location.ItemId} has an extent of {length} bytes at {start}, past the end of its {containerLength}-byte container");
            }

            ranges.Add(new ByteRange((long)start, (long)length));
        }

        return ranges;
    }

    /// <summary>Reads a local item stored by construction method 0 or 1, refusing more than <paramref name="max"/> bytes.</summary>
    public static byte[] Read(Stream input, HeifMeta meta, ItemLocation location, int max)
    {
        if (!location.IsLocal)
        {
            throw new ContainerFormatException($"item {location.ItemId} is stored in another file (data reference {location.DataReferenceIndex})");
        }

        var ranges = location.ConstructionMethod switch
        {
            0 => Ranges(location, input.Length),
            1 => Ranges(location, meta.Idat?.PayloadLength ?? throw new ContainerFormatException($"item {location.ItemId} is stored in an idat box that is missing")),
            _ => throw new ContainerFormatException($"item {location.ItemId} uses construction method {location.ConstructionMethod}, which is not read here"),
        };
        var total = ranges.Sum(r => r.Length);
        if (total > max)
        {
            throw new ContainerFormatException($"item {location.ItemId} is {total} bytes, more than the {max} this reader accepts");
        }

        var data = new byte[total];
        var at = 0;
        foreach (var range in ranges)
        {
            if (location.ConstructionMethod == 0)
            {
                input.Position = range.Start;
                input.ReadFully(data.AsSpan(at, (int)range.Length), $"item {location.ItemId}");
            }
            else
            {
                meta.Bytes.AsSpan((int)(meta.Idat!.Value.PayloadOffset + range.Start), (int)range.Length).CopyTo(data.AsSpan(at));
            }

            at += (int)range.Length;
        }

        return data;
    }
}
