using System.Text.Encodings.Web;
using System.Text.Json;

namespace Qinglang.Core;

/// <summary>
/// What every JSON report shares: Chinese written as itself (not \uXXXX escapes), an indented array of per-file
/// objects or one compact object per line, and one shape for findings (code, severity, message, where).
/// </summary>
public static class ReportJson
{
    /// <summary>For a whole report printed as one indented document.</summary>
    public static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>For JSON lines: one compact object per line.</summary>
    public static readonly JsonWriterOptions Lines = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="items"/> as one indented JSON array, each through <paramref name="write"/>.</summary>
    public static void WriteArray<T>(Stream output, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        using var writer = new Utf8JsonWriter(output, Indented);
        writer.WriteStartArray();
        foreach (var item in items)
        {
            write(writer, item);
        }

        writer.WriteEndArray();
    }

    public static void WriteProblems(Utf8JsonWriter writer, string propertyName, IEnumerable<Finding> findings)
    {
        writer.WriteStartArray(propertyName);
        foreach (var finding in findings)
        {
            writer.WriteStartObject();
            writer.WriteString("code", finding.Code);
            writer.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
            writer.WriteString("message", finding.Message);
            if (finding.Where is not null)
            {
                writer.WriteString("where", finding.Where);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
