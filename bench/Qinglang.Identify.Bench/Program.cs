using Qinglang.Identify.Bench;

// generate <corpus folder> [count=10000]: the benchmark's files, and <folder>.expected.tsv (file → expected decision).
// check <identify --json output> <expected.tsv>: every decision as expected? Prints counts per kind; exit 1 on a mismatch.
return args switch
{
    ["generate", var folder] => Corpus.Generate(folder, 10_000),
    ["generate", var folder, var count] => Corpus.Generate(folder, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)),
    ["check", var json, var expected] => Corpus.Check(json, expected),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Qinglang.Identify.Bench generate <corpus folder> [count] | check <identify.json> <expected.tsv>");
    return 2;
}
