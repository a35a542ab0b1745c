using System.CommandLine;
using Qinglang.Cli.Commands;

var root = new RootCommand("Qinglang (清朗): label, inspect and sign AI-generated content per GB 45438-2025.")
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
