using System.Buffers.Binary;

namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// Where a head relocation puts everything. Before: <c>[…][moov @MoovOffset][free…][mdat: header, head, rest]</c>.
/// After: <c>[…][new moov][free slack][mdat': header, rest][…][mdat: the head]</c>, the head being the media from the
/// old mdat's payload start up to <see cref="Boundary"/>, the first chunk the bigger moov and its slack leave alone.
/// The slack is the moov's size plus 4 KB, so the next relabel writes its moov there without moving anything.
/// </summary>
/// <param name="Moov">The new moov, its chunk offsets already pointing at the head's new place (front and tail copy alike).</param>
internal sealed record HeadRelocationPlan(long MoovOffset, byte[] Moov, long HeadStart, long Boundary, int MdatHeaderLength, long MdatEnd, long AppendAt)
{
    /// <summary>Free space beyond the room for a second moov of the same size, for labels that grow a little.</summary>
    public const int MinimumSlack = 4096;

    public long HeadLength => Boundary - HeadStart;

    /// <summary>Where the moov goes at the end of the file, after the relocated head.</summary>
    public long TailMoovAt => AppendAt + 8 + HeadLength;

    /// <summary>Where the remaining mdat's new header starts (inside the old mdat's payload); the front free box ends here.</summary>
    public long RestMdatAt => Boundary - MdatHeaderLength;

    /// <summary>
    /// The plan for labeling a moov-first file with <paramref name="moov"/> (already labeled), or null when the file is
    /// not one this edit handles safely: the caller then falls back to another path.
    /// </summary>
    public static HeadRelocationPlan? Make(TopLevelBoxes top, BoxHeader old, Mp4Box moov)
    {
        var boxes = top.Boxes;
        var index = top.MoovIndex;
        if (old.LargeSize || old.SizeToEnd || top.TrailingLength != 0 || boxes[^1].SizeToEnd || !PlainMovie(top, moov))
        {
            return null;
        }

        var next = index + 1;
        while (next < boxes.Count && Mp4InPlaceEditor.IsPlainFree(boxes[next]))
        {
            next++;
        }

        if (next >= boxes.Count || boxes[next].Code != BoxTypes.Mdat || ChunkExtents.Read(moov) is not { } chunks)
        {
            return null; // something other than free space between the moov and the media, or unreadable tables
        }

        var mdat = boxes[next];
        if (chunks.Any(c => c.End > old.Offset && c.Offset < mdat.PayloadOffset))
        {
            return null; // media inside the moov or the boxes after it: it would be overwritten
        }

        var inMdat = chunks.Where(c => c.Offset >= mdat.PayloadOffset && c.Offset < mdat.End).OrderBy(c => c.Offset).ToList();
        var tables = ChunkOffsetTables.Collect(moov);
        var size = moov.Size;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var slack = size + MinimumSlack;
            if (FindBoundary(inMdat, mdat, old.Offset + size + slack) is not { } boundary)
            {
                return null;
            }

            var map = new OffsetMap();
            map.Add(0, mdat.PayloadOffset, 0);
            map.Add(mdat.PayloadOffset, boundary.Offset, top.Length + 8);
            map.Add(boundary.Offset, long.MaxValue, boundary.Offset);
            tables.Apply(map); // a 32-bit table whose offsets now pass 4 GiB becomes 64-bit: the moov grows, plan again
            if (moov.Size == size)
            {
                var plan = new HeadRelocationPlan(old.Offset, moov.ToArray(), mdat.PayloadOffset, boundary.Offset, boundary.HeaderLength, mdat.End, top.Length);
                return plan.FitsShortHeaders() ? plan : null;
            }

            size = moov.Size;
        }

        return null;
    }

    /// <summary>
    /// Not fragmented (the moov must precede its fragments, whose offsets would need patching), and no absolute offset
    /// into the media other than chunk offsets: 'saio' auxiliary information, item locations ('iloc') of a file-level
    /// or moov-level meta.
    /// </summary>
    private static bool PlainMovie(TopLevelBoxes top, Mp4Box moov) =>
        !top.Boxes.Any(b => b.Code == BoxTypes.Moof || b.Code == BoxTypes.Mfra || b.Code == BoxTypes.Sidx || b.Code == BoxTypes.Meta)
        && moov.Child(BoxTypes.Mvex) is null
        && !Descendants(moov).Any(b => b.Code == BoxTypes.Saio || (b.Code == BoxTypes.Meta && (b.Children is null || b.Child(BoxTypes.Iloc) is not null)));

    private static IEnumerable<Mp4Box> Descendants(Mp4Box box) => [box, .. (box.Children ?? []).SelectMany(Descendants)];

    /// <summary>
    /// The first chunk offset in the mdat (or its end) that every chunk before it ends by, whose new mdat header fits
    /// between <paramref name="freeEndAtLeast"/> and it, inside the old mdat's payload.
    /// </summary>
    private static (long Offset, int HeaderLength)? FindBoundary(List<ChunkExtent> chunks, BoxHeader mdat, long freeEndAtLeast)
    {
        var headEnd = mdat.PayloadOffset;
        for (var i = 0; ; i++)
        {
            var candidate = i < chunks.Count ? chunks[i].Offset : mdat.End;
            var headerLength = BoxHeader.LengthFor(mdat.End - candidate);
            if (headEnd <= candidate && candidate - headerLength >= Math.Max(freeEndAtLeast, mdat.PayloadOffset))
            {
                return (candidate, headerLength);
            }

            if (i >= chunks.Count)
            {
                return null;
            }

            headEnd = Math.Max(headEnd, chunks[i].End);
        }
    }

    /// <summary>The moov, the head's new mdat and the front free box all take 8-byte headers (the commits write 8 bytes).</summary>
    private bool FitsShortHeaders() =>
        BinaryPrimitives.ReadUInt32BigEndian(Moov) != 1 && HeadLength + 8 <= uint.MaxValue && RestMdatAt - MoovOffset <= uint.MaxValue;
}
