using System.Text.Json;
using Qinglang.Core;

namespace Qinglang.Labels.Inspection;

/// <summary>
/// The JSON form of inspection reports: one object per file with <c>path</c>, <c>format</c>, <c>valid</c>,
/// <c>label</c> (the seven elements, or null), <c>sites</c>, <c>problems</c> and <c>signatures</c>.
/// </summary>
public static class InspectionJson
{
    public static void WriteArray(Stream output, IEnumerable<InspectionReport> reports) => ReportJson.WriteArray(output, reports, Write);

    public static void Write(Utf8JsonWriter writer, InspectionReport report)
    {
        writer.WriteStartObject();
        writer.WriteString("path", report.Path);
        writer.WriteString("format", report.Format);
        writer.WriteBoolean("valid", report.IsValid);
        if (report.Label is { } label)
        {
            writer.WriteStartObject("label");
            foreach (var name in Model.AigcLabel.ElementNames)
            {
                writer.WriteString(name, label[name] ?? "");
            }

            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("label");
        }

        writer.WriteStartArray("sites");
        foreach (var site in report.Sites)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", site.Kind);
            writer.WriteString("location", site.Location);
            writer.WriteString("value", site.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        ReportJson.WriteProblems(writer, "problems", report.Problems);
        writer.WriteStartArray("signatures");
        foreach (var check in report.Signatures)
        {
            writer.WriteStartObject();
            writer.WriteString("element", check.Element);
            writer.WriteString("status", check.Status.ToString().ToLowerInvariant());
            writer.WriteString("detail", check.Detail);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
