using System.CommandLine;
using Qinglang.Cli.Console;
using Qinglang.Core;
using Qinglang.Labels.Explicit.Text;

namespace Qinglang.Cli.Commands;

/// <summary><c>qinglang check-mark</c>: whether text and Markdown files carry a conforming notice (显式标识) at their start or end.</summary>
internal static class CheckMarkCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path") { Description = "Text or Markdown files, or folders of them", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print a JSON array, one object per file" };
        var command = new Command("check-mark", "Check explicit labels in text and Markdown (exit 0: all conform, 1: some not, 2: unreadable input).") { paths, json };
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(json)));
        return command;
    }

    private static int Run(string[] paths, bool json)
    {
        var files = paths.SelectMany(InputFiles.Expand).ToList();
        var reports = new TextNoticeReport[files.Count];
        using (var progress = new Progress(files.Count, "checking"))
        {
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                reports[i] = TextNoticeChecker.Default.Check(files[i]);
                progress.Step(files[i]);
            });
        }

        if (json)
        {
            using var stdout = System.Console.OpenStandardOutput();
            TextNoticeJson.WriteArray(stdout, reports);
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

        return reports.All(r => r.Conforming) ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void PrintTable(IReadOnlyList<TextNoticeReport> reports)
    {
        var output = System.Console.Out;
        foreach (var report in reports)
        {
            var verdict = report.Unreadable ? "unreadable 无法读取" : report.Conforming ? "conforming 合规" : "not conforming 不合规";
            output.WriteLine(report.Path);
            output.WriteLine($"  format 格式   {report.Format ?? "unknown"}");
            output.WriteLine($"  verdict 结论  {verdict}");
            foreach (var notice in report.Notices)
            {
                output.WriteLine($"  notice 标识   {TextNoticeJson.PositionName(notice.Position)}, line {notice.Line}: {notice.Text} [{string.Join(", ", notice.Elements)}]");
            }

            foreach (var problem in report.Problems)
            {
                var mark = problem.Severity switch { Severity.Error => "error", Severity.Warning => "warn ", _ => "info " };
                var where = problem.Where is null ? "" : $" ({problem.Where})";
                output.WriteLine($"  {mark} {problem.Code}: {problem.Message}{where}");
            }
        }

        var conforming = reports.Count(r => r.Conforming);
        output.WriteLine($"{reports.Count} file(s): {conforming} conforming, {reports.Count - conforming} not · 共 {reports.Count} 个文件，{conforming} 个显式标识合规");
    }
}
