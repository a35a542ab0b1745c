using System.CommandLine;
using Qinglang.Cli.Commands;

const string Description = "Qinglang (清朗): label, inspect and sign AI-generated content per GB 45438-2025.";

// The batch commands build only their own parser: a call over a folder should not pay for every other command's.
Command? batch = args.Length == 0 ? null : args[0] switch
{
    "label" => LabelCommand.Create(),
    "inspect" => InspectCommand.Create(),
    _ => null,
};

var root = batch is not null ? new RootCommand(Description) { batch } : new RootCommand(Description)
{
    LabelCommand.Create(),
    InspectCommand.Create(),
    IdentifyCommand.Create(),
    MarkCommand.Create(),
    CheckMarkCommand.Create(),
    KeygenCommand.Create(),
    DemoCommand.Create(),
    ScanTextCommand.Create(),
    SimilarCommand.Create(),
    RumorCommand.Create(),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"qinglang: {error.Message}");
    }

    Console.Error.WriteLine("Run 'qinglang --help' for usage.");
    return ExitCodes.Usage;
}

return parsed.Invoke();
