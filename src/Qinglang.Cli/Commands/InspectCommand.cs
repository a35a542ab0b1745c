using System.CommandLine;
using Qinglang.Cli.Console;
using Qinglang.Core;
using Qinglang.Labels;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Inspection;
using Qinglang.Labels.Signing;

namespace Qinglang.Cli.Commands;

/// <summary><c>qinglang inspect</c>: reports the label of each file; exit 0 only when every file carries a valid one.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path") { Description = "Files or folders to inspect", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print a JSON array, one object per file" };
        var trust = TrustedKeyOption.Create("signatures");
        var command = new Command("inspect", "Read and validate implicit labels (exit 0: all valid, 1: some not, 2: unreadable input).") { paths, json, trust };
        command.SetAction(parse =>
        {
            if (TrustedKeyOption.Load(parse, trust) is not { } trusted)
            {
                return ExitCodes.Usage;
            }

            return Run(parse.GetValue(paths)!, parse.GetValue(json), trusted);
        });
        return command;
    }

    private static int Run(string[] paths, bool json, IReadOnlyCollection<Sm2KeyPair> trusted)
    {
        var files = paths.SelectMany(InputFiles.Expand).ToList();
        var inspector = new LabelInspector(CarrierRegistry.Default, trusted);
        var reports = new InspectionReport[files.Count];
        using (var progress = new Progress(files.Count, "inspecting"))
        {
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                reports[i] = inspector.Inspect(files[i]);
                progress.Step(files[i]);
            });
        }

        if (json)
        {
            using var stdout = System.Console.OpenStandardOutput();
            InspectionJson.WriteArray(stdout, reports);
            stdout.Write("\n"u8);
        }
        else
        {
            PrintTable(reports);
        }

        if (reports.Any(r => r.Unreadable))
        {
            return ExitCodes.Usage;
        }

        return reports.All(r => r.IsValid) ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void PrintTable(IReadOnlyList<InspectionReport> reports)
    {
        var output = System.Console.Out;
        foreach (var report in reports)
        {
            var verdict = report.IsValid ? "valid 有效" : report.Label is null ? "no label 无标识" : "invalid 不合规";
            output.WriteLine($"{report.Path}");
            output.WriteLine($"  format 格式   {report.Format ?? "unknown"}");
            output.WriteLine($"  verdict 结论  {verdict}");
            if (report.Label is { } label)
            {
                output.WriteLine($"  Label         {label.Label} — {Labels.Model.LabelValue.Describe(label.Label)}");
                foreach (var (name, value) in label.Elements().Where(e => e.Key != "Label" && e.Value.Length > 0))
                {
                    output.WriteLine($"  {name,-17} {Shorten(value)}");
                }
            }

            foreach (var site in report.Sites)
            {
                output.WriteLine($"  site 位置     {site.Location}");
            }

            foreach (var check in report.Signatures)
            {
                output.WriteLine($"  signature     {check.Element}: {check.Status.ToString().ToLowerInvariant()} — {check.Detail}");
            }

            foreach (var problem in report.Problems)
            {
                var mark = problem.Severity switch { Severity.Error => "error", Severity.Warning => "warn ", _ => "info " };
                output.WriteLine($"  {mark} {problem.Code}: {problem.Message}");
            }
        }

        var valid = reports.Count(r => r.IsValid);
        output.WriteLine($"{reports.Count} file(s): {valid} valid, {reports.Count - valid} without a valid label · 共 {reports.Count} 个文件，{valid} 个标识有效");
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "…";
}
