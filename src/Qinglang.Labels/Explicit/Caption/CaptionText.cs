using System.Text;

namespace Qinglang.Labels.Explicit.Caption;

/// <summary>
/// The notice written to a UTF-8 file for drawtext's <c>textfile</c> (with expansion off): no filtergraph escaping of
/// user text, no <c>%{…}</c> surprises. Deleted when disposed.
/// </summary>
internal sealed class CaptionText : IDisposable
{
    /// <summary>A caption is one short line; longer text cannot reach the required height on a normal picture.</summary>
    public const int MaxCharacters = 60;

    private CaptionText(string value, string file)
    {
        Value = value;
        File = file;
    }

    public string Value { get; }

    public string File { get; }

    public static CaptionText Create(string text)
    {
        var value = text.Trim();
        if (value.Length == 0 || value.Length > MaxCharacters || value.Any(char.IsControl))
        {
            throw new MarkingException($"a caption is one line of 1–{MaxCharacters} characters; \"{text}\" is not");
        }

        var file = Path.Combine(Path.GetTempPath(), $"qinglang-caption-{Guid.NewGuid():N}.txt");
        System.IO.File.WriteAllText(file, value, new UTF8Encoding(false));
        return new CaptionText(value, file);
    }

    public void Dispose()
    {
        try
        {
            System.IO.File.Delete(File);
        }
        catch (IOException)
        {
            // a temp file left in /tmp is harmless
        }
    }
}
