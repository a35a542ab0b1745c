using System.Text.Encodings.Web;
using System.Text.Json;

namespace Qinglang.Review.Identifying;

/// <summary>
/// The JSON form of identifications: per file <c>path</c>, <c>format</c>, <c>decision</c> ("1", "2", "3" or null),
/// <c>evidence</c> [{kind, where, detail, indicatesAi}], <c>notice</c>, <c>note</c> and, for unreadable files, <c>error</c>.
/// </summary>
public static class IdentificationJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteArray(Stream output, IEnumerable<Identification> identifications)
    {
        using var writer = new Utf8JsonWriter(output, Options);
        writer.WriteStartArray();
        foreach (var identification in identifications)
        {
            Write(writer, identification);
        }

        writer.WriteEndArray();
    }

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
