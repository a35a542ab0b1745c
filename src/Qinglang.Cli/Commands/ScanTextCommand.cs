using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using Qinglang.Core;
using Qinglang.Text;
using Qinglang.Text.Lexicons;
using Qinglang.Text.Scanning;

namespace Qinglang.Cli.Commands;

/// <summary>
/// <c>qinglang scan-text</c>: scans a text file or stdin (or, with <c>--jsonl</c>, the <c>text</c> field of each JSON
/// line) and prints the findings. Exit 0: clean; 1: something found; 2: bad arguments or unreadable input.
/// </summary>
internal static class ScanTextCommand
{
    /// <summary>Longest JSON line read (a whole line must be parsed); plain text has no limit, it is scanned in windows.</summary>
    private const int MaxJsonLineBytes = 32 * 1024 * 1024;


    public static Command Create()
    {
        var input = new Argument<string?>("file") { Description = "Text file to scan, or '-' for stdin (the default)", Arity = ArgumentArity.ZeroOrOne };
        var noDefault = new Option<bool>("--no-default-lexicon") { Description = "Do not match the curated default library, only the --lexicon files" };
        var lexicons = new Option<string[]>("--lexicon") { Description = "Feature library (lexicon) file to match; repeatable", AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: {\"file\", \"findings\": [...]}" };
        var jsonl = new Option<bool>("--jsonl") { Description = "Read JSON lines (field \"text\"); write each line back with its \"findings\"" };
        var command = new Command("scan-text", "Scan text for contacts, links, personal information, SEO stuffing and lexicon entries (exit 0: clean, 1: findings, 2: bad input).")
        {
            input, lexicons, noDefault, json, jsonl,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(json) && parse.GetValue(jsonl))
            {
                return Fail("--json and --jsonl cannot be combined");
            }

            var options = new ScanOptions { LexiconPaths = parse.GetValue(lexicons) ?? [], UseDefaultLexicon = !parse.GetValue(noDefault) };
            foreach (var lexicon in options.LexiconPaths)
            {
                if (!File.Exists(lexicon))
                {
                    return Fail($"cannot read lexicon {lexicon}: no such file");
                }
            }

            TextScanner scanner;
            try
            {
                scanner = ScanPipeline.Build(options);
            }
            catch (Exception ex) when (ex is LexiconLoadException or IOException or UnauthorizedAccessException or FormatException or InvalidDataException)
            {
                return Fail($"cannot load lexicons: {ex.Message}");
            }

            var path = parse.GetValue(input) ?? "-";
            Stream stream;
            try
            {
                stream = path == "-" ? System.Console.OpenStandardInput() : File.OpenRead(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Fail($"cannot read {path}: {ex.Message}");
            }

            using (stream)
            {
                try
                {
                    return parse.GetValue(jsonl) ? ScanJsonLines(scanner, stream) : ScanText(scanner, stream, path, parse.GetValue(json));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return Fail($"cannot read {path}: {ex.Message}");
                }
            }
        });
        return command;
    }

