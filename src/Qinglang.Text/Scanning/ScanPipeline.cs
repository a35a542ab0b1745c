using Qinglang.Text.Detectors;
using Qinglang.Text.Lexicons;
using Qinglang.Text.Normalization;

namespace Qinglang.Text.Scanning;

/// <summary>Builds the <see cref="TextScanner"/> a host runs: the lexicon detectors from the options, then the built-ins.</summary>
public static class ScanPipeline
{
    /// <summary>The detectors every scan runs besides lexicons: contacts, links, personal information, SEO stuffing.</summary>
    public static IReadOnlyList<ITextDetector> BuiltInDetectors() =>
    [
        new MessengerIdDetector(),
        new UrlDetector(),
        new PhoneDetector(),
        new EmailDetector(),
        new IdCardDetector(),
        new BankCardDetector(),
        new SeoStuffingDetector(),
    ];

    /// <summary>
    /// The scanner for <paramref name="options"/>: the default library (unless turned off), one lexicon detector per
    /// file given, then the built-in detectors. Lexicon entries and text go through the same normalizer.
    /// </summary>
    /// <exception cref="LexiconLoadException">A lexicon file has errors (each with its file and line).</exception>
    public static TextScanner Build(ScanOptions options)
    {
        var detectors = new List<ITextDetector>();
        if (options.UseDefaultLexicon)
        {
            detectors.Add(Detector(Lexicon.LoadDefault(), options.Normalizer));
        }

        foreach (var path in options.LexiconPaths)
        {
            detectors.Add(Detector(Lexicon.Load(path), options.Normalizer));
        }

        detectors.AddRange(BuiltInDetectors());
        return new TextScanner(detectors);
    }

    /// <summary>The detector owns the normalizer, so it normalizes into a reused buffer instead of a new copy per text.</summary>
    private static LexiconDetector Detector(Lexicon lexicon, TextNormalizer? normalizer) =>
        normalizer is null ? new LexiconDetector(lexicon) : new LexiconDetector(lexicon, normalizer);
}
