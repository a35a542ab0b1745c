using System.Text.Json;
using Qinglang.Core;

namespace Qinglang.Review.Identifying;

/// <summary>
/// The JSON form of identifications: per file <c>path</c>, <c>format</c>, <c>decision</c> ("1", "2", "3" or null),
/// <c>evidence</c> [{kind, where, detail, indicatesAi}], <c>notice</c>, <c>note</c> and, for unreadable files, <c>error</c>.
/// </summary>
public static class IdentificationJson
{
    public static void WriteArray(Stream output, IEnumerable<Identification> identifications) => ReportJson.WriteArray(output, identifications, Write);

    public static void Write(Utf8JsonWriter writer, Identification identification)
    {
        writer.WriteStartObject();
        writer.WriteString("path", identification.Path);
        writer.WriteString("format", identification.Format);
        writer.WriteString("decision", identification.Decision);
        writer.WriteStartArray("evidence");
        foreach (var evidence in identification.Evidence)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", evidence.Kind);
            writer.WriteString("where", evidence.Where);
            writer.WriteString("detail", evidence.Detail);
            writer.WriteBoolean("indicatesAi", evidence.IndicatesAi);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("notice", identification.Notice);
        writer.WriteString("note", identification.Note);
        if (identification.Error is { } error)
        {
            writer.WriteString("error", error);
        }

        writer.WriteEndObject();
    }
}
