using Qinglang.Labels.Carriers.IsoBmff;

namespace Qinglang.Labels.Carriers.Heif;

/// <summary>One SingleItemTypeReferenceBox: <paramref name="Type"/> (cdsc, dimg, thmb, …) from one item to others.</summary>
internal sealed record ItemReference(string Type, uint FromId, IReadOnlyList<uint> ToIds);

/// <summary>The item reference box 'iref' (ISO/IEC 14496-12 §8.11.12): version 0 has 16-bit item ids, version 1 32-bit.</summary>
internal sealed class ItemReferences
{
    private int _version;

    public List<ItemReference> References { get; } = [];

    public static ItemReferences Empty() => new();

    public static ItemReferences Parse(byte[] box, BoxHeader header)
    {
        var reader = new BoxReader(box, (int)header.PayloadOffset, (int)header.End, "iref box");
        var result = new ItemReferences { _version = reader.U8() };
        reader.U8();
        reader.U16();
        if (result._version > 1)
        {
            throw new ContainerFormatException($"iref version {result._version} is not defined", header.Offset);
        }

        foreach (var child in BoxHeader.ParseAll(box, reader.Position, (int)header.End))
        {
            var entry = new BoxReader(box, (int)child.PayloadOffset, (int)child.End, $"iref '{child.Type}' box");
            var from = result._version == 0 ? entry.U16() : entry.U32();
            var count = entry.U16();
            var to = new List<uint>(Math.Min((int)count, entry.Remaining));
            for (var i = 0; i < count; i++)
            {
                to.Add(result._version == 0 ? entry.U16() : entry.U32());
            }

            result.References.Add(new ItemReference(child.Type, from, to));
        }

        return result;
    }

    public byte[] ToBox()
    {
        var version = _version == 0 && References.Any(r => r.FromId > ushort.MaxValue || r.ToIds.Any(t => t > ushort.MaxValue)) ? 1 : _version;
        var writer = new BoxWriter().FullBoxHeader(version, 0);
        foreach (var reference in References)
        {
            var entry = new BoxWriter();
            if (version == 0)
            {
                entry.U16((int)reference.FromId).U16(reference.ToIds.Count);
                foreach (var to in reference.ToIds)
                {
                    entry.U16((int)to);
                }
            }
            else
            {
                entry.U32(reference.FromId).U16(reference.ToIds.Count);
                foreach (var to in reference.ToIds)
                {
                    entry.U32(to);
                }
            }

            writer.Bytes(entry.ToBox(reference.Type));
        }

        return writer.ToBox("iref");
    }
}
