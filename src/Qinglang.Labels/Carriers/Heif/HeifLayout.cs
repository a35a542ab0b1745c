using Qinglang.Labels.Carriers.IsoBmff;
using Qinglang.Labels.Model;

namespace Qinglang.Labels.Carriers.Heif;

/// <summary>
/// Where each top-level box lands in the rewritten file: boxes keep their order, the meta box takes its new length,
/// label-only mdat boxes are dropped, and a new mdat is appended. Maps old file positions to new ones.
/// </summary>
internal sealed class HeifLayout
{
    private readonly List<BoxHeader> _boxes;
    private readonly BoxHeader _meta;
    private readonly HashSet<long> _removed;
    private readonly Dictionary<long, long> _newStart = [];

    public HeifLayout(List<BoxHeader> boxes, BoxHeader meta, long newMetaLength, HashSet<long> removedBoxOffsets)
    {
        _boxes = boxes;
        _meta = meta;
        _removed = removedBoxOffsets;
        var position = 0L;
        foreach (var box in boxes)
        {
            if (removedBoxOffsets.Contains(box.Offset))
            {
                continue;
            }

            _newStart[box.Offset] = position;
            position += box.Offset == meta.Offset ? newMetaLength : box.Size;
        }

        End = position;
    }

    /// <summary>Where the appended mdat starts: after every kept box.</summary>
    public long End { get; }

    /// <summary>
    /// The new position of a file range (an item extent or a chunk): it must not touch the meta box (its bytes move
    /// in ways a file offset cannot follow) nor a dropped box.
    /// </summary>
    public long Map(ByteRange range)
    {
        var metaRange = new ByteRange(_meta.Offset, _meta.Size);
        if (range.Length > 0 ? range.Intersects(metaRange) : range.Start >= metaRange.Start && range.Start < metaRange.End)
        {
            throw new LabelingException(ProblemCodes.Unsupported, $"data at file offset {range.Start} lies inside the meta box; such files cannot be relabeled safely");
        }

        var index = _boxes.FindIndex(b => range.Start >= b.Offset && range.Start < b.End);
        if (index < 0)
        {
            // Only an empty range may sit at the very end of the file.
            return range.Start == _boxes[^1].End && range.Length == 0 ? End : throw new ContainerFormatException($"file offset {range.Start} is outside every box", range.Start);
        }

        var box = _boxes[index];
        if (_removed.Contains(box.Offset))
        {
            throw new InvalidOperationException($"data at {range.Start} lies in a box that was dropped");
        }

        return _newStart[box.Offset] + (range.Start - box.Offset);
    }

    /// <summary>
    /// The location of a file-stored item after the move. When every extent moves by the same amount the base offset
    /// carries the move (if it is used), else each extent offset does; "to the end of the file" lengths are made
    /// explicit because the file gains a box at its end.
    /// </summary>
    public ItemLocation Relocate(ItemLocation location, long fileLength)
    {
        var ranges = ItemData.Ranges(location, fileLength);
        var moved = ranges.Select(Map).ToList();
        var deltas = ranges.Select((r, i) => moved[i] - r.Start).Distinct().ToList();
        var baseOffset = (long)location.BaseOffset;
        var newBase = baseOffset;
        var extents = new List<ItemExtent>(ranges.Count);
        var shiftBase = deltas.Count == 1 && baseOffset != 0 && baseOffset + deltas[0] >= 0;
        if (shiftBase)
        {
            newBase = baseOffset + deltas[0];
        }
        else if (moved.Any(m => m < baseOffset))
        {
            newBase = 0;
        }

        for (var i = 0; i < ranges.Count; i++)
        {
            var offset = shiftBase ? location.Extents[i].Offset : (ulong)(moved[i] - newBase);
            extents.Add(new ItemExtent(location.Extents[i].Index, offset, (ulong)ranges[i].Length));
        }

        return location with { BaseOffset = (ulong)newBase, Extents = extents };
    }
}
