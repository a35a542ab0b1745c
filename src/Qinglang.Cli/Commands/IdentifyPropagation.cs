using System.Text.Json;
using Qinglang.Core;
using Qinglang.Labels.Signing;
using Qinglang.Review.Identifying;
using Qinglang.Review.Propagating;

namespace Qinglang.Cli.Commands;

/// <summary>
/// <c>qinglang identify … --platform</c>: writes each decision and the platform's elements into the files, and
/// reports one JSON line per file (path, decision, notice, written, propagateId, skipped, error).
/// </summary>
internal static class IdentifyPropagation
{

    public static int Run(IReadOnlyList<Identification> results, string platform, string contentId, Sm2KeyPair? key, string? output)
    {
        var propagator = new LabelPropagator();
        var single = results.Count == 1;
        var reports = new PropagationResult[results.Count];
        using (var progress = new Console.Progress(results.Count, "labeling"))
        {
            Parallel.For(0, results.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                var id = single ? contentId : $"{contentId}-{i + 1}";
                reports[i] = propagator.Apply(results[i], new PropagationRequest(platform, id, key), Target(results, i, output));
                progress.Step(results[i].Path);
            });
        }

        using var stdout = System.Console.OpenStandardOutput();
        for (var i = 0; i < results.Count; i++)
        {
            WriteLine(stdout, results[i], reports[i]);
            if (reports[i].Error is { } error)
            {
                System.Console.Error.WriteLine($"qinglang: {results[i].Path}: {error}");
            }
        }

        if (results.Any(r => r.Unreadable))
        {
            return ExitCodes.Usage;
        }

        return reports.Any(r => r.Failed) ? ExitCodes.Failed : ExitCodes.Ok;
    }

    /// <summary>Where file <paramref name="index"/> goes: in place, the output file, or the output folder + its name.</summary>
    private static string? Target(IReadOnlyList<Identification> results, int index, string? output)
    {
        if (output is null)
        {
            return null;
        }

        if (results.Count == 1 && !Directory.Exists(output))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            return output;
        }

        Directory.CreateDirectory(output);
        var name = Path.GetFileName(results[index].Path);
        // Files of the same name from different folders must not overwrite each other.
        var duplicate = results.Take(index).Any(r => Path.GetFileName(r.Path) == name);
        return Path.Combine(output, duplicate ? $"{index + 1}-{name}" : name);
    }

    private static void WriteLine(Stream output, Identification identification, PropagationResult report)
    {
        using (var writer = new Utf8JsonWriter(output, ReportJson.Lines))
        {
            writer.WriteStartObject();
            writer.WriteString("path", identification.Path);
            writer.WriteString("decision", identification.Decision);
            writer.WriteString("notice", identification.Notice);
            writer.WriteString("written", report.WrittenPath);
            writer.WriteString("propagateId", report.PropagateId);
            writer.WriteString("skipped", report.Skipped);
            writer.WriteString("error", report.Error);
            writer.WriteEndObject();
        }

        output.Write("\n"u8);
    }
}
