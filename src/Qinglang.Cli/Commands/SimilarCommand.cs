using System.CommandLine;
using System.Text.Json;
using Qinglang.Core;
using Qinglang.Similarity;
using Qinglang.Similarity.Index;

namespace Qinglang.Cli.Commands;

/// <summary>
/// <c>qinglang similar index|query|farms|repair</c>: the near-duplicate / spun-copy index in a folder (<c>--db</c>,
/// required). Exit codes: index 0 all indexed, 1 some documents skipped, 2 unreadable input or index; query and farms
/// 0 nothing found, 1 found, 2 bad arguments or unreadable index.
/// </summary>
internal static class SimilarCommand
{

    public static Command Create() => new("similar", "Near-duplicate, containment and spun-copy (洗稿) search over an index folder; content-farm clusters.")
    {
        CreateIndex(), SimilarQueryCommand.Create(), SimilarFarmsCommand.Create(), CreateRepair(),
    };

    internal static Option<string> DbOption() => new("--db") { Description = "Index folder (created by 'similar index')", Required = true };

    private static Command CreateIndex()
    {
        var input = new Argument<string>("input") { Description = "A folder (each file a document, id = its relative path), a text file, or JSON lines (.jsonl/.ndjson, '-' = stdin) with id, text, account, time" };
        var db = DbOption();
        var json = new Option<bool>("--json") { Description = "Print the totals as one JSON object" };
        var command = new Command("index", "Add documents to the index (same id again replaces the document; identical re-adds change nothing).") { input, db, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            if (path != "-" && !File.Exists(path) && !Directory.Exists(path))
            {
                return Fail($"cannot read {path}: no such file or folder");
            }

            var source = new SimilarInput(path);
            AddSummary summary;
            try
            {
                using var index = SimilarityIndex.Open(parse.GetValue(db)!);
                summary = index.AddRange(source.Documents());
            }
            catch (Exception ex) when (IsIndexProblem(ex))
            {
                return Fail(ex.Message);
            }

            var problems = source.Errors.Concat(summary.Rejected).ToList();
            foreach (var problem in problems)
            {
                System.Console.Error.WriteLine($"qinglang: {problem}");
            }

            if (summary.Empty > 0)
            {
                System.Console.Error.WriteLine($"qinglang: {summary.Empty} document(s) have no text to fingerprint; stored, they never match");
            }

            if (parse.GetValue(json))
            {
                WriteJson(w =>
                {
                    w.WriteNumber("added", summary.Added);
                    w.WriteNumber("replaced", summary.Replaced);
                    w.WriteNumber("unchanged", summary.Unchanged);
                    w.WriteNumber("empty", summary.Empty);
                    w.WriteNumber("skipped", problems.Count);
                });
            }
            else
            {
                System.Console.WriteLine($"indexed · 已索引: {summary.Added} added, {summary.Replaced} replaced, {summary.Unchanged} unchanged, {problems.Count} skipped");
            }

            return problems.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateRepair()
    {
        var db = DbOption();
        var command = new Command("repair", "Rebuild the postings and document table from the record log (after a damaged-file error).") { db };
        command.SetAction(parse =>
        {
            try
            {
                using var index = SimilarityIndex.Rebuild(parse.GetValue(db)!);
                System.Console.WriteLine($"rebuilt · 已重建: {index.Count} documents");
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (IsIndexProblem(ex))
            {
                return Fail(ex.Message);
            }
        });
        return command;
    }

    /// <summary>Opens an existing index for reading; a missing one is an error, never silently created.</summary>
    internal static SimilarityIndex OpenExisting(string db) =>
        SimilarityIndex.Exists(db) ? SimilarityIndex.Open(db) : throw new IOException($"no index at {db} (create it with 'qinglang similar index <input> --db {db}')");

    internal static bool IsIndexProblem(Exception ex) => ex is IOException or UnauthorizedAccessException or ArgumentException;

    internal static string KindName(MatchKind kind) => kind switch
    {
        MatchKind.NearDuplicate => "near_duplicate",
        MatchKind.Containment => "containment",
        MatchKind.SpunCopy => "spun_copy",
        _ => "none",
    };

    internal static void WriteJson(Action<Utf8JsonWriter> body)
    {
        using var stdout = System.Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, ReportJson.Indented))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        stdout.Write("\n"u8);
    }

    /// <summary>Text of a file or of stdin ('-'), at most <see cref="SimilarInput.MaxDocumentBytes"/>.</summary>
    internal static string ReadQuery(string path)
    {
        using var stream = path == "-" ? System.Console.OpenStandardInput() : File.OpenRead(path);
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var text = new System.Text.StringBuilder();
        var chunk = new char[1 << 16];
        int read;
        while ((read = reader.Read(chunk)) > 0)
        {
            if (text.Length + read > SimilarInput.MaxDocumentBytes)
            {
                throw new IOException($"{path}: longer than {SimilarInput.MaxDocumentBytes / (1024 * 1024)} MiB");
            }

            text.Append(chunk, 0, read);
        }

        return text.ToString();
    }

    internal static int Fail(string message)
    {
        System.Console.Error.WriteLine($"qinglang: {message}");
        return ExitCodes.Usage;
    }
}
