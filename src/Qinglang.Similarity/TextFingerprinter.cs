using System.Numerics;
using System.Runtime.CompilerServices;
using Qinglang.Text.Normalization;

namespace Qinglang.Similarity;

/// <summary>
/// Builds <see cref="Fingerprint"/>s. The text is normalized with the text engine's <see cref="TextNormalizer"/>
/// (width, case, compatibility, traditional → simplified, invisible characters; punctuation kept because it marks
/// clauses), cut into units (one per CJK character, one per Latin word or number), clauses (at ，；： and sentence ends)
/// and sentences (at 。！？… and line breaks; 、, brackets, quotes and spaces are not boundaries), and shingled twice:
/// <list type="bullet">
/// <item>canonical shingles: spin-table words mapped to their canonical form, then n-unit windows taken
/// <em>circularly</em> inside each clause (a clause of m ≥ n units gives m windows, wrapping from its end to its
/// start; a shorter clause gives one order-free shingle), so reordering clauses or rotating a clause at any point
/// leaves the set unchanged;</item>
/// <item>raw shingles: the units as written, plain n-unit windows running across the clauses of a sentence (a
/// sentence shorter than n gives one shingle), which substitution, clause rotation and clause reordering change but
/// moving whole sentences does not.</item>
/// </list>
/// Text is processed in 64K-character chunks into bounded buffers, so a 50 MB document needs a few MB. Thread-safe:
/// each thread reuses its own buffers; the only allocations per call are the result arrays.
/// </summary>
public sealed class TextFingerprinter
{
    private const int ChunkLength = 1 << 16;
    private const int MaxClauseUnits = 1024;
    private const ulong ShortClauseSalt = 0x53484F5254UL;

    [ThreadStatic]
    private static Workspace? workspace;

    private readonly MinHasher minHasher;

    public TextFingerprinter(FingerprintOptions? options = null)
    {
        Options = options ?? FingerprintOptions.Default;
        Options.Validate();
        minHasher = new MinHasher(Options.Permutations, Options.Seed);
    }

    /// <summary>A fingerprinter with <see cref="FingerprintOptions.Default"/>.</summary>
    public static TextFingerprinter Default { get; } = new();

    public FingerprintOptions Options { get; }

    /// <summary>The normalization used for fingerprints: the text engine's defaults, except that punctuation stays.</summary>
    internal static TextNormalizer ContentNormalizer { get; } = new(NormalizationOptions.Default with { DropNoise = false });

    /// <summary>The fingerprint of <paramref name="text"/>; any string, empty included, has one.</summary>
    public Fingerprint Compute(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Compute(text.AsSpan());
    }

    /// <summary>The fingerprint of <paramref name="text"/>.</summary>
    public Fingerprint Compute(ReadOnlySpan<char> text)
    {
        var work = workspace ??= new Workspace();
        work.Reset(Options, minHasher.PaddedLength);
        for (var start = 0; start < text.Length;)
        {
            var end = TextNormalizer.ChunkEnd(text, Math.Min(text.Length, start + ChunkLength));
            if (end <= start)
            {
                end = Math.Min(text.Length, start + ChunkLength);
            }

            var length = ContentNormalizer.Normalize(text[start..end], work.Buffer);
            Shingle(work.Buffer.Text[..length], work);
            start = end;
        }

        EndClause(work);
        EndSentence(work);

        FlushCanonical(work);
        FlushRaw(work);
        var shingles = work.Canonical.Finish(out var distinct);
        var raw = work.Raw.Finish(out var rawDistinct);
        var minHash = new uint[Options.Permutations];
        work.Minima.AsSpan(0, minHash.Length).CopyTo(minHash);
        return new Fingerprint
        {
            MinHash = minHash,
            SimHash = distinct == 0 ? 0 : work.Sim.Finish(),
            Length = work.ContentLength,
            ShingleCount = distinct,
            Shingles = shingles,
            SampleLevel = work.Canonical.Level,
            RawShingles = raw,
            RawSampleLevel = work.Raw.Level,
            RawShingleCount = rawDistinct,
            Substitutions = work.Substitutions,
        };
    }

