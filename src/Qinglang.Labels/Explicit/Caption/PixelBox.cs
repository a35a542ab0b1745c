namespace Qinglang.Labels.Explicit.Caption;

/// <summary>A rectangle of pixels, right and bottom exclusive.</summary>
internal readonly record struct PixelBox(int Left, int Top, int Right, int Bottom)
{
    public int Width => Right - Left;

    public int Height => Bottom - Top;

    public bool Contains(PixelBox other) =>
        other.Left >= Left && other.Top >= Top && other.Right <= Right && other.Bottom <= Bottom;

    public override string ToString() => $"x {Left}–{Right}, y {Top}–{Bottom}";
}
