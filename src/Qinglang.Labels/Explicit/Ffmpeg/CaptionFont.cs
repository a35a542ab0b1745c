namespace Qinglang.Labels.Explicit.Ffmpeg;

/// <summary>
/// The font a caption is drawn in, as the drawtext option that selects it: a fontconfig family (drawtext's <c>font</c>,
/// which also picks the right face inside a .ttc collection, e.g. the SC face of Noto Sans CJK) or a font file.
/// </summary>
internal sealed record CaptionFont(string Name, string DrawtextOption)
{
    /// <summary>Collections whose first face draws Chinese, for systems without fc-match.</summary>
    private static readonly string[] KnownFiles =
    [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    ];

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static CaptionFont? system;

    /// <summary>The font file the user gave, or the system's simplified-Chinese sans font.</summary>
    public static async Task<CaptionFont> ResolveAsync(string? fontFile, CancellationToken cancellationToken)
    {
        if (fontFile is not null)
        {
            return File.Exists(fontFile)
                ? new CaptionFont(Path.GetFileName(fontFile), $"fontfile={FilterEscape.Value(Path.GetFullPath(fontFile))}")
                : throw new MarkingException($"font file {fontFile} does not exist");
        }

        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return system ??= await FindSystemFontAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<CaptionFont> FindSystemFontAsync(CancellationToken cancellationToken)
    {
        foreach (var pattern in new[] { "Noto Sans CJK SC:lang=zh-cn", "sans-serif:lang=zh-cn" })
        {
            if (await MatchAsync(pattern, cancellationToken).ConfigureAwait(false) is { } font)
            {
                return font;
            }
        }

        var file = KnownFiles.FirstOrDefault(File.Exists)
            ?? throw new MarkingException("no CJK font found for the caption: install one (apt-get install fonts-noto-cjk) or pass --font <file>");
        return new CaptionFont(Path.GetFileName(file), $"fontfile={FilterEscape.Value(file)}");
    }

    /// <summary>fc-match always answers with something; only a font that covers simplified Chinese counts.</summary>
    private static async Task<CaptionFont?> MatchAsync(string pattern, CancellationToken cancellationToken)
    {
        ToolOutput output;
        try
        {
            output = await MediaTool.RunAsync("fc-match", ["-f", "%{family[0]}\n%{lang}", pattern], cancellationToken, TimeSpan.FromSeconds(30))
                .ConfigureAwait(false);
        }
        catch (MarkingException)
        {
            return null;
        }

        var lines = output.StdoutText.Split('\n');
        // drawtext's font option is a family name only (not a fontconfig pattern)
        return lines is [var family, var languages] && languages.Split('|').Contains("zh-cn")
            ? new CaptionFont(family, $"font={FilterEscape.Value(family)}")
            : null;
    }
}
