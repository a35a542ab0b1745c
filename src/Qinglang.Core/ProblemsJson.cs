using System.Text.Json;

namespace Qinglang.Core;

/// <summary>The one JSON shape of findings in every report: code, severity, message and, when known, where.</summary>
public static class ProblemsJson
{
    public static void WriteArray(Utf8JsonWriter writer, string propertyName, IEnumerable<Finding> findings)
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
