using System.Buffers.Binary;

namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>Where one chunk's bytes lie in the file.</summary>
internal readonly record struct ChunkExtent(long Offset, long Length)
{
    /// <summary>The first byte after the chunk; an offset past any real file saturates rather than wrapping.</summary>
    public long End => Offset > long.MaxValue - Length ? long.MaxValue : Offset + Length;
}

/// <summary>
/// The byte range of every chunk of every track stored in this file: its offset from 'stco'/'co64', its length the sum
/// of its samples' sizes ('stsz' or 'stz2'), which samples it holds from 'stsc' (ISO/IEC 14496-12 §8.7.3-8.7.5).
/// Moving part of the media needs this: a chunk must move whole, with every byte a reader will fetch from it.
/// </summary>
internal static class ChunkExtents
{
    /// <summary>Every chunk's extent, or null when a track's tables are missing, inconsistent or lie about their counts.</summary>
    public static List<ChunkExtent>? Read(Mp4Box moov)
    {
        var chunks = new List<ChunkExtent>();
        try
        {
            foreach (var stbl in ChunkOffsetTables.SampleTablesInThisFile(moov))
            {
                if (!TryAdd(stbl, chunks))
                {
                    return null;
                }
            }
        }
        catch (ContainerFormatException)
        {
            return null; // the copying writer reports what is wrong with the file
        }

        return chunks;
    }

    private static bool TryAdd(Mp4Box stbl, List<ChunkExtent> chunks)
    {
        var offsetTables = stbl.Children!.Where(c => c.Code == BoxTypes.Stco || c.Code == BoxTypes.Co64).ToList();
        if (offsetTables.Count == 0)
        {
            return true; // a track without chunks has no bytes in the file
        }

        var stsc = stbl.Child(BoxTypes.Stsc);
        var sizes = SampleSizes.Of(stbl);
        if (offsetTables.Count > 1 || stsc is null || sizes is null)
        {
            return false;
        }

        var table = offsetTables[0];
        var entries = OffsetEntries.Locate(table.Payload, 0, table.Code == BoxTypes.Co64, table.Type, table.SourceOffset);
        var runs = Runs(stsc.Payload);
        if (runs is null)
        {
            return false;
        }

        long sample = 0;
        var run = 0;
        for (var chunk = 1; chunk <= entries.Count; chunk++)
        {
            while (run + 1 < runs.Count && runs[run + 1].FirstChunk <= chunk)
            {
                run++;
            }

            var perChunk = runs.Count == 0 || runs[run].FirstChunk > chunk ? 0 : runs[run].SamplesPerChunk;
            var length = sizes.Sum(sample, perChunk);
            if (length < 0)
            {
                return false; // more samples in the chunks than in the size table
            }

            chunks.Add(new ChunkExtent(OffsetEntries.AsFilePosition(entries.Read(table.Payload, chunk - 1)), length));
            sample += perChunk;
        }

        return true;
    }

    /// <summary>The 'stsc' runs (first chunk, samples per chunk), or null when the box is malformed.</summary>
    private static List<(long FirstChunk, long SamplesPerChunk)>? Runs(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 8)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadUInt32BigEndian(payload[4..]);
        if (count > (payload.Length - 8) / 12)
        {
            return null;
        }

        var runs = new List<(long, long)>((int)count);
        for (var i = 0; i < count; i++)
        {
            var entry = payload[(8 + i * 12)..];
            long first = BinaryPrimitives.ReadUInt32BigEndian(entry);
            if (first < 1 || (runs.Count > 0 && first <= runs[^1].Item1))
            {
                return null; // runs start at chunk 1 and ascend
            }

            runs.Add((first, BinaryPrimitives.ReadUInt32BigEndian(entry[4..])));
        }

        return runs;
    }
}
