using Qinglang.Labels.Carriers.IsoBmff;
using Qinglang.Labels.Model;

namespace Qinglang.Labels.Carriers.Heif;

/// <summary>
/// The tracks of an image sequence's moov: their ids and their sample chunk offsets (moov/trak/mdia/minf/stbl/stco|co64,
/// ISO/IEC 14496-12 §8.7.5), absolute file positions that must move when the meta box before them grows. The moov is
/// patched in place, never resized, because the new file's layout is fixed before it is written.
/// </summary>
internal sealed class HeifTracks
{
    /// <summary>A moov larger than this is refused (it is metadata; sample tables of a long sequence are megabytes).</summary>
    private const int MaxMoovBytes = 64 << 20;

    private readonly List<(int PayloadAt, int PayloadLength, OffsetEntries Entries)> _tables = [];

    private HeifTracks(byte[] moov, BoxHeader box)
    {
        Moov = moov;
        Box = box;
    }

    public byte[] Moov { get; }

    public BoxHeader Box { get; }

    public IEnumerable<long> Offsets => _tables.SelectMany(t => t.Entries.ReadAll(Moov.AsSpan(t.PayloadAt, t.PayloadLength)).Select(OffsetEntries.AsFilePosition));

    /// <summary>The tracks' ids (tkhd): a new item must not reuse one, as items and tracks share entity ids.</summary>
    public List<uint> TrackIds { get; } = [];

    public static HeifTracks Read(Stream input, BoxHeader moov)
    {
        input.Position = moov.Offset;
        var bytes = IO.StreamExtensions.ReadBlock(input, moov.Size, MaxMoovBytes, "moov box");
        var tracks = new HeifTracks(bytes, moov);
        tracks.Walk(moov.HeaderLength, bytes.Length, ["trak", "mdia", "minf", "stbl"], 0);
        return tracks;
    }

    /// <summary>
    /// The moov with every chunk offset moved by <paramref name="map"/>. A 32-bit offset that no longer fits is refused:
    /// turning stco into co64 would resize the moov, and every position after it has already been laid out.
    /// </summary>
    public byte[] Patched(Func<long, long> map)
    {
        var copy = (byte[])Moov.Clone();
        foreach (var (at, length, entries) in _tables)
        {
            if (!entries.TryShift(copy.AsSpan(at, length), map))
            {
                throw new LabelingException(ProblemCodes.Unsupported, "a track's 32-bit chunk offset would pass 4 GiB after the meta box grows");
            }
        }

        return copy;
    }

    private void Walk(int start, int end, string[] path, int depth)
    {
        foreach (var child in BoxHeader.ParseAll(Moov, start, end))
        {
            if (depth == 1 && child.Type == "tkhd")
            {
                var reader = new BoxReader(Moov, (int)child.PayloadOffset, (int)child.End, "tkhd box");
                var timeSize = reader.U8() == 1 ? 8 : 4;
                reader.U8();
                reader.U16(); // flags
                reader.Sized(timeSize); // creation time
                reader.Sized(timeSize); // modification time
                TrackIds.Add(reader.U32());
            }
            else if (depth < path.Length && child.Type == path[depth])
            {
                Walk((int)child.PayloadOffset, (int)child.End, path, depth + 1);
            }
            else if (depth == path.Length && child.Type is "stco" or "co64")
            {
                var at = (int)child.PayloadOffset;
                var length = (int)child.PayloadLength;
                var entries = OffsetEntries.Locate(Moov.AsSpan(at, length), fieldsBeforeCount: 0, wide: child.Type == "co64", child.Type, Box.Offset + child.Offset);
                _tables.Add((at, length, entries));
            }
        }
    }
}
