namespace Qinglang.Labels.Tests.Support;

/// <summary>exiftool as an independent writer of the TC260 XMP property (it needs a config naming the namespace).</summary>
public static class ExiftoolTc260
{
    private static readonly Lazy<string> ConfigPath = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"qinglang-tc260-{Environment.ProcessId}.config");
        File.WriteAllText(path, """
            %Image::ExifTool::UserDefined = (
                'Image::ExifTool::XMP::Main' => {
                    TC260 => { SubDirectory => { TagTable => 'Image::ExifTool::UserDefined::TC260' } },
                },
            );
            %Image::ExifTool::UserDefined::TC260 = (
                GROUPS => { 0 => 'XMP', 1 => 'XMP-TC260', 2 => 'Image' },
                NAMESPACE => { 'TC260' => 'http://www.tc260.org.cn/ns/AIGC/1.0/' },
                WRITABLE => 'string',
                AIGC => { },
            );
            1;
            """);
        return path;
    });

    /// <summary>Sets XMP-TC260:AIGC to <paramref name="value"/> exactly as given.</summary>
    public static void Write(string file, string value) => Run("-overwrite_original", $"-XMP-TC260:AIGC={value}", file);

    /// <summary>Runs exiftool with the TC260 namespace known (the config must come first on its command line).</summary>
    public static Tool.Result Run(params string[] args) =>
        Tool.Run("exiftool", ["-config", ConfigPath.Value, .. args]).EnsureSuccess("exiftool with the TC260 config");
}
