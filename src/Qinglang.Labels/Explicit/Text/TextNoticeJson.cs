using System.Text.Json;
using Qinglang.Core;

namespace Qinglang.Labels.Explicit.Text;

/// <summary>
/// The JSON form of notice checks: one object per file with <c>path</c>, <c>format</c>, <c>conforming</c>,
/// <c>notices</c> (<c>position</c>, <c>line</c>, <c>offset</c>, <c>length</c>, <c>text</c>, <c>match</c>,
/// <c>elements</c>) and <c>problems</c> (<c>code</c>, <c>severity</c>, <c>message</c>, optional <c>where</c>).
/// </summary>
public static class TextNoticeJson
{
    /// <summary>How positions are spelled in JSON and tables.</summary>
    public static string PositionName(NoticePosition position) => position switch
    {
        NoticePosition.Start => "start",
        NoticePosition.End => "end",
        NoticePosition.StartAndEnd => "start+end",
        _ => "middle",
    };

    public static void WriteArray(Stream output, IEnumerable<TextNoticeReport> reports) => ReportJson.WriteArray(output, reports, Write);

    public static void Write(Utf8JsonWriter writer, TextNoticeReport report)
    {
        writer.WriteStartObject();
        writer.WriteString("path", report.Path);
        writer.WriteString("format", report.Format);
        writer.WriteBoolean("conforming", report.Conforming);
        writer.WriteStartArray("notices");
        foreach (var notice in report.Notices)
        {
            writer.WriteStartObject();
            writer.WriteString("position", PositionName(notice.Position));
            writer.WriteNumber("line", notice.Line);
            writer.WriteNumber("offset", notice.Offset);
            writer.WriteNumber("length", notice.Length);
            writer.WriteString("text", notice.Text);
            writer.WriteString("match", notice.Match);
            writer.WriteStartArray("elements");
            foreach (var element in notice.Elements)
            {
                writer.WriteStringValue(element);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        ReportJson.WriteProblems(writer, "problems", report.Problems);
        writer.WriteEndObject();
    }
}
