using System.Buffers.Binary;
using System.Text;

namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// QuickTime metadata: the 'keys' box (a full box: entry count, then entries of size, namespace and name) whose
/// 1-based entry index is the type of the matching 'ilst' item; item values live in 'data' boxes (type 1 = UTF-8).
/// </summary>
internal static class MetadataKeys
{
    public const string LabelKey = "AIGC";

    public sealed record Key(uint Namespace, byte[] Name)
    {
        public string Text => Encoding.UTF8.GetString(Name);

        public bool IsLabel => Text.Equals(LabelKey, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The handler type of a meta box ('mdta', 'mdir', …), or 0 when it has no readable hdlr.</summary>
    public static uint Handler(Mp4Box meta)
    {
        var hdlr = meta.Child(BoxTypes.Hdlr);
        return hdlr is { Children: null, Payload.Length: >= 12 } ? BinaryPrimitives.ReadUInt32BigEndian(hdlr.Payload.AsSpan(8)) : 0;
    }

    public static List<Key> Parse(Mp4Box keys)
    {
        var payload = keys.Payload.AsSpan();
        if (keys.Children is not null || payload.Length < 8)
        {
            throw new ContainerFormatException("'keys' box is too short", keys.SourceOffset);
        }

        var count = BinaryPrimitives.ReadUInt32BigEndian(payload[4..]);
        if (count > (payload.Length - 8) / 8)
        {
            throw new ContainerFormatException($"'keys' box claims {count} entries but has room for fewer", keys.SourceOffset);
        }

        var result = new List<Key>((int)count);
        var at = 8;
        for (var i = 0; i < count; i++)
        {
            if (payload.Length - at < 8)
            {
                throw new ContainerFormatException("'keys' box ends inside an entry", keys.SourceOffset);
            }

            var size = BinaryPrimitives.ReadUInt32BigEndian(payload[at..]);
            if (size < 8 || size > payload.Length - at)
            {
                throw new ContainerFormatException($"'keys' entry {i + 1} has an impossible size {size}", keys.SourceOffset);
            }

            result.Add(new Key(BinaryPrimitives.ReadUInt32BigEndian(payload[(at + 4)..]), payload[(at + 8)..(at + (int)size)].ToArray()));
            at += (int)size;
        }

        return result;
    }

    /// <summary>Builds a keys payload with the version/flags of <paramref name="versionAndFlags"/>.</summary>
    public static byte[] Build(ReadOnlySpan<byte> versionAndFlags, IReadOnlyList<Key> keys)
    {
        var bytes = new byte[8 + keys.Sum(k => 8 + k.Name.Length)];
        versionAndFlags[..4].CopyTo(bytes);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), (uint)keys.Count);
        var at = 8;
        foreach (var key in keys)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), (uint)(8 + key.Name.Length));
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at + 4), key.Namespace);
            key.Name.CopyTo(bytes, at + 8);
            at += 8 + key.Name.Length;
        }

        return bytes;
    }

    /// <summary>The text of an item's first 'data' box, or null when it has none.</summary>
    public static string? Value(Mp4Box item)
    {
        var data = item.Child(BoxTypes.Data);
        if (data is not { Children: null, Payload.Length: >= 8 })
        {
            return null;
        }

        var type = BinaryPrimitives.ReadUInt32BigEndian(data.Payload) & 0xFFFFFF;
        var value = data.Payload.AsSpan(8);
        return type == 2 ? Encoding.BigEndianUnicode.GetString(value) : Encoding.UTF8.GetString(value);
    }

    /// <summary>The name of an iTunes free-form ('----') item, from its 'name' box.</summary>
    public static string? FreeFormName(Mp4Box item)
    {
        var name = item.Child(BoxTypes.Name);
        return name is { Children: null, Payload.Length: >= 4 } ? Encoding.UTF8.GetString(name.Payload.AsSpan(4)) : null;
    }

    /// <summary>An ilst item with one UTF-8 'data' box (type 1, default locale).</summary>
    public static Mp4Box Item(uint index, string value)
    {
        var text = Encoding.UTF8.GetBytes(value);
        var payload = new byte[8 + text.Length];
        BinaryPrimitives.WriteUInt32BigEndian(payload, 1);
        text.CopyTo(payload, 8);
        return Mp4Box.Container(index, [], Mp4Box.Leaf(BoxTypes.Data, payload));
    }

    /// <summary>A new QuickTime-metadata meta box (full box, hdlr 'mdta', empty keys and ilst), as ffmpeg writes it.</summary>
    public static Mp4Box NewMeta()
    {
        var hdlr = new byte[25]; // version/flags, pre_defined, handler type, 3 reserved words, empty name
        BinaryPrimitives.WriteUInt32BigEndian(hdlr.AsSpan(8), BoxTypes.Mdta);
        return Mp4Box.Container(BoxTypes.Meta, new byte[4],
            Mp4Box.Leaf(BoxTypes.Hdlr, hdlr),
            Mp4Box.Leaf(BoxTypes.Keys, Build(new byte[4], [])),
            Mp4Box.Container(BoxTypes.Ilst, []));
    }
}
