using System.Collections.Concurrent;
using Qinglang.Text.Matching;

namespace Qinglang.Text.Lexicons;

/// <summary>
/// An immutable, validated feature library (特征库): words, allow-list phrases, co-occurrence rules and regular
/// expressions, with a version. Built by <see cref="LexiconBuilder"/> (usually through <see cref="Load(string[])"/>).
/// Matchers are built on first use, one per way of keying entries (<see cref="MatcherFor"/>): a host that scans
/// through a normalizer pays for that matcher only, never for the lower-case <see cref="Matcher"/> it does not use.
/// </summary>
public sealed class Lexicon
{
    /// <summary>Name of the embedded default library (data/lexicon/default.tsv).</summary>
    public const string DefaultResourceName = "Qinglang.Text.Lexicon.default.tsv";

    // Lazy, so threads racing on a first use build a matcher once (a 1M-entry build holds hundreds of MB while it runs).
    private readonly ConcurrentDictionary<Func<string, string>, Lazy<LexiconMatcher>> matchers = new();
    private readonly Lazy<LexiconMatcher> matcher;

    internal Lexicon(string version, IReadOnlyList<LexiconEntry> entries, IReadOnlyList<LexiconIssue> warnings)
    {
        Version = version;
        Entries = entries;
        Warnings = warnings;
        matcher = new Lazy<LexiconMatcher>(() => LexiconMatcher.Build(entries, DefaultKey));
    }

    /// <summary>The declared version (several files: joined by <c>+</c>), or <c>sha256:…</c> of the content when none was declared.</summary>
    public string Version { get; }

    /// <summary>Every accepted entry; an entry's <see cref="LexiconEntry.Id"/> is its index here.</summary>
    public IReadOnlyList<LexiconEntry> Entries { get; }

    /// <summary>Warnings found while loading (skipped one-character words, duplicates, common-text hits).</summary>
    public IReadOnlyList<LexiconIssue> Warnings { get; }

    /// <summary>The matcher over text normalized to lower case (<see cref="DefaultKey"/>), built on first use.</summary>
    public LexiconMatcher Matcher => matcher.Value;

    /// <summary>How entries are keyed when no normalizer is given: lower-cased, character for character.</summary>
    public static string DefaultKey(string text) => text.ToLowerInvariant();

    /// <summary>
    /// The matcher for text produced by a normalizer whose effect on an entry is <paramref name="keyOf"/>; built on
    /// first use, once per delegate instance, and cached (pass the same delegate for the same keying:
    /// <see cref="LexiconDetector"/> shares one per <see cref="Normalization.NormalizationOptions"/>).
    /// </summary>
    public LexiconMatcher MatcherFor(Func<string, string> keyOf) =>
        keyOf == DefaultKeyDelegate ? Matcher
        : matchers.GetOrAdd(keyOf, k => new Lazy<LexiconMatcher>(() => LexiconMatcher.Build(Entries, k))).Value;

    private static readonly Func<string, string> DefaultKeyDelegate = DefaultKey;

    /// <summary>Whether the lower-case <see cref="Matcher"/> was built (a normalizing host should never build it).</summary>
    internal bool LowerCaseMatcherBuilt => matcher.IsValueCreated;

    /// <summary>Matchers built so far, the lower-case one included.</summary>
    internal int BuiltMatcherCount => (matcher.IsValueCreated ? 1 : 0) + matchers.Values.Count(m => m.IsValueCreated);

    /// <summary>Loads and merges files; <c>.jsonl</c>/<c>.ndjson</c> files are JSON lines, anything else plain.</summary>
    /// <exception cref="LexiconLoadException">Some file has errors; the exception lists all of them with lines.</exception>
    public static Lexicon Load(params string[] paths) => TryLoad(paths).GetOrThrow();

    /// <summary>Loads and merges files, returning the issues instead of throwing.</summary>
    public static LexiconLoadResult TryLoad(IEnumerable<string> paths)
    {
        var builder = new LexiconBuilder();
        foreach (string path in paths)
        {
            try
            {
                using var reader = new StreamReader(path, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
                Read(reader, path, FormatOf(path), builder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
            {
                builder.Error("lexicon.io", $"Cannot read the file: {e.Message}", new EntrySource(path, 0));
            }
        }

        return builder.Build();
    }

    /// <summary>Parses lexicon text held in memory (tests, embedded resources).</summary>
    public static LexiconLoadResult Parse(string content, LexiconFormat format, string sourceName = "<text>")
    {
        var builder = new LexiconBuilder();
        Read(new StringReader(content), sourceName, format, builder);
        return builder.Build();
    }

    /// <summary>The project's curated default library, embedded in this assembly (data/lexicon/README.md).</summary>
    public static Lexicon LoadDefault()
    {
        using var stream = typeof(Lexicon).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {DefaultResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        var builder = new LexiconBuilder();
        PlainLexiconReader.Read(reader, "default.tsv", builder);
        return builder.Build().GetOrThrow();
    }

    /// <summary>JSON lines for <c>.jsonl</c> and <c>.ndjson</c>, plain for anything else.</summary>
    public static LexiconFormat FormatOf(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".jsonl" or ".ndjson" ? LexiconFormat.JsonLines : LexiconFormat.Plain;

    /// <summary>The entry a match refers to.</summary>
    public LexiconEntry EntryOf(in LexiconMatch match) => Entries[match.EntryId];

    /// <summary>Entries per category (words and rules; allow-list phrases are not counted).</summary>
    public IReadOnlyDictionary<string, int> CountByCategory()
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            if (entry.Kind == EntryKind.Allow) continue;
            counts[entry.Category] = counts.GetValueOrDefault(entry.Category) + 1;
        }

        return counts;
    }

    private static void Read(TextReader reader, string sourceName, LexiconFormat format, LexiconBuilder builder)
    {
        if (format == LexiconFormat.JsonLines) JsonLinesLexiconReader.Read(reader, sourceName, builder);
        else PlainLexiconReader.Read(reader, sourceName, builder);
    }
}
