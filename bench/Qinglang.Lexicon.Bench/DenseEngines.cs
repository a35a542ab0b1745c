using Qinglang.Text.Lexicons;
using Qinglang.Text.Normalization;

namespace Qinglang.Lexicon.Bench;

/// <summary>
/// Qinglang on the dense workload: the value path (<see cref="LexiconDetector.ScanHits"/>, what a host that only
/// decides or counts uses) and the findings path (<see cref="LexiconDetector.Scan"/>, a finding object per hit),
/// with every normalization on and with lower-casing only. Build includes validating the library and building the
/// matcher the detector scans with.
/// </summary>
internal static class DenseEngines
{
    public static IReadOnlyList<(string Name, Func<IReadOnlyList<string>, Func<string, int>> Build)> All { get; } =
    [
        ("Qinglang ScanHits, every normalization", words => Hits(Detector(words, normalized: true))),
        ("Qinglang ScanHits, lower-case only", words => Hits(Detector(words, normalized: false))),
        ("Qinglang Scan (findings), every normalization", words => Findings(Detector(words, normalized: true))),
        ("Qinglang Scan (findings), lower-case only", words => Findings(Detector(words, normalized: false))),
    ];

    public static void Report(DenseData data)
    {
        Console.WriteLine(data.Description);
        Console.WriteLine($"{data.Comments.Count:N0} comments, {data.CharCount:N0} chars");
        Console.WriteLine(DenseRow.Header);
        foreach (var (name, build) in All) Console.WriteLine(DenseRun.Measure(name, data, build).ToMarkdown());
    }

    private static LexiconDetector Detector(IReadOnlyList<string> words, bool normalized)
    {
        var library = Workloads.Library(words);
        var detector = normalized ? new LexiconDetector(library, TextNormalizer.Default) : new LexiconDetector(library);
        detector.ScanHits(""); // builds the matcher keyed for this detector, which is part of building
        return detector;
    }

    private static Func<string, int> Hits(LexiconDetector detector) => text => detector.ScanHits(text).Count;

    private static Func<string, int> Findings(LexiconDetector detector) => text => detector.Scan(text).Findings.Count;
}
