using Qinglang.Text.Lexicons;
using Qinglang.Text.Normalization;
using Qinglang.Text.Scanning;

namespace Qinglang.Text.Recall;

/// <summary>
/// Measures the scan pipeline end to end: every word entry, disguised each way <see cref="VariantGenerator"/> knows,
/// embedded in each of <see cref="Sentences.Templates"/>, must come back as a finding of the entry's category
/// overlapping the disguise; then every finding on clean text counts as a false positive.
/// </summary>
public sealed class RecallHarness(TextScanner scanner, VariantGenerator variants)
{
    private const int MissesShown = 8;

    /// <summary>The pipeline a host runs (<see cref="ScanPipeline.Build"/>) with the default normalizer.</summary>
    public static RecallHarness ForPipeline(ScanOptions options) =>
        new(ScanPipeline.Build(options), new VariantGenerator(options.Normalizer ?? TextNormalizer.Default));

    public RecallReport Run(IReadOnlyList<LexiconEntry> entries, IReadOnlyList<(string Name, string Text)> clean)
    {
        var words = entries.Where(e => e.Kind == EntryKind.Word).ToList();
        var kinds = VariantGenerator.Kinds.Select(kind => MeasureKind(words, kind)).ToList();
        return new RecallReport(words.Count, kinds, clean.Sum(t => (long)t.Text.Length), FalsePositives(clean));
    }

    private KindRecall MeasureKind(List<LexiconEntry> words, EvasionKind kind)
    {
        int cases = 0, found = 0, exact = 0;
        var misses = new List<string>();
        foreach (var entry in words)
        {
            if (variants.Variant(entry.Text, kind) is not { } disguised) continue;
            foreach (var template in Sentences.Templates)
            {
                int at = template.IndexOf("{0}", StringComparison.Ordinal);
                string sentence = string.Concat(template.AsSpan(0, at), disguised, template.AsSpan(at + 3));
                int end = at + disguised.Length;
                cases++;
                bool hit = false, spot = false;
                foreach (var finding in scanner.Scan(sentence))
                {
                    if (finding.Category != entry.Category || finding.End <= at || finding.Start >= end) continue;
                    hit = true;
                    spot |= finding.Start == at && finding.End == end;
                }

                found += hit ? 1 : 0;
                exact += spot ? 1 : 0;
                if (!hit && misses.Count < MissesShown && !misses.Contains(disguised)) misses.Add(disguised);
            }
        }

        return new KindRecall(kind, cases, found, exact, misses);
    }

    private List<DetectorFalsePositives> FalsePositives(IReadOnlyList<(string Name, string Text)> clean)
    {
        var result = new List<DetectorFalsePositives>();
        foreach (var detector in scanner.Detectors)
        {
            int count = 0;
            var examples = new List<string>();
            foreach (var (name, text) in clean)
            {
                foreach (var finding in detector.Detect(text))
                {
                    count++;
                    if (examples.Count < MissesShown) examples.Add($"{name}: {finding.Text} ({finding.Rule})");
                }
            }

            result.Add(new DetectorFalsePositives(DetectorName(detector, result), count, examples));
        }

        return result;
    }

    private static string DetectorName(ITextDetector detector, List<DetectorFalsePositives> earlier)
    {
        string name = detector.GetType().Name;
        int same = earlier.Count(e => e.Detector == name || e.Detector.StartsWith(name + " #", StringComparison.Ordinal));
        return same == 0 ? name : $"{name} #{same + 1}";
    }
}
