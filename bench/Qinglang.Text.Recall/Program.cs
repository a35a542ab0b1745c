using System.Globalization;
using Qinglang.Text.Lexicons;
using Qinglang.Text.Recall;
using Qinglang.Text.Scanning;

// Usage: [--lexicon FILE] [--threshold 0.98] [--seeds FOLDER]. Without --lexicon the default library is measured.
// Exit 0 when every evasion kind reaches the threshold, 1 when one does not, 2 on bad arguments.
string? lexiconPath = null, seeds = null;
double threshold = Thresholds.Recall;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--lexicon" when i + 1 < args.Length: lexiconPath = args[++i]; break;
        case "--seeds" when i + 1 < args.Length: seeds = args[++i]; break;
        case "--threshold" when i + 1 < args.Length && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var t):
            threshold = t;
            i++;
            break;
        default:
            Console.Error.WriteLine("usage: Qinglang.Text.Recall [--lexicon FILE] [--threshold FRACTION] [--seeds FOLDER]");
            return 2;
    }
}

var options = lexiconPath is null ? new ScanOptions() : new ScanOptions { UseDefaultLexicon = false, LexiconPaths = [lexiconPath] };
var lexicon = lexiconPath is null ? Lexicon.LoadDefault() : Lexicon.Load(lexiconPath);
var report = RecallHarness.ForPipeline(options).Run(lexicon.Entries, CleanCorpus.Load(seeds));
Console.Write(report.ToMarkdown(threshold));
var failing = report.Failing(threshold);
foreach (var kind in failing)
{
    Console.Error.WriteLine($"recall for {kind.Kind} is {kind.Recall:P1}, below {threshold:P0}");
}

return failing.Count == 0 ? 0 : 1;
