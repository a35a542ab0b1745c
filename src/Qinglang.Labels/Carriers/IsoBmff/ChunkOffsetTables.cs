using System.Buffers.Binary;

namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// The absolute file offsets inside a moov: every track's 'stco'/'co64' chunk offsets and sample-table 'saio'
/// auxiliary-information offsets (ISO/IEC 14496-12 §8.7.5, §8.7.9). They are rewritten from their original values
/// whenever the boxes before the media move; a 32-bit table whose offsets would overflow becomes 64-bit.
/// </summary>
internal sealed class ChunkOffsetTables
{
    private sealed class Table(Mp4Box box, byte[] versionAndFlags, byte[] fieldsBeforeCount, ulong[] offsets, bool wide)
    {
        public Mp4Box Box { get; } = box;
        public byte[] VersionAndFlags { get; } = versionAndFlags;
        public byte[] FieldsBeforeCount { get; } = fieldsBeforeCount;
        public ulong[] Offsets { get; } = offsets;
        public bool Wide { get; set; } = wide;

        /// <summary>Where the entries lie in a payload rebuilt at the current width.</summary>
        public OffsetEntries Entries => new(4 + FieldsBeforeCount.Length + 4, Offsets.Length, Wide);
    }

    private readonly List<Table> _tables = [];

    public static ChunkOffsetTables Collect(Mp4Box moov)
    {
        var result = new ChunkOffsetTables();
        foreach (var stbl in SampleTablesInThisFile(moov))
        {
            CollectFrom(stbl, result);
        }

        return result;
    }

    /// <summary>
    /// The sample tables (stbl) of every track whose media lies in this file. A reference movie's track is left out:
    /// its offsets point into another file, which does not move.
    /// </summary>
    public static IEnumerable<Mp4Box> SampleTablesInThisFile(Mp4Box moov) =>
        moov.ChildrenOf(BoxTypes.Trak).SelectMany(t => t.ChildrenOf(BoxTypes.Mdia)).SelectMany(m => m.ChildrenOf(BoxTypes.Minf))
            .Where(DataInThisFile).SelectMany(minf => minf.ChildrenOf(BoxTypes.Stbl));

    private static void CollectFrom(Mp4Box stbl, ChunkOffsetTables result)
    {
        {
            foreach (var box in stbl.Children!)
            {
                if (box.Code == BoxTypes.Stco || box.Code == BoxTypes.Co64)
                {
                    result._tables.Add(ReadTable(box, box.Code == BoxTypes.Co64, extraFields: 0));
                }
                else if (box.Code == BoxTypes.Saio)
                {
                    var payload = box.Payload;
                    if (payload.Length < 4)
                    {
                        throw new ContainerFormatException("'saio' box is too short", box.SourceOffset);
                    }

                    var hasType = (payload[3] & 1) != 0; // flags bit 0: aux_info_type and its parameter follow
                    result._tables.Add(ReadTable(box, payload[0] == 1, extraFields: hasType ? 8 : 0));
                }
            }
        }
    }

    /// <summary>
    /// False when every data reference of the track (minf/dinf/dref: 'url '/'alis' entries) lacks the self-contained
    /// flag (0x000001), i.e. its media lives in another file. Unreadable references count as this file.
    /// </summary>
    private static bool DataInThisFile(Mp4Box minf)
    {
        var dinf = minf.Child(BoxTypes.Dinf);
        if (dinf is not { Children: null, Payload.Length: >= 16 })
        {
            return true;
        }

        var payload = dinf.Payload.AsSpan();
        var dref = BoxHeader.Parse(payload, dinf.SourceOffset);
        if (dref.Code != BoxTypes.Dref || dref.Size < 16)
        {
            return true;
        }

        var entries = payload[(dref.HeaderLength + 8)..(int)dref.Size];
        var count = 0;
        while (entries.Length >= 12)
        {
            var entry = BoxHeader.Parse(entries, dinf.SourceOffset);
            if (entry.Size < entry.HeaderLength + 4)
            {
                return true;
            }

            if ((entries[entry.HeaderLength + 3] & 1) != 0)
            {
                return true;
            }

            count++;
            entries = entries[(int)entry.Size..];
        }

        return count == 0;
    }

    /// <summary>Rewrites every table through <paramref name="map"/>; returns true when a table had to become 64-bit.</summary>
    public bool Apply(OffsetMap map)
    {
        var widened = false;
        foreach (var table in _tables)
        {
            // Always from the original offsets, so a later map replaces an earlier one instead of adding to it.
            var payload = Build(table);
            if (!table.Entries.TryShift(payload, map.Map))
            {
                table.Wide = true;
                widened = true;
                payload = Build(table);
                table.Entries.TryShift(payload, map.Map);
            }

            table.Box.Payload = payload;
            if (table.Wide && table.Box.Code == BoxTypes.Stco)
            {
                table.Box.Code = BoxTypes.Co64;
            }
        }

        return widened;
    }

    private static Table ReadTable(Mp4Box box, bool wide, int extraFields)
    {
        var payload = box.Payload.AsSpan();
        var entries = OffsetEntries.Locate(payload, extraFields, wide, box.Type, box.SourceOffset);

        // Bytes after the entries (there should be none) are dropped when the table is rebuilt.
        return new Table(box, payload[..4].ToArray(), payload[4..(4 + extraFields)].ToArray(), entries.ReadAll(payload), wide);
    }

    /// <summary>The table's payload holding its original offsets, at its current width.</summary>
    private static byte[] Build(Table table)
    {
        var entries = table.Entries;
        var bytes = new byte[entries.EntriesAt + entries.Count * entries.Width];
        table.VersionAndFlags.CopyTo(bytes, 0);
        if (table.Box.Code == BoxTypes.Saio && table.Wide)
        {
            bytes[0] = 1; // saio version 1 carries 64-bit offsets
        }

        table.FieldsBeforeCount.CopyTo(bytes, 4);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(entries.EntriesAt - 4), (uint)entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            entries.Write(bytes, i, table.Offsets[i]);
        }

        return bytes;
    }
}