    /// <summary>Cuts one normalized chunk into units and clauses; the clause and raw window carry over to the next chunk.</summary>
    private void Shingle(ReadOnlySpan<char> text, Workspace work)
    {
        var classes = UnitClasses.Table;
        var canonicalizer = Options.Canonicalizer;
        for (var i = 0; i < text.Length;)
        {
            var ch = text[i];
            switch (classes[ch])
            {
                case UnitClasses.Ideograph:
                    if (canonicalizer.MayStartWith(ch))
                    {
                        var matched = canonicalizer.Match(text, i, out var form, out var substituted);
                        if (matched > 0)
                        {
                            foreach (var formChar in canonicalizer.Form(form))
                            {
                                AddCanonical(work, StableHash.CodePoint(formChar));
                            }

                            for (var k = i; k < i + matched; k++)
                            {
                                AddRawUnit(work, StableHash.CodePoint(text[k]));
                            }

                            work.ContentLength += matched;
                            work.Substitutions += substituted ? 1 : 0;
                            i += matched;
                            break;
                        }
                    }

                    AddUnit(work, StableHash.CodePoint(ch));
                    work.ContentLength++;
                    i++;
                    break;
                case UnitClasses.WordPart:
                    var wordEnd = i + 1;
                    while (wordEnd < text.Length && classes[text[wordEnd]] == UnitClasses.WordPart)
                    {
                        wordEnd++;
                    }

                    AddUnit(work, StableHash.Word(text[i..wordEnd]));
                    work.ContentLength += wordEnd - i;
                    i = wordEnd;
                    break;
                case UnitClasses.HighSurrogate:
                    if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        AddUnit(work, StableHash.CodePoint(char.ConvertToUtf32(ch, text[i + 1])));
                        work.ContentLength++;
                        i += 2;
                    }
                    else
                    {
                        i++;
                    }

                    break;
                case UnitClasses.Boundary:
                    EndClause(work);
                    i++;
                    break;
                case UnitClasses.SentenceEnd:
                    EndClause(work);
                    EndSentence(work);
                    i++;
                    break;
                default:
                    i++;
                    break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddUnit(Workspace work, ulong unit)
    {
        AddCanonical(work, unit);
        AddRawUnit(work, unit);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddCanonical(Workspace work, ulong unit)
    {
        if (work.ClauseCount == MaxClauseUnits)
        {
            EndClause(work);
        }

        work.Clause[work.ClauseCount++] = unit;
    }

    /// <summary>Raw units go through a ring of the last n; every unit from the n-th on completes one window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddRawUnit(Workspace work, ulong unit)
    {
        var n = Options.ShingleSize;
        work.Ring[(int)(work.RawSeen % n)] = unit;
        work.RawSeen++;
        if (work.RawSeen >= n)
        {
            var h = 0UL;
            var first = (int)(work.RawSeen % n);
            for (var k = 0; k < n; k++)
            {
                var index = first + k;
                h = (h ^ work.Ring[index >= n ? index - n : index]) * StableHash.Golden;
                h = BitOperations.RotateLeft(h, 29);
            }

            AddRaw(work, StableHash.Fold(h));
        }
    }

    /// <summary>Ends the raw window: a sentence shorter than n units still gives one shingle of all its units.</summary>
    private void EndSentence(Workspace work)
    {
        var seen = work.RawSeen;
        if (seen > 0 && seen < Options.ShingleSize)
        {
            var h = 0UL;
            for (var k = 0; k < seen; k++)
            {
                h = (h ^ work.Ring[k]) * StableHash.Golden;
                h = BitOperations.RotateLeft(h, 29);
            }

            AddRaw(work, StableHash.Fold(h));
        }

        work.RawSeen = 0;
    }

    /// <summary>Emits the circular windows of the finished clause (or its one order-free shingle when shorter than n).</summary>
    private void EndClause(Workspace work)
    {
        var m = work.ClauseCount;
        if (m == 0)
        {
            return;
        }

        var units = work.Clause;
        var n = Options.ShingleSize;
        if (m < n)
        {
            var sum = ShortClauseSalt;
            for (var k = 0; k < m; k++)
            {
                sum += StableHash.Mix(units[k]);
            }

            AddCanonicalShingle(work, StableHash.Fold(sum));
        }
        else
        {
            for (var j = 0; j < m; j++)
            {
                var h = 0UL;
                for (var k = 0; k < n; k++)
                {
                    var index = j + k;
                    h = (h ^ units[index >= m ? index - m : index]) * StableHash.Golden;
                    h = BitOperations.RotateLeft(h, 29);
                }

                AddCanonicalShingle(work, StableHash.Fold(h));
            }
        }

        work.ClauseCount = 0;
    }

    private void AddCanonicalShingle(Workspace work, uint shingle)
    {
        if (work.Canonical.Add(shingle))
        {
            FlushCanonical(work);
        }
    }

    private static void AddRaw(Workspace work, uint shingle)
    {
        if (work.Raw.Add(shingle))
        {
            FlushRaw(work);
        }
    }

    private void FlushCanonical(Workspace work)
    {
        var batch = work.Canonical.FlushBatch();
        if (batch.Length > 0)
        {
            minHasher.Update(batch, work.Minima);
            work.Sim.Add(batch);
        }
    }

    private static void FlushRaw(Workspace work) => work.Raw.FlushBatch();

    /// <summary>Per-thread buffers, reused across calls.</summary>
    private sealed class Workspace
    {
        public NormalizationBuffer Buffer { get; } = new();

        public ShingleAccumulator Canonical { get; } = new();

        public ShingleAccumulator Raw { get; } = new();

        public SimHasher Sim { get; } = new();

        public ulong[] Clause { get; } = new ulong[MaxClauseUnits];

        public ulong[] Ring { get; private set; } = new ulong[16];

        public uint[] Minima { get; private set; } = [];

        public int ClauseCount { get; set; }

        public long RawSeen { get; set; }

        public int ContentLength { get; set; }

        public int Substitutions { get; set; }

        public void Reset(FingerprintOptions options, int paddedPermutations)
        {
            Canonical.Reset(options.MaxStoredShingles);
            Raw.Reset(options.MaxStoredShingles);
            Sim.Reset();
            if (Minima.Length != paddedPermutations)
            {
                Minima = new uint[paddedPermutations];
            }

            Array.Fill(Minima, uint.MaxValue);
            ClauseCount = 0;
            RawSeen = 0;
            ContentLength = 0;
            Substitutions = 0;
        }
    }
}