    private static int ScanText(TextScanner scanner, Stream stream, string path, bool json)
    {
        var encoding = CountingReplacementFallback.Utf8(out var invalid);
        using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        using var stdout = new BufferedStream(System.Console.OpenStandardOutput(), 1 << 16);
        var found = 0L;
        if (json)
        {
            using var writer = new Utf8JsonWriter(stdout, ReportJson.Lines);
            writer.WriteStartObject();
            writer.WriteString("file", path);
            writer.WriteStartArray("findings");
            foreach (var finding in WindowedScan.Scan(scanner, reader))
            {
                FindingJson.Write(writer, finding);
                found++;
                if (writer.BytesPending > 1 << 16)
                {
                    writer.Flush();
                }
            }

            writer.WriteEndArray();
            writer.WriteNumber("invalidUtf8Sequences", invalid.Count);
            writer.WriteEndObject();
            writer.Flush();
            stdout.Write("\n"u8);
        }
        else
        {
            using var output = new StreamWriter(stdout, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            output.WriteLine($"{"start-end 位置",-20} {"category 类别",-26} {"severity",-8} {"rule 规则",-28} text 原文");
            foreach (var finding in WindowedScan.Scan(scanner, reader))
            {
                WriteRow(output, finding);
                found++;
            }

            output.WriteLine(found == 0 ? "clean · 未发现问题" : $"{found} finding(s) · 共 {found} 处");
        }

        ReportInvalidUtf8(path, invalid.Count);
        return found > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static void WriteRow(StreamWriter output, LocatedFinding located)
    {
        var finding = located.Finding;
        var name = CategoryCodes.ChineseNames.GetValueOrDefault(finding.Category, "");
        var severity = finding.Severity.ToString().ToLowerInvariant();
        output.WriteLine($"{$"{located.Start}-{located.End}",-20} {$"{finding.Category} {name}",-26} {severity,-8} {finding.Rule,-28} {Printable(finding.Text)}");
    }

    /// <summary>One line of terminal-safe text: control characters shown as spaces, long spans shortened.</summary>
    private static string Printable(string text)
    {
        var shown = text.Length <= 80 ? text : text[..77] + "…";
        var builder = new StringBuilder(FindingJson.WellFormed(shown));
        for (var i = 0; i < builder.Length; i++)
        {
            if (char.IsControl(builder[i]))
            {
                builder[i] = ' ';
            }
        }

        return builder.ToString();
    }

    private static int ScanJsonLines(TextScanner scanner, Stream stream)
    {
        var lines = new BoundedLineReader(stream, MaxJsonLineBytes);
        var encoding = CountingReplacementFallback.Utf8(out var invalid);
        using var stdout = new BufferedStream(System.Console.OpenStandardOutput(), 1 << 16);
        var buffer = new ArrayBufferWriter<byte>();
        var lineNumber = 0L;
        var anyFound = false;
        var unreadable = false;
        while (lines.TryReadLine(out var bytes, out var tooLong))
        {
            lineNumber++;
            buffer.ResetWrittenCount();
            var before = invalid.Count;
            var line = tooLong ? "" : encoding.GetString(bytes);
            if (lineNumber == 1 && line.StartsWith('\uFEFF'))
            {
                line = line[1..]; // a byte order mark some editors put first
            }

            if (invalid.Count > before)
            {
                System.Console.Error.WriteLine($"qinglang: line {lineNumber}: {invalid.Count - before} invalid UTF-8 sequence(s) replaced with U+FFFD");
            }

            if (!tooLong && string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var error = tooLong ? $"longer than {MaxJsonLineBytes / (1024 * 1024)} MiB; skipped" : ScanJsonLine(scanner, line, buffer, ref anyFound);
            if (error is not null)
            {
                unreadable = true;
                System.Console.Error.WriteLine($"qinglang: line {lineNumber}: {error}");
                buffer.ResetWrittenCount();
                using var writer = new Utf8JsonWriter(buffer, ReportJson.Lines);
                writer.WriteStartObject();
                writer.WriteNumber("line", lineNumber);
                writer.WriteString("error", error);
                writer.WriteEndObject();
            }

            stdout.Write(buffer.WrittenSpan);
            stdout.Write("\n"u8);
        }

        stdout.Flush();
        return unreadable ? ExitCodes.Usage : anyFound ? ExitCodes.Failed : ExitCodes.Ok;
    }

    /// <summary>Scans one JSON line into <paramref name="buffer"/>: its fields as given, plus <c>findings</c>. Returns an error, or null.</summary>
    private static string? ScanJsonLine(TextScanner scanner, string line, ArrayBufferWriter<byte> buffer, ref bool anyFound)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.String)
            {
                return "not a JSON object with a string field \"text\"";
            }

            var text = LenientJsonString.Decode(textElement.GetRawText());
            using var writer = new Utf8JsonWriter(buffer, ReportJson.Lines);
            writer.WriteStartObject();
            foreach (var property in root.EnumerateObject())
            {
                if (property.NameEquals("findings"))
                {
                    continue;
                }

                // Raw copy: the value is valid JSON as read, lone surrogate escapes included.
                writer.WritePropertyName(FindingJson.WellFormed(property.Name));
                writer.WriteRawValue(property.Value.GetRawText(), skipInputValidation: true);
            }

            writer.WriteStartArray("findings");
            foreach (var finding in Scan(scanner, text))
            {
                FindingJson.Write(writer, finding);
                anyFound = true;
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            return null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            return $"not valid JSON: {ex.Message}";
        }
    }

    /// <summary>Short texts are scanned whole; long ones in windows so memory stays bounded.</summary>
    private static IEnumerable<LocatedFinding> Scan(TextScanner scanner, string text)
    {
        if (text.Length > WindowedScan.DefaultWindow)
        {
            return WindowedScan.Scan(scanner, new StringReader(text));
        }

        return scanner.Scan(text).Select(f => new LocatedFinding(0, f));
    }

    private static void ReportInvalidUtf8(string path, long count)
    {
        if (count > 0)
        {
            System.Console.Error.WriteLine($"qinglang: {path}: {count} invalid UTF-8 sequence(s) replaced with U+FFFD before scanning (offsets count each replacement as one unit)");
        }
    }

    private static int Fail(string message)
    {
        System.Console.Error.WriteLine($"qinglang: {message}");
        return ExitCodes.Usage;
    }
}
