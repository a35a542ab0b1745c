using System.Globalization;
using Qinglang.Similarity;
using Qinglang.Similarity.Spin;
using Qinglang.Similarity.Spin.Bench;

// The spin harness: one command, prints Markdown tables (reported in src/Qinglang.Similarity/README.md).
//   dotnet run -c Release --project bench/Qinglang.Similarity.Spin [-- --quick]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var quick = args.Contains("--quick");
var documents = Corpus.Load();
var builtIn = SpinCanonicalizer.Default;
var heldOut = HeldOutSubstitutions.Pairs(builtIn);
var spinner = new Spinner(builtIn.Pairs.Select(p => (p.Canonical, p.Variant)), heldOut);
var workload = Workload.Create(documents, spinner, seed: 20250901);
var related = Relatedness.Of(documents);
var relatedPairs = related.Cast<bool>().Count(r => r);

Console.WriteLine($"# Spin harness: {documents.Count} clean paragraphs from {documents.Select(d => d.Source).Distinct().Count()} texts; " +
    $"{builtIn.Pairs.Count} known and {heldOut.Count} held-out substitutions\n");
Console.WriteLine("| setting | words swapped / swappable | of them held-out |");
Console.WriteLine("|---|---|---|");
foreach (var (setting, (substituted, held, candidates)) in workload.SpinCounts)
{
    Console.WriteLine($"| {setting} | {substituted} / {candidates} | {held} |");
}

var defaults = FingerprintOptions.Default;
var configurations = new List<(string Name, FingerprintOptions Options)>
{
    ("n=3 (default)", defaults),
    ("n=2", defaults with { ShingleSize = 2 }),
    ("n=4", defaults with { ShingleSize = 4 }),
    ("n=5", defaults with { ShingleSize = 5 }),
    ("n=3, no spin table", defaults with { Canonicalizer = SpinCanonicalizer.Empty }),
};
if (quick)
{
    configurations.RemoveRange(2, 2);
}

var fingerprints = configurations.ToDictionary(c => c.Name, c => Fingerprints.For(workload, new TextFingerprinter(c.Options)));

Console.WriteLine("\n## Decision per setting, default thresholds (match = NearDuplicate, Containment or SpunCopy)\n");
Console.WriteLine($"Recall = originals matched to their own variant; precision over all other original × variant pairs except the {relatedPairs} " +
    "whose clean texts already overlap (plain 4-gram containment ≥ 0.5; matched ones listed in the last column); spun = positives flagged Spun.\n");
Console.WriteLine("| setting | " + string.Join(" | ", configurations.Select(c => c.Name + " P / R / spun / related")) + " |");
Console.WriteLine("|---|" + string.Concat(configurations.Select(_ => "---|")));
foreach (var setting in SpinSetting.All)
{
    var cells = configurations.Select(c =>
    {
        var (originals, variants) = fingerprints[c.Name];
        var e = Evaluation.Run(originals, variants[setting], related, SimilarityScorer.Default);
        return $"{e.Precision:0.000} / {e.Recall:0.000} / {e.SpunRate:0.00} / {e.RelatedMatched}";
    });
    Console.WriteLine($"| {setting} | {string.Join(" | ", cells)} |");
}

Console.WriteLine("\n## Pairs of different paragraphs matched on exact copies (default options)\n");
var (exactOriginals, exactVariants) = fingerprints["n=3 (default)"];
NegativeReport.Print(exactOriginals, exactVariants[new SpinSetting(0, false)], documents, related, SimilarityScorer.Default, 20);

Console.WriteLine("\n## Threshold sweep (n=3): overall precision, recall at 30/50/70% with reordering, spun rate on spun copies, spun flags on exact copies\n");
Console.WriteLine("| Jaccard ≥ | containment ≥ | spun gap ≥ | precision | strict precision | R 30%+r | R 50%+r | R 70%+r | spun rate | spun on unspun copies |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
var (defaultOriginals, defaultVariants) = fingerprints["n=3 (default)"];
foreach (var jaccard in new[] { 0.3, 0.4, 0.5, 0.6 })
{
    foreach (var gap in new[] { 0.05, 0.1, 0.2, 0.3 })
    {
        var thresholds = SimilarityThresholds.Default with { NearDuplicateJaccard = jaccard, Containment = Math.Max(jaccard + 0.1, 0.5), SpunGap = gap };
        var scorer = new SimilarityScorer(thresholds);
        var results = SpinSetting.All.ToDictionary(s => s, s => Evaluation.Run(defaultOriginals, defaultVariants[s], related, scorer));
        var truePositives = results.Values.Sum(r => r.TruePositives);
        var falsePositives = results.Values.Sum(r => r.FalsePositives);
        var relatedMatched = results.Values.Sum(r => r.RelatedMatched);
        var spunSettings = results.Where(r => !r.Key.IsUnspun).Select(r => r.Value).ToList();
        var spunRate = (double)spunSettings.Sum(r => r.SpunFlagged) / spunSettings.Sum(r => r.Positives);
        var unspunFlagged = results.Where(r => r.Key.IsUnspun).Sum(r => r.Value.SpunFlagged);
        Console.WriteLine($"| {jaccard:0.0} | {thresholds.Containment:0.0} | {gap:0.00} | {(double)truePositives / (truePositives + falsePositives):0.000} | " +
            $"{(double)truePositives / (truePositives + falsePositives + relatedMatched):0.000} | " +
            $"{results[new SpinSetting(0.3, true)].Recall:0.000} | {results[new SpinSetting(0.5, true)].Recall:0.000} | {results[new SpinSetting(0.7, true)].Recall:0.000} | " +
            $"{spunRate:0.000} | {unspunFlagged} |");
    }
}

Console.WriteLine("\n## LSH candidates (K=128, n=3): share of positives sharing a band key / share of negative pairs sharing one\n");
var bandings = new[] { new LshBands(16, 8), new LshBands(32, 4), new LshBands(42, 3), new LshBands(64, 2) };
Console.WriteLine("| setting | " + string.Join(" | ", bandings.Select(b => $"{b.Bands}×{b.Rows}")) + " |");
Console.WriteLine("|---|" + string.Concat(bandings.Select(_ => "---|")));
foreach (var setting in SpinSetting.All)
{
    var cells = bandings.Select(b => Candidates.Rates(b, defaultOriginals, defaultVariants[setting]));
    Console.WriteLine($"| {setting} | {string.Join(" | ", cells.Select(c => $"{c.Positive:0.000} / {c.Negative:0.0000}"))} |");
}

Console.WriteLine("\n## Fingerprint throughput (Compute on ~200-character posts)\n");
Throughput.Report(documents, workload, quick ? 20_000 : 200_000);
