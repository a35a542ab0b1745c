namespace Qinglang.Text.Lexicons;

/// <summary>
/// Holds the current lexicon for a running host. Readers take <see cref="Current"/> (one volatile read, no lock)
/// and keep using the lexicon they got; a reload builds the new lexicon and its matcher completely, then swaps the
/// reference, so no reader ever waits or sees a half-built lexicon. A reload with errors keeps the current
/// lexicon. Every load, reload and rejection is written to the change log (who, when, what).
/// </summary>
public sealed class LexiconStore
{
    private readonly Lock reloadGate = new();
    private readonly LexiconChangeLog changeLog;
    private readonly TimeProvider clock;
    private readonly List<Func<string, string>> keyNormalizers = [];
    private Lexicon current;
    private IReadOnlyList<string> sources;

    /// <summary>Starts with <paramref name="initial"/>, logging it as a <c>load</c> in which every entry is added.</summary>
    public LexiconStore(Lexicon initial, string changeLogPath, string who, IReadOnlyList<string>? sources = null, TimeProvider? clock = null)
    {
        current = initial;
        this.sources = sources ?? [];
        changeLog = new LexiconChangeLog(changeLogPath);
        this.clock = clock ?? TimeProvider.System;
        changeLog.Write(this.clock.GetUtcNow(), who, "load", null, initial.Version, this.sources, LexiconDiff.Between(null, initial));
    }

    /// <summary>The lexicon in force now.</summary>
    public Lexicon Current => Volatile.Read(ref current);

    /// <summary>The files the current lexicon was loaded from (empty when it was given directly).</summary>
    public IReadOnlyList<string> Sources => Volatile.Read(ref sources);

    public string ChangeLogPath => changeLog.Path;

    /// <summary>
    /// Registers how a reader keys entries (<see cref="Lexicon.MatcherFor"/>): on every reload the matcher for it is
    /// built before the swap, so the first reader after a reload does not pay for building it.
    /// </summary>
    public void AddKeyNormalizer(Func<string, string> keyOf)
    {
        lock (reloadGate)
        {
            if (!keyNormalizers.Contains(keyOf)) keyNormalizers.Add(keyOf);
        }

        Current.MatcherFor(keyOf);
    }

    /// <summary>Raised after a new lexicon became current.</summary>
    public event Action<Lexicon, LexiconDiff>? Changed;

    /// <summary>Loads the files the store was opened with, or last reloaded from, again.</summary>
    public LexiconReloadResult Reload(string who) =>
        Sources.Count > 0 ? Reload(Sources, who) : throw new InvalidOperationException("The current lexicon was not loaded from files; name the files to reload.");

    /// <summary>Loads <paramref name="paths"/> and makes them current unless they have errors.</summary>
    public LexiconReloadResult Reload(IReadOnlyList<string> paths, string who)
    {
        var loaded = Lexicon.TryLoad(paths);
        lock (reloadGate)
        {
            if (loaded.Lexicon is null)
            {
                var errors = loaded.Errors.ToList();
                changeLog.Write(clock.GetUtcNow(), who, "rejected", Current.Version, null, paths, null, errors);
                return new LexiconReloadResult(false, Current, null, loaded.Issues);
            }

            return Swap(loaded.Lexicon, paths, who, "reload", loaded.Issues);
        }
    }

    /// <summary>Makes an already built lexicon current (an editor, an import).</summary>
    public LexiconReloadResult Replace(Lexicon next, string who)
    {
        lock (reloadGate) return Swap(next, [], who, "replace", next.Warnings);
    }

    /// <summary>Opens a store on files; throws <see cref="LexiconLoadException"/> when they have errors.</summary>
    public static LexiconStore Open(IReadOnlyList<string> paths, string changeLogPath, string who, TimeProvider? clock = null) =>
        new(Lexicon.TryLoad(paths).GetOrThrow(), changeLogPath, who, paths, clock);

    private LexiconReloadResult Swap(Lexicon next, IReadOnlyList<string> paths, string who, string action, IReadOnlyList<LexiconIssue> issues)
    {
        foreach (var keyOf in keyNormalizers) next.MatcherFor(keyOf);
        var previous = Current;
        var diff = LexiconDiff.Between(previous, next);
        // Log first: a change that is in force must be in the log, even if the process dies right after.
        changeLog.Write(clock.GetUtcNow(), who, action, previous.Version, next.Version, paths, diff);
        Volatile.Write(ref sources, paths);
        Interlocked.Exchange(ref current, next);
        Changed?.Invoke(next, diff);
        return new LexiconReloadResult(true, next, diff, issues);
    }
}
