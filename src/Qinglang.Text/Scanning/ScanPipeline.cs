using Qinglang.Text.Detectors;

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
    /// The scanner for <paramref name="options"/>. Each lexicon path is turned into a detector by
    /// <paramref name="loadLexicon"/> (the lexicon library's loader); asking for lexicons without a loader is an error,
    /// never a silent scan without them.
    /// </summary>
    /// <exception cref="NotSupportedException">Lexicon paths were given but no loader.</exception>
    public static TextScanner Build(ScanOptions options, Func<string, ITextDetector>? loadLexicon = null)
    {
        var detectors = new List<ITextDetector>();
        if (options.LexiconPaths.Count > 0)
        {
            if (loadLexicon is null)
            {
                throw new NotSupportedException("this build has no lexicon loader; --lexicon cannot be used");
            }

            foreach (var path in options.LexiconPaths)
            {
                detectors.Add(loadLexicon(path));
            }
        }

        detectors.AddRange(BuiltInDetectors());
        return new TextScanner(detectors);
    }
}
