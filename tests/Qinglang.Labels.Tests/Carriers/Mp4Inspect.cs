using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Qinglang.Labels.Carriers.IsoBmff;
using Qinglang.Labels.Tests.Support;

namespace Qinglang.Labels.Tests.Carriers;

/// <summary>Looks inside MP4 files for the MP4 carrier tests: top-level boxes, fragment offsets, chunk-offset tables.</summary>
internal static class Mp4Inspect
{
    public static Dictionary<string, string> FormatTags(string path)
    {
        using var document = JsonDocument.Parse(Independent.FfprobeTags(path));
        return document.RootElement.GetProperty("format").GetProperty("tags").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    public sealed record Box(string Type, long Offset, long Size);

    public static List<Box> TopBoxes(string path)
    {
        using var stream = File.OpenRead(path);
        return TopLevelBoxes.Read(stream).Boxes.Select(b => new Box(b.Type, b.Offset, b.Size)).ToList();
    }

    public static List<string> Order(string path) => TopBoxes(path).Select(b => b.Type).ToList();

    public static long MdatOffset(string path) => TopBoxes(path).First(b => b.Type == "mdat").Offset;

    /// <summary>(moof offset, tfhd base_data_offset) for every track fragment that carries an explicit base.</summary>
    public static List<(long Moof, long Base)> ExplicitBaseOffsets(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var result = new List<(long, long)>();
        foreach (var moof in TopBoxes(path).Where(b => b.Type == "moof"))
        {
            var span = bytes.AsSpan((int)moof.Offset, (int)moof.Size);
            for (var at = span.IndexOf("tfhd"u8); at >= 0 && at + 20 <= span.Length; at = NextIndex(span, "tfhd"u8, at))
            {
                if ((span[at + 7] & 1) != 0)
                {
                    result.Add((moof.Offset, (long)BinaryPrimitives.ReadUInt64BigEndian(span[(at + 12)..])));
                }
            }
        }

        return result;
    }

    public static List<long> TfraMoofOffsets(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var mfra = TopBoxes(path).Single(b => b.Type == "mfra");
        var span = bytes.AsSpan((int)mfra.Offset, (int)mfra.Size);
        var result = new List<long>();
        for (var at = span.IndexOf("tfra"u8); at >= 0; at = NextIndex(span, "tfra"u8, at))
        {
            var payload = span[(at + 4)..];
            var wide = payload[0] == 1;
            var sizes = BinaryPrimitives.ReadUInt32BigEndian(payload[8..]);
            var entry = (wide ? 16 : 8) + (int)((sizes >> 4) & 3) + (int)((sizes >> 2) & 3) + (int)(sizes & 3) + 3;
            var count = BinaryPrimitives.ReadUInt32BigEndian(payload[12..]);
            for (var i = 0; i < count; i++)
            {
                var e = payload[(16 + i * entry)..];
                result.Add(wide ? (long)BinaryPrimitives.ReadUInt64BigEndian(e[8..]) : BinaryPrimitives.ReadUInt32BigEndian(e[4..]));
            }
        }

        return result;
    }

    public static int NextIndex(ReadOnlySpan<byte> span, ReadOnlySpan<byte> value, int after)
    {
        var next = span[(after + 1)..].IndexOf(value);
        return next < 0 ? -1 : after + 1 + next;
    }

    public static IEnumerable<Mp4Box> Descendants(Mp4Box box) => [box, .. (box.Children ?? []).SelectMany(Descendants)];

    public static List<long> StcoOffsets(Mp4Box moov) =>
        moov.Children!.Where(c => c.Type == "trak").SelectMany(Descendants).Where(b => b.Type == "stco").SelectMany(b => ReadOffsets(b.Payload, 4)).ToList();

    public static IEnumerable<long> ReadOffsets(byte[] payload, int width)
    {
        var count = BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(4));
        for (var i = 0; i < count; i++)
        {
            yield return width == 8 ? (long)BinaryPrimitives.ReadUInt64BigEndian(payload.AsSpan(8 + i * 8)) : BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(8 + i * 4));
        }
    }

    /// <summary>
    /// Rewrites a moov-first file's 32-bit 'stco' tables as 64-bit 'co64' (ISO/IEC 14496-12 §8.7.5), as muxers do for
    /// files past 4 GiB: the moov grows by 4 bytes per chunk, so every offset grows by the same amount.
    /// </summary>
    public static void ConvertChunkOffsetsTo64Bit(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Mp4Box moov;
        Box header;
        using (var stream = new MemoryStream(bytes))
        {
            var top = TopLevelBoxes.Read(stream);
            var (h, tree, _) = top.LoadMoov(stream);
            (moov, header) = (tree, new Box(h.Type, h.Offset, h.Size));
        }

        var stcos = moov.Children!.Where(c => c.Type == "trak").SelectMany(Descendants).Where(b => b.Type == "stco").ToList();
        var growth = stcos.Sum(b => ReadOffsets(b.Payload, 4).Count() * 4L);
        foreach (var stco in stcos)
        {
            var offsets = ReadOffsets(stco.Payload, 4).ToList();
            var payload = new byte[8 + offsets.Count * 8];
            BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(4), (uint)offsets.Count);
            for (var i = 0; i < offsets.Count; i++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(payload.AsSpan(8 + i * 8), (ulong)(offsets[i] + growth));
            }

            stco.Code = BoxHeader.Code4("co64");
            stco.Payload = payload;
        }

        File.WriteAllBytes(path, [.. bytes[..(int)header.Offset], .. moov.ToArray(), .. bytes[(int)(header.Offset + header.Size)..]]);
        Assert.Contains("co64", Encoding.Latin1.GetString(File.ReadAllBytes(path)));
    }

    /// <summary>
    /// Puts a free box of <paramref name="size"/> bytes right after moov/udta of a moov-first file, as some muxers
    /// reserve room for metadata, moving every chunk offset by the same amount.
    /// </summary>
    public static void InsertFreeAfterUdta(string path, int size)
    {
        var bytes = File.ReadAllBytes(path);
        Mp4Box moov;
        Box header;
        using (var stream = new MemoryStream(bytes))
        {
            var (h, tree, _) = TopLevelBoxes.Read(stream).LoadMoov(stream);
            (moov, header) = (tree, new Box(h.Type, h.Offset, h.Size));
        }

        var udta = moov.Children!.FindIndex(c => c.Type == "udta");
        Assert.True(udta >= 0);
        moov.Children.Insert(udta + 1, Mp4Box.Leaf(BoxHeader.Code4("free"), new byte[size - 8]));
        foreach (var stco in moov.Children.Where(c => c.Type == "trak").SelectMany(Descendants).Where(b => b.Type == "stco"))
        {
            var count = BinaryPrimitives.ReadUInt32BigEndian(stco.Payload.AsSpan(4));
            for (var i = 0; i < count; i++)
            {
                var at = stco.Payload.AsSpan(8 + i * 4);
                BinaryPrimitives.WriteUInt32BigEndian(at, BinaryPrimitives.ReadUInt32BigEndian(at) + (uint)size);
            }
        }

        File.WriteAllBytes(path, [.. bytes[..(int)header.Offset], .. moov.ToArray(), .. bytes[(int)(header.Offset + header.Size)..]]);
    }

    /// <summary>Replaces moov/udta of a moov-last file with one holding an mdta meta of the given keys and values.</summary>
    public static void ReplaceKeysMeta(string path, params (string Key, string Value)[] entries)
    {
        var bytes = File.ReadAllBytes(path);
        Mp4Box moov;
        Box header;
        using (var stream = new MemoryStream(bytes))
        {
            var (h, tree, _) = TopLevelBoxes.Read(stream).LoadMoov(stream);
            (moov, header) = (tree, new Box(h.Type, h.Offset, h.Size));
        }

        Assert.Equal(bytes.Length, header.Offset + header.Size); // moov last: no chunk offset moves
        var meta = MetadataKeys.NewMeta();
        meta.Children![1].Payload = MetadataKeys.Build(new byte[4], [.. entries.Select(e => new MetadataKeys.Key(BoxHeader.Code4("mdta"), Encoding.UTF8.GetBytes(e.Key)))]);
        meta.Children[2].Children!.AddRange(entries.Select((e, i) => MetadataKeys.Item((uint)(i + 1), e.Value)));
        moov.Children!.RemoveAll(c => c.Type == "udta");
        moov.Children.Add(Mp4Box.Container(BoxHeader.Code4("udta"), [], meta));
        File.WriteAllBytes(path, [.. bytes[..(int)header.Offset], .. moov.ToArray()]);
    }
}
