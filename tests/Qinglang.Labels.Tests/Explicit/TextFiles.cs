using System.Text;
using Qinglang.Labels.Explicit;

namespace Qinglang.Labels.Tests.Explicit;

/// <summary>Text files in a chosen encoding, marked through the real writer, and read back by <c>file</c> and <c>iconv</c>.</summary>
internal static class TextFiles
{
    /// <summary>The encodings a text carrier accepts: name → (byte order mark, encoding).</summary>
    public static (byte[] Preamble, Encoding Encoding) Form(string name) => name switch
    {
        "utf-8" => ([], new UTF8Encoding(false)),
        "utf-8-bom" => ([0xEF, 0xBB, 0xBF], new UTF8Encoding(false)),
        "utf-16le" => ([0xFF, 0xFE], new UnicodeEncoding(bigEndian: false, byteOrderMark: false)),
        "utf-16be" => ([0xFE, 0xFF], new UnicodeEncoding(bigEndian: true, byteOrderMark: false)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static byte[] Encode(string text, string form)
    {
        var (preamble, encoding) = Form(form);
        return [.. preamble, .. encoding.GetBytes(text)];
    }

    public static string Write(TempFolder folder, string name, string text, string form = "utf-8")
    {
        var path = folder.File(name);
        File.WriteAllBytes(path, Encode(text, form));
        return path;
    }

    public static MarkResult Mark(string input, string output, MarkPosition? position = null, string? notice = null) =>
        ExplicitMarkWriter.Default.MarkAsync(input, output, new MarkOptions { Position = position, Text = notice ?? "由AI生成" }).GetAwaiter().GetResult();

    /// <summary>What the <c>file</c> utility says of the encoding and line terminators.</summary>
    public static string Describe(string path) => Tool.Run("file", "-b", path).EnsureSuccess("file").Stdout.Trim();

    /// <summary>The text as iconv decodes it (UTF-16 by its byte order mark; UTF-8 with a BOM keeps it as U+FEFF).</summary>
    public static string Iconv(string path, string form)
    {
        var from = form.StartsWith("utf-16", StringComparison.Ordinal) ? "UTF-16" : "UTF-8";
        return Tool.Run("iconv", "-f", from, "-t", "UTF-8", path).EnsureSuccess("iconv").Stdout.TrimStart('\uFEFF');
    }
}
