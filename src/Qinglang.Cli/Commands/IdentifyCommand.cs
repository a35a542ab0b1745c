using System.CommandLine;
using Qinglang.Cli.Console;
using Qinglang.Labels;
using Qinglang.Labels.Signing;
using Qinglang.Review.Identifying;

namespace Qinglang.Cli.Commands;

/// <summary>
/// <c>qinglang identify</c>: the platform's Art. 6 decision per file ("1" labeled, "2" declared, "3" suspected, or
/// none). Exit 0 when every file was identified, whatever the decision; 2 when an input could not be read.
/// </summary>
internal static class IdentifyCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path") { Description = "Files or folders to identify", Arity = ArgumentArity.OneOrMore };
        var declared = new Option<bool>("--declared-ai") { Description = "The uploader declared the content AI-generated (Art. 6 case 2)" };
        var json = new Option<bool>("--json") { Description = "Print a JSON array, one object per file" };
        var trust = TrustedKeyOption.Create("label signatures");
        var command = new Command("identify", "Decide whether uploads are AI-generated: implicit label, declaration, traces (exit 0: all identified, 2: unreadable input).")
        {
            paths, declared, json, trust,
        };
        command.SetAction(parse =>
        {
            if (TrustedKeyOption.Load(parse, trust) is not { } trusted)
            {
                return ExitCodes.Usage;
            }

            return Run(parse.GetValue(paths)!, parse.GetValue(declared), parse.GetValue(json), trusted);
        });
        return command;
    }

    private static int Run(string[] paths, bool declaredAi, bool json, IReadOnlyCollection<Sm2KeyPair> trusted)
    {
        var files = paths.SelectMany(InputFiles.Expand).ToList();
        var identifier = new AigcIdentifier(trusted);
        var results = new Identification[files.Count];
        using (var progress = new Progress(files.Count, "identifying"))
        {
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                results[i] = identifier.Identify(files[i], declaredAi);
                progress.Step(files[i]);
            });
        }

        if (json)
        {
            using var stdout = System.Console.OpenStandardOutput();
            IdentificationJson.WriteArray(stdout, results);
            stdout.Write("\n"u8);
        }
        else
        {
            Print(results);
        }

        return results.Any(r => r.Unreadable) ? ExitCodes.Usage : ExitCodes.Ok;
    }

    private static void Print(IReadOnlyList<Identification> results)
    {
        var output = System.Console.Out;
        foreach (var result in results)
        {
            output.WriteLine(result.Path);
            if (result.Error is { } error)
            {
                output.WriteLine($"  error 错误    {error}");
                continue;
            }

            output.WriteLine($"  decision 结论 {result.Decision ?? "none 无"}");
            output.WriteLine($"  notice 提示   {result.Notice ?? result.Note}");
            foreach (var evidence in result.Evidence)
            {
                var mark = evidence.IndicatesAi ? "trace" : "note ";
                output.WriteLine($"  {mark} {evidence.Kind} @ {evidence.Where}: {evidence.Detail}");
            }
        }

        var counts = string.Join(", ", results.GroupBy(r => r.Decision ?? "none").OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));
        output.WriteLine($"{results.Count} file(s) · 共 {results.Count} 个文件 — {counts}");
    }
}
