using System.CommandLine;
using Qinglang.Cli.Console;
using Qinglang.Labels;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.IO;
using Qinglang.Labels.Signing;
using Qinglang.Labels.Writing;

namespace Qinglang.Cli.Commands;

/// <summary><c>qinglang label</c>: writes one implicit label into a file, or into every supported file of a folder.</summary>
internal static class LabelCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "File or folder to label (a folder: every supported file in it, recursively)" };
        var output = new Option<string?>("--output", "-o") { Description = "Write here instead of changing the input in place (a folder for a folder input)" };
        var producer = new Option<string?>("--producer") { Description = "ContentProducer: the generating service's provider code (TC260-PG-20252A)" };
        var produceId = new Option<string?>("--produce-id") { Description = "ProduceID: the producer's unique id of this content" };
        var label = new Option<string?>("--label") { Description = "Label: 1 AI-generated, 2 possibly, 3 suspected (default: keep, or 1)" };
        label.AcceptOnlyFromAmong(Labels.Model.LabelValue.Generated, Labels.Model.LabelValue.Possibly, Labels.Model.LabelValue.Suspected);
        var propagator = new Option<string?>("--propagator") { Description = "ContentPropagator: the spreading platform's code" };
        var propagateId = new Option<string?>("--propagate-id") { Description = "PropagateID: the platform's unique id of this content" };
        var signKey = new Option<string?>("--sign-key") { Description = "SM2 private key (PEM) to sign with: ReservedCode1 for a producer, ReservedCode2 for a platform" };
        var durable = new Option<bool>("--durable") { Description = "Flush each file to disk before it replaces the original (survives power loss; slower)" };
        var moovToEnd = new Option<bool>("--moov-to-end")
        {
            Description = "MP4/MOV in place: when the moov is ahead of the media, move it to the end instead of rewriting the file (near-instant on large files; the file loses fast start for streaming)",
        };

        var rewriteMedia = new Option<bool>("--rewrite-media")
        {
            Description = "MP4/MOV in place: when the moov is ahead of the media and must grow, rewrite the whole file instead of moving only the first chunks of media to the end (the default)",
        };

        var command = new Command("label", "Write the implicit label (隐式标识) into files; every earlier label site is replaced.")
        {
            input, output, producer, produceId, label, propagator, propagateId, signKey, durable, moovToEnd, rewriteMedia,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(moovToEnd) && result.GetValue(rewriteMedia))
            {
                result.AddError("--moov-to-end and --rewrite-media are alternatives: choose one");
            }
        });
        command.SetAction(parse =>
        {
            if (!KeyFiles.TryLoadSigning(parse, signKey, out var key))
            {
                return ExitCodes.Usage;
            }

            var request = new LabelRequest
            {
                Label = parse.GetValue(label),
                ContentProducer = parse.GetValue(producer),
                ProduceID = parse.GetValue(produceId),
                ContentPropagator = parse.GetValue(propagator),
                PropagateID = parse.GetValue(propagateId),
                SigningKey = key,
            };
            return Run(parse.GetValue(input)!, parse.GetValue(output), request, new LabelWriter(CarrierRegistry.Default, parse.GetValue(durable), parse.GetValue(moovToEnd), parse.GetValue(rewriteMedia)));
        });
        return command;
    }

    private static int Run(string input, string? output, LabelRequest request, LabelWriter writer)
    {
        if (!File.Exists(input) && !Directory.Exists(input))
        {
            System.Console.Error.WriteLine($"qinglang: {input}: no such file or folder");
            return ExitCodes.Usage;
        }

        if (File.Exists(input))
        {
            return LabelOne(writer, input, output, request, quietSkip: false) switch
            {
                Outcome.Labeled => ExitCodes.Ok,
                Outcome.Unreadable => ExitCodes.Usage,
                _ => ExitCodes.Failed,
            };
        }

        var files = InputFiles.Expand(input).ToList();
        var counts = new int[(int)Outcome.Unreadable + 1];
        using (var progress = new Progress(files.Count, "labeling"))
        {
            Workers.Run(files, Workers.ForFileWork, file =>
            {
                var target = output is null ? null : Path.Combine(output, Path.GetRelativePath(input, file));
                if (target is not null)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
                }

                Interlocked.Increment(ref counts[(int)LabelOne(writer, file, target, request, quietSkip: true)]);
                progress.Step(file);
            }, perWorker: RecycledTemporary.Begin);
        }

        var labeled = counts[(int)Outcome.Labeled];
        var skipped = counts[(int)Outcome.Skipped];
        var failed = files.Count - labeled - skipped;
        System.Console.Error.WriteLine($"{labeled} labeled, {skipped} skipped (unsupported), {failed} failed · 已标识 {labeled}，跳过 {skipped}，失败 {failed}");
        return failed > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private enum Outcome
    {
        Labeled,
        Skipped,
        Failed,
        Unreadable,
    }

    private static Outcome LabelOne(LabelWriter writer, string file, string? output, LabelRequest request, bool quietSkip)
    {
        try
        {
            var result = writer.Write(file, output, request);
            if (!quietSkip)
            {
                var how = result.InPlace ? "in place" : output is null ? "replaced atomically" : $"→ {result.Path}";
                System.Console.WriteLine($"labeled {file} ({result.Format}, Label {result.Label.Label}) {how}");
            }

            return Outcome.Labeled;
        }
        catch (LabelingException ex) when (quietSkip && ex.Code is Labels.Model.ProblemCodes.FormatUnknown or Labels.Model.ProblemCodes.NoImplicitSite)
        {
            return Outcome.Skipped;
        }
        catch (LabelingException ex)
        {
            System.Console.Error.WriteLine($"qinglang: {file}: {ex.Message} [{ex.Code}]");
            return Outcome.Failed;
        }
        catch (ContainerFormatException ex)
        {
            System.Console.Error.WriteLine($"qinglang: {file}: corrupt file, left untouched: {ex.Message} [{Labels.Model.ProblemCodes.ContainerCorrupt}]");
            return Outcome.Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            System.Console.Error.WriteLine($"qinglang: {file}: {ex.Message} [{Labels.Model.ProblemCodes.ReadError}]");
            return Outcome.Unreadable;
        }
    }
}
