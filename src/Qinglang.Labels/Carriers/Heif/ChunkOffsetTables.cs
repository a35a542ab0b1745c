using Qinglang.Labels.Model;
using System.Buffers.Binary;

namespace Qinglang.Labels.Carriers.Heif;

/// <summary>
/// The sample chunk offsets of an image sequence's tracks (moov/trak/mdia/minf/stbl/stco|co64, ISO/IEC 14496-12
/// §8.7.5): absolute file positions that must move when the meta box before them grows.
/// </summary>
internal sealed class ChunkOffsetTables
{
    /// <summary>A moov larger than this is refused (it is metadata; sample tables of a long sequence are megabytes).</summary>
    private const int MaxMoovBytes = 64 << 20;

    private readonly List<(int Position, bool Wide)> _entries = [];

    private ChunkOffsetTables(byte[] moov, HeifBox box)
    {
        Moov = moov;
        Box = box;
    }

    public byte[] Moov { get; }

    public HeifBox Box { get; }

    public IEnumerable<long> Offsets => _entries.Select(e => Value(e.Position, e.Wide));

    /// <summary>The tracks' ids (tkhd): a new item must not reuse one, as items and tracks share entity ids.</summary>
    public List<uint> TrackIds { get; } = [];

    public static ChunkOffsetTables Read(Stream input, HeifBox moov)
    {
        input.Position = moov.Offset;
        var bytes = IO.StreamExtensions.ReadBlock(input, moov.Size, MaxMoovBytes, "moov box");
        var tables = new ChunkOffsetTables(bytes, moov);
        tables.Walk(moov.HeaderLength, bytes.Length, ["trak", "mdia", "minf", "stbl"], 0);
        return tables;
    }

    /// <summary>The moov with every chunk offset moved by <paramref name="map"/>; a 32-bit offset that no longer fits is refused.</summary>
    public byte[] Patched(Func<long, long> map)
    {
        var copy = (byte[])Moov.Clone();
        foreach (var (position, wide) in _entries)
        {
            var moved = map(Value(position, wide));
            if (wide)
            {
                BinaryPrimitives.WriteUInt64BigEndian(copy.AsSpan(position), (ulong)moved);
            }
            else if (moved > uint.MaxValue)
            {
                throw new LabelingException(ProblemCodes.Unsupported, "a track's 32-bit chunk offset would pass 4 GiB after the meta box grows");
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(position), (uint)moved);
            }
        }

        return copy;
    }

    private long Value(int position, bool wide) =>
        wide ? (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(Moov.AsSpan(position)), long.MaxValue) : BinaryPrimitives.ReadUInt32BigEndian(Moov.AsSpan(position));

    private void Walk(int start, int end, string[] path, int depth)
    {
        foreach (var child in HeifBox.Children(Moov, start, end))
        {
            if (depth == 1 && child.Type == "tkhd")
            {
                var reader = new BoxReader(Moov, (int)child.DataOffset, (int)child.End, "tkhd box");
                var timeSize = reader.U8() == 1 ? 8 : 4;
                reader.U8();
                reader.U16(); // flags
                reader.Sized(timeSize); // creation time
                reader.Sized(timeSize); // modification time
                TrackIds.Add(reader.U32());
            }
            else if (depth < path.Length && child.Type == path[depth])
            {
                Walk((int)child.DataOffset, (int)child.End, path, depth + 1);
            }
            else if (depth == path.Length && child.Type is "stco" or "co64")
            {
                var wide = child.Type == "co64";
                var reader = new BoxReader(Moov, (int)child.DataOffset, (int)child.End, $"{child.Type} box");
                reader.U32(); // version and flags
                var count = reader.U32();
                var width = wide ? 8 : 4;
                if ((long)count * width > reader.Remaining)
                {
                    throw new ContainerFormatException($"{child.Type} claims {count} entries but holds {reader.Remaining / width}", Box.Offset + child.Offset);
                }

                for (var i = 0; i < count; i++)
                {
                    _entries.Add((reader.Position + (i * width), wide));
                }
            }
        }
    }
}
