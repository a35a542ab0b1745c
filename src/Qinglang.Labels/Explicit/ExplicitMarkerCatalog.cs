namespace Qinglang.Labels.Explicit;

/// <summary>The markers, asked in this order which one handles an input.</summary>
internal static class ExplicitMarkerCatalog
{
    public static IReadOnlyList<IExplicitMarker> All() =>
    [
        new Text.TextNoticeMarker(),
        new Image.ImageMarker(),
        new Video.VideoMarker(),
        new Audio.AudioMarker(),
    ];
}
