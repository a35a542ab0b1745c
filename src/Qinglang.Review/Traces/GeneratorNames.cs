using System.Text.RegularExpressions;

namespace Qinglang.Review.Traces;

/// <summary>
/// Names that AI image, video and audio generators write into Software, Artist, CreatorTool and similar fields.
/// Latin names match as whole words, case-insensitively; Chinese product names match as substrings.
/// The list is deliberately short and specific: a match is a trace ("3"), never proof.
/// </summary>
public static class GeneratorNames
{
    /// <summary>Each entry: the product as reported, and the pattern that finds it.</summary>
    public static readonly IReadOnlyList<(string Product, Regex Pattern)> Known =
    [
        Word("DALL·E (OpenAI)", @"DALL[·\-\s]?E"),
        Word("Midjourney", "Midjourney"),
        Word("Stable Diffusion", @"Stable[\s\-_]?Diffusion|SDXL"),
        Word("Adobe Firefly", @"(Adobe\s+)?Firefly"),
        Word("Google Imagen", "Imagen"),
        Word("Ideogram", "Ideogram"),
        Word("Leonardo.Ai", @"Leonardo\.?Ai"),
        Word("NovelAI", "NovelAI"),
        Word("ComfyUI", "ComfyUI"),
        Word("InvokeAI", "InvokeAI"),
        Word("Runway", @"Runway(ML)?"),
        Word("OpenAI Sora", "Sora"),
        Word("Kling 可灵", "Kling"),
        Word("Jimeng 即梦 / Dreamina", "Jimeng|Dreamina"),
        Word("Tongyi Wanxiang 通义万相", "Wanxiang|Tongyi"),
        Word("ERNIE-ViLG 文心一格", @"ERNIE[\s\-]?ViLG|Yige"),
        Word("Hunyuan 混元", "Hunyuan"),
        Word("Doubao 豆包", "Doubao"),
        Chinese("文心一格"),
        Chinese("通义万相"),
        Chinese("即梦"),
        Chinese("可灵"),
        Chinese("混元"),
        Chinese("豆包"),
        Chinese("秒画"),
        Chinese("天工"),
    ];

    public static string? Match(string value)
    {
        foreach (var (product, pattern) in Known)
        {
            if (pattern.IsMatch(value))
            {
                return product;
            }
        }

        return null;
    }

    private static (string, Regex) Word(string product, string pattern) =>
        (product, new Regex($@"(?<![A-Za-z0-9])(?:{pattern})(?![A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)));

    private static (string, Regex) Chinese(string name) => (name, new Regex(Regex.Escape(name), RegexOptions.None, TimeSpan.FromMilliseconds(100)));
}
