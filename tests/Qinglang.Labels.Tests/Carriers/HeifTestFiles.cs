using System.Buffers.Binary;
using System.Text;
using Qinglang.Labels.Carriers.Heif;
using Qinglang.Labels.Carriers.IsoBmff;

namespace Qinglang.Labels.Tests.Carriers;

/// <summary>Byte-level edits that turn tool-made HEIF files into the layouts other writers produce.</summary>
internal static class HeifTestFiles
{
    /// <summary>The XMP packet of a PNG's iTXt XML:com.adobe.xmp chunk.</summary>
    public static byte[] ReadPngXmp(string png)
    {
        using var stream = File.OpenRead(png);
        foreach (var chunk in Labels.Carriers.Png.PngCarrier.Chunks(stream))
        {
            if (chunk.Type == "iTXt")
            {
                stream.Position = chunk.DataOffset;
                var data = new byte[chunk.Length];
                stream.ReadExactly(data);
                return Encoding.UTF8.GetBytes(Labels.Carriers.Png.PngTextChunk.Text("iTXt", data));
            }
        }

        throw new InvalidOperationException("no XMP chunk");
    }

    /// <summary>
    /// Rewrites an exiftool-made HEIC so its XMP item holds <paramref name="packet"/> in the meta box's idat
    /// (construction method 1): idat grows, and the other items' base offsets move by the meta box's growth
    /// (ISO/IEC 14496-12 §8.11.3). exiftool's old packet stays in mdat as unreferenced bytes.
    /// </summary>
    public static void MoveXmpIntoIdat(string path, byte[] packet)
    {
        var bytes = File.ReadAllBytes(path);
        using var stream = new MemoryStream(bytes);
        var file = HeifFile.Open(stream);
        var meta = file.Meta!;
        var xmp = Assert.Single(file.XmpItems());
        var idat = meta.Idat!.Value;
        var oldIdatData = meta.Bytes.AsSpan((int)idat.PayloadOffset, (int)idat.PayloadLength).ToArray();
        var newIdat = BoxWriter.Box("idat", [.. oldIdatData, .. packet]);
        var growth = 0L;
        for (var round = 0; round < 3; round++)
        {
            var locations = meta.CopyLocations();
            foreach (var item in locations.Items.ToList())
            {
                if (item.ItemId == xmp.Info.ItemId)
                {
                    locations.Set(item with { ConstructionMethod = 1, BaseOffset = 0, Extents = [new ItemExtent(0, (ulong)oldIdatData.Length, (ulong)packet.Length)] });
                }
                else if (item.ConstructionMethod == 0)
                {
                    Assert.NotEqual(0ul, item.BaseOffset); // exiftool locates items by base offset
                    locations.Set(item with { BaseOffset = item.BaseOffset + (ulong)growth });
                }
            }

            var body = RebuildMeta(meta, locations.ToBox(), newIdat);
            growth = body.Length - meta.Box.Size;
            if (round == 2)
            {
                File.WriteAllBytes(path, [.. bytes.AsSpan(0, (int)meta.Box.Offset), .. body, .. bytes.AsSpan((int)meta.Box.End)]);
            }
        }
    }

    /// <summary>
    /// Moves the meta box behind every other box (a layout some writers use: ftyp, mdat, meta), moving the items'
    /// file offsets back by the meta box's size.
    /// </summary>
    public static void MoveMetaToEnd(string path)
    {
        var bytes = File.ReadAllBytes(path);
        using var stream = new MemoryStream(bytes);
        var meta = HeifFile.Open(stream).Meta!;
        var locations = meta.CopyLocations();
        foreach (var item in locations.Items.Where(i => i.ConstructionMethod == 0).ToList())
        {
            Assert.True(item.BaseOffset >= (ulong)meta.Box.End, "expected the items' data after meta");
            locations.Set(item with { BaseOffset = item.BaseOffset - (ulong)meta.Box.Size });
        }

        var body = RebuildMeta(meta, locations.ToBox(), null);
        Assert.Equal(meta.Box.Size, body.Length);
        File.WriteAllBytes(path, [.. bytes.AsSpan(0, (int)meta.Box.Offset), .. bytes.AsSpan((int)meta.Box.End), .. body]);
    }

    private static byte[] RebuildMeta(HeifMeta meta, byte[] iloc, byte[]? idat)
    {
        var body = new BoxWriter().Bytes(meta.Bytes.AsSpan(meta.Box.HeaderLength, 4));
        foreach (var child in meta.Children)
        {
            body.Bytes(child.Type switch
            {
                "iloc" => iloc,
                "idat" when idat is not null => idat,
                _ => meta.Bytes.AsSpan((int)child.Offset, (int)child.Size),
            });
        }

        return body.ToBox("meta");
    }

    public static int LastTopLevelBox(byte[] bytes)
    {
        var at = 0;
        while (true)
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
            if (at + size >= bytes.Length)
            {
                return at;
            }

            at += size;
        }
    }

    /// <summary>Where, inside the meta box, the first item's first extent_length field is (iloc layout, ISO/IEC 14496-12 §8.11.3).</summary>
    public static long FirstExtentLengthOffset(byte[] meta, BoxHeader iloc, ItemLocations locations)
    {
        var version = meta[iloc.PayloadOffset];
        var at = iloc.PayloadOffset + 4 + 2 + (version < 2 ? 2 : 4); // version/flags, sizes, item count
        at += version < 2 ? 2 : 4; // item id
        at += version is 1 or 2 ? 2 : 0; // construction method
        at += 2 + locations.BaseOffsetSize + 2; // data reference index, base offset, extent count
        at += (version is 1 or 2 ? locations.IndexSize : 0) + locations.OffsetSize;
        return at;
    }
}
