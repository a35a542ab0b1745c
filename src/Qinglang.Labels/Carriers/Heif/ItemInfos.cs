using Qinglang.Labels.Carriers.IsoBmff;

namespace Qinglang.Labels.Carriers.Heif;

/// <summary>One item info entry 'infe': its id, type and (for MIME items) content type and encoding.</summary>
internal sealed record ItemInfo(uint ItemId, string ItemType, string ContentType, string ContentEncoding, bool Hidden)
{
    /// <summary>An XMP item: a MIME item of type application/rdf+xml (ISO/IEC 23008-12 §A.2.2).</summary>
    public bool IsXmp
    {
        get
        {
            var mime = ContentType.Split(';')[0].Trim();
            return ItemType == "mime" && mime.Equals(XmpContentType, StringComparison.OrdinalIgnoreCase);
        }
    }

    public const string XmpContentType = "application/rdf+xml";
}

/// <summary>
/// The item information box 'iinf' (ISO/IEC 14496-12 §8.11.6). Entries are parsed for reading; writing keeps every
/// existing entry's bytes and appends new ones.
/// </summary>
internal sealed class ItemInfos
{
    private readonly List<byte[]> _rawEntries = [];
    private readonly List<int> _rawIndexOfEntry = [];
    private int _version;

    public List<ItemInfo> Entries { get; } = [];

    public static ItemInfos Parse(byte[] box, BoxHeader header)
    {
        var reader = new BoxReader(box, (int)header.PayloadOffset, (int)header.End, "iinf box");
        var result = new ItemInfos { _version = reader.U8() };
        reader.U8();
        reader.U16();
        var count = result._version == 0 ? reader.U16() : reader.U32();
        var children = BoxHeader.ParseAll(box, reader.Position, (int)header.End);
        if (children.Count < count)
        {
            throw new ContainerFormatException($"iinf claims {count} entries but holds {children.Count} boxes", header.Offset);
        }

        foreach (var child in children)
        {
            result._rawEntries.Add(box.AsSpan((int)child.Offset, (int)child.Size).ToArray());
            if (child.Type == "infe")
            {
                result._rawIndexOfEntry.Add(result._rawEntries.Count - 1);
                result.Entries.Add(ParseEntry(box, child));
            }
        }

        return result;
    }

    /// <summary>Appends an XMP entry (infe version 2, or 3 for ids beyond 16 bits).</summary>
    public void AddXmp(uint itemId)
    {
        _rawIndexOfEntry.Add(_rawEntries.Count);
        _rawEntries.Add(PlainXmpEntry(itemId));
        Entries.Add(new ItemInfo(itemId, "mime", ItemInfo.XmpContentType, "", Hidden: false));
    }

    /// <summary>Replaces an item's entry with a plain (not content-encoded) XMP entry, as its bytes are rewritten plain.</summary>
    public void MakePlainXmp(uint itemId)
    {
        var at = Entries.FindIndex(e => e.ItemId == itemId);
        if (at >= 0)
        {
            _rawEntries[_rawIndexOfEntry[at]] = PlainXmpEntry(itemId);
            Entries[at] = Entries[at] with { ContentEncoding = "" };
        }
    }

    private static byte[] PlainXmpEntry(uint itemId)
    {
        var wide = itemId > ushort.MaxValue;
        var writer = new BoxWriter().FullBoxHeader(wide ? 3 : 2, 0);
        if (wide)
        {
            writer.U32(itemId);
        }
        else
        {
            writer.U16((int)itemId);
        }

        return writer.U16(0).Ascii("mime").CString("").CString(ItemInfo.XmpContentType).ToBox("infe");
    }

    public byte[] ToBox()
    {
        var version = _version == 0 && _rawEntries.Count > ushort.MaxValue ? 1 : _version;
        var writer = new BoxWriter().FullBoxHeader(version, 0);
        if (version == 0)
        {
            writer.U16(_rawEntries.Count);
        }
        else
        {
            writer.U32(_rawEntries.Count);
        }

        foreach (var entry in _rawEntries)
        {
            writer.Bytes(entry);
        }

        return writer.ToBox("iinf");
    }

    private static ItemInfo ParseEntry(byte[] box, BoxHeader header)
    {
        var reader = new BoxReader(box, (int)header.PayloadOffset, (int)header.End, "infe box");
        var version = reader.U8();
        reader.U8();
        var flags = reader.U16();
        if (version < 2)
        {
            // Versions 0 and 1 have no item type: the content type alone says what the item is.
            var id = reader.U16();
            reader.U16(); // protection index
            reader.CString(); // name
            var contentType = reader.Remaining > 0 ? reader.CString() : "";
            var encoding = reader.Remaining > 0 ? reader.CString() : "";
            return new ItemInfo(id, contentType.Length > 0 ? "mime" : "", contentType, encoding, Hidden: false);
        }

        var itemId = version == 2 ? reader.U16() : reader.U32();
        reader.U16(); // protection index
        var type = reader.FourCc();
        reader.CString(); // name
        var content = "";
        var contentEncoding = "";
        if (type == "mime")
        {
            content = reader.Remaining > 0 ? reader.CString() : "";
            contentEncoding = reader.Remaining > 0 ? reader.CString() : "";
        }

        return new ItemInfo(itemId, type, content, contentEncoding, Hidden: (flags & 1) != 0);
    }
}
