namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// Public read-only walk over ISO BMFF boxes (MP4, MOV, HEIF, AVIF), one <see cref="BoxHeader"/> at a time, each
/// size checked against its parent, so a reader can keep the boxes before one that lies.
/// </summary>
public static class BoxWalk
{
    /// <summary>
    /// The boxes between <paramref name="start"/> and <paramref name="end"/> (the file for top-level boxes, or a
    /// box's payload for its children); fewer than 8 bytes after the last box are not a box and end the walk. Throws
    /// <see cref="ContainerFormatException"/> at the first header that does not fit.
    /// </summary>
    public static IEnumerable<BoxHeader> Children(Stream input, long start, long end)
    {
        var position = start;
        while (end - position >= 8)
        {
            var box = BoxHeader.Read(input, position, end);
            yield return box;
            position = box.End;
        }
    }
}
