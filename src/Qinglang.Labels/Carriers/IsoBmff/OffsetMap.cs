namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// Where each top-level box of the original file lands in the rewritten one. A file offset inside a box moves with
/// that box, so chunk offsets into an mdat, moof positions and the like follow whatever grew or shrank before them.
/// </summary>
internal sealed class OffsetMap
{
    private readonly List<(long OldStart, long OldEnd, long NewStart)> _boxes = [];

    public void Add(long oldStart, long oldEnd, long newStart) => _boxes.Add((oldStart, oldEnd, newStart));

    /// <summary>True when no box moves: every offset stays what it is.</summary>
    public bool IsIdentity => _boxes.All(b => b.OldStart == b.NewStart);

    public long Map(long offset)
    {
        if (_boxes.Count == 0)
        {
            return offset;
        }

        // Boxes are added in file order; find the last one starting at or before the offset.
        int low = 0, high = _boxes.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (_boxes[middle].OldStart <= offset)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        if (found < 0)
        {
            return offset; // before the first box: inside nothing that moves
        }

        var box = _boxes[found];
        return box.NewStart + (offset - box.OldStart);
    }
}
