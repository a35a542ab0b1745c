namespace Qinglang.Text.Scanning;

/// <summary>
/// A finding in a long stream: <see cref="Finding"/>'s offsets are within the window that was scanned, and
/// <see cref="Offset"/> is where that window starts in the whole stream (UTF-16 units; may exceed int range).
/// </summary>
public readonly record struct LocatedFinding(long Offset, TextFinding Finding)
{
    public long Start => Offset + Finding.Start;

    public long End => Offset + Finding.End;
}
