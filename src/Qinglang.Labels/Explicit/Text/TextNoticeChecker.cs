using Qinglang.Core;
using Qinglang.Labels.Carriers;

namespace Qinglang.Labels.Explicit.Text;

/// <summary>
/// Checks whether a text or Markdown file carries a conforming explicit label (capability 4): the format is detected
/// by content, the whole text decoded strictly in its own encoding, and every notice located and judged.
/// </summary>
public sealed class TextNoticeChecker(CarrierRegistry registry)
{
    public static TextNoticeChecker Default { get; } = new(CarrierRegistry.Default);

    /// <summary>The formats this checker (and the text marker) read: carrier format names.</summary>
    public static bool IsTextFormat(string? format) => format is "text" or "markdown";

    public TextNoticeReport Check(string path)
    {
        string? format = null;
        try
        {
            using (var stream = File.OpenRead(path))
            {
                format = registry.Detect(stream)?.Format;
            }

            if (!IsTextFormat(format))
            {
                throw new TextFormatException(NoticeProblemCodes.NotText, $"not text or Markdown (detected as {format ?? "unknown"}): check-mark reads text notices only");
            }

            var analysis = TextNoticeAnalysis.Of(TextDocument.Load(path, format!));
            return new TextNoticeReport(path, format, analysis.Conforming, Unreadable: false, analysis.Notices, analysis.Problems);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Unreadable(path, format, NoticeProblemCodes.Unreadable, ex.Message);
        }
        catch (TextFormatException ex)
        {
            return Unreadable(path, format, ex.Code, ex.Message);
        }
    }

    private static TextNoticeReport Unreadable(string path, string? format, string code, string message) =>
        new(path, format, Conforming: false, Unreadable: true, [], [Finding.Error(code, message)]);
}
