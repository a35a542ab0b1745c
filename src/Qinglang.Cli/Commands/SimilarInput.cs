using System.Globalization;
using System.Text;
using System.Text.Json;
using Qinglang.Cli.Console;
using Qinglang.Similarity.Index;
using Qinglang.Text.Scanning;

namespace Qinglang.Cli.Commands;

/// <summary>
/// Documents for <c>similar index</c>: a folder (each file one document, id = its path relative to the folder), one
/// text file (id = its name), or JSON lines (<c>.jsonl</c>/<c>.ndjson</c> or <c>-</c> for stdin) with fields <c>id</c>
/// (string or number), <c>text</c>, optional <c>account</c> and <c>time</c> (ISO 8601, or Unix seconds). Problems are
/// collected in <see cref="Errors"/> and the document skipped; reading goes on.
/// </summary>
internal sealed class SimilarInput(string path)
{
    /// <summary>Largest document or JSON line read; larger ones are skipped with an error (memory stays bounded).</summary>
    public const int MaxDocumentBytes = 64 * 1024 * 1024;

    public List<string> Errors { get; } = [];

    public static bool IsJsonLines(string path) =>
        path == "-" || path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<IndexDocument> Documents() => IsJsonLines(path) ? JsonLines() : Files();

    private IEnumerable<IndexDocument> Files()
    {
        var root = Directory.Exists(path) ? Path.GetFullPath(path) : null;
        foreach (var file in InputFiles.Expand(path))
        {
            var text = ReadText(file);
            if (text is not null)
            {
                var id = root is null ? Path.GetFileName(file) : Path.GetRelativePath(root, file).Replace('\\', '/');
                yield return new IndexDocument(id, text);
            }
        }
    }

    private string? ReadText(string file)
    {
        try
        {
            var info = new FileInfo(file);
            if (info.Length > MaxDocumentBytes)
            {
                Errors.Add($"{file}: {info.Length} bytes is more than the {MaxDocumentBytes / (1024 * 1024)} MiB a document may have; skipped");
                return null;
            }

            return File.ReadAllText(file, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Errors.Add($"{file}: cannot read: {ex.Message}");
            return null;
        }
    }

    private IEnumerable<IndexDocument> JsonLines()
    {
        Stream stream;
        try
        {
            stream = path == "-" ? System.Console.OpenStandardInput() : File.OpenRead(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Errors.Add($"{path}: cannot read: {ex.Message}");
            yield break;
        }

        using (stream)
        {
            var lines = new BoundedLineReader(stream, MaxDocumentBytes);
            var number = 0L;
            while (lines.TryReadLine(out var bytes, out var tooLong))
            {
                number++;
                if (tooLong)
                {
                    Errors.Add($"{path}: line {number}: longer than {MaxDocumentBytes / (1024 * 1024)} MiB; skipped");
                    continue;
                }

                var document = ParseLine(bytes, out var error);
                if (error is not null)
                {
                    Errors.Add($"{path}: line {number}: {error}");
                }
                else if (document is not null)
                {
                    yield return document;
                }
            }
        }
    }

    /// <summary>One JSON line as a document; null with no error for a blank line.</summary>
    internal static IndexDocument? ParseLine(ReadOnlySpan<byte> line, out string? error)
    {
        error = null;
        if (line.Trim(" \t\r"u8).IsEmpty)
        {
            return null;
        }

        try
        {
            var bytes = line.ToArray();
            using var json = JsonDocument.Parse(line.StartsWith("\uFEFF"u8) ? bytes.AsMemory(3) : bytes.AsMemory()); // a byte order mark some editors put first
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "not a JSON object";
                return null;
            }

            var id = root.TryGetProperty("id", out var idElement) ? idElement.ValueKind switch
            {
                JsonValueKind.String => idElement.GetString(),
                JsonValueKind.Number => idElement.GetRawText(),
                _ => null,
            } : null;
            if (string.IsNullOrEmpty(id))
            {
                error = "no \"id\" (string or number)";
                return null;
            }

            if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                error = $"document {id}: no string field \"text\"";
                return null;
            }

            var account = root.TryGetProperty("account", out var accountElement) && accountElement.ValueKind == JsonValueKind.String ? accountElement.GetString() : null;
            DateTimeOffset? time = null;
            if (root.TryGetProperty("time", out var timeElement) && timeElement.ValueKind != JsonValueKind.Null)
            {
                time = ParseTime(timeElement);
                if (time is null)
                {
                    error = $"document {id}: \"time\" is neither ISO 8601 nor Unix seconds";
                    return null;
                }
            }

            return new IndexDocument(id, text.GetString() ?? "", account, time);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            error = $"not valid JSON: {ex.Message}";
            return null;
        }
    }

    private static DateTimeOffset? ParseTime(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String when DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
        JsonValueKind.Number when element.TryGetInt64(out var seconds) && seconds is > -62135596800 and < 253402300800 => DateTimeOffset.FromUnixTimeSeconds(seconds),
        _ => null,
    };
}
