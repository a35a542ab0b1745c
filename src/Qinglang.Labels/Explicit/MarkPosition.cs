namespace Qinglang.Labels.Explicit;

/// <summary>
/// Where an explicit label goes. Text and audio use <see cref="Start"/>/<see cref="End"/> (text also
/// <see cref="Both"/>); images and video use an edge or a corner. Each marker lists the positions it accepts.
/// </summary>
public enum MarkPosition
{
    Start,
    End,
    Both,
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
    Top,
    Bottom,
}
