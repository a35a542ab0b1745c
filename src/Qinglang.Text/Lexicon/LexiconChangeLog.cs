using System.Text.Json;
using Qinglang.Core;

namespace Qinglang.Text.Lexicons;

/// <summary>
/// The append-only change log of a <see cref="LexiconStore"/> (the 深度合成 regulation's Art. 10 asks for logs of
/// the feature library): one JSON object per line, each written whole and flushed to disk before the call returns.
/// Fields: <c>time</c> (UTC, ISO 8601), <c>who</c>, <c>action</c> (<c>load</c>, <c>reload</c>, <c>replace</c>,
/// <c>rejected</c>), <c>from</c>/<c>to</c> versions, <c>sources</c>, <c>added</c>, <c>removed</c>, <c>changed</c>
/// (<c>before</c>/<c>after</c>) entries, and <c>errors</c> for a rejected reload.
/// </summary>
public sealed class LexiconChangeLog(string path)
{
    private readonly Lock gate = new();

    public string Path { get; } = path;

    public void Write(DateTimeOffset time, string who, string action, string? from, string? to, IReadOnlyList<string> sources,
        LexiconDiff? diff, IReadOnlyList<LexiconIssue>? errors = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, ReportJson.Lines))
        {
            json.WriteStartObject();
            json.WriteString("time", time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("who", who);
            json.WriteString("action", action);
            json.WriteString("from", from);
            json.WriteString("to", to);
            json.WriteStartArray("sources");
            foreach (string source in sources) json.WriteStringValue(source);
            json.WriteEndArray();
            if (diff is not null)
            {
                WriteEntries(json, "added", diff.Added);
                WriteEntries(json, "removed", diff.Removed);
                json.WriteStartArray("changed");
                foreach (var (before, after) in diff.Changed)
                {
                    json.WriteStartObject();
                    json.WritePropertyName("before");
                    WriteEntry(json, before);
                    json.WritePropertyName("after");
                    WriteEntry(json, after);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (errors is not null)
            {
                json.WriteStartArray("errors");
                foreach (var error in errors) json.WriteStringValue(error.ToString());
                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        lock (gate)
        {
            using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            buffer.Position = 0;
            buffer.CopyTo(file);
            file.Flush(flushToDisk: true);
        }
    }

    private static void WriteEntries(Utf8JsonWriter json, string name, IReadOnlyList<LexiconEntry> entries)
    {
        json.WriteStartArray(name);
        foreach (var entry in entries) WriteEntry(json, entry);
        json.WriteEndArray();
    }

    private static void WriteEntry(Utf8JsonWriter json, LexiconEntry entry)
    {
        json.WriteStartObject();
        json.WriteString("kind", entry.Kind.ToString().ToLowerInvariant());
        json.WriteString("text", entry.Text);
        if (entry.Kind != EntryKind.Allow)
        {
            json.WriteString("category", entry.Category);
            json.WriteString("severity", entry.Severity.ToString().ToLowerInvariant());
        }

        if (entry.Flags != EntryFlags.None) json.WriteString("flags", entry.Flags.ToString().ToLowerInvariant());
        if (entry.Kind == EntryKind.Cooccurrence) json.WriteNumber("within", entry.Window);
        json.WriteString("source", entry.Source.ToString());
        json.WriteEndObject();
    }
}
