namespace Qinglang.Review.Tests.Support;

/// <summary>Small real media files made by ffmpeg.</summary>
public static class Media
{
    public static string Png(TempFolder folder, string name = "image.png") =>
        Tool.Ffmpeg(folder.File(name), "-f", "lavfi", "-i", "testsrc=size=64x48:rate=1", "-frames:v", "1");

    public static string Jpeg(TempFolder folder, string name = "image.jpg") =>
        Tool.Ffmpeg(folder.File(name), "-f", "lavfi", "-i", "testsrc=size=64x48:rate=1", "-frames:v", "1");

    public static string WebP(TempFolder folder, string name = "image.webp") =>
        Tool.Ffmpeg(folder.File(name), "-f", "lavfi", "-i", "testsrc=size=64x48:rate=1", "-frames:v", "1", "-c:v", "libwebp");

    public static string Mp4(TempFolder folder, string name = "video.mp4") =>
        Tool.Ffmpeg(folder.File(name), "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:d=0.5", "-c:v", "mpeg4");
}
