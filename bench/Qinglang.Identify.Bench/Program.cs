using Qinglang.Identify.Bench;

// Usage: Qinglang.Identify.Bench <corpus folder> [count=10000]
// Writes <count> files cycling through the template kinds, plus expected.tsv (file → expected decision) beside the folder.
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: Qinglang.Identify.Bench <corpus folder> [count]");
    return 2;
}

var corpus = Path.GetFullPath(args[0]);
var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
if (Directory.Exists(corpus))
{
    Directory.Delete(corpus, recursive: true);
}

Directory.CreateDirectory(corpus);
using var folder = new TempFolder();
var templates = Templates.Make(folder);
var bytes = templates.Select(t => File.ReadAllBytes(t.Path)).ToArray();
using var expected = new StreamWriter(corpus + ".expected.tsv");
for (var i = 0; i < count; i++)
{
    var t = i % templates.Count;
    var (kind, path, decision) = templates[t];
    var name = Path.Combine(corpus, $"{i:00000}-{kind}{Path.GetExtension(path)}");
    if (kind is "plain-txt" or "plain-md")
    {
        // Text uploads differ from one another; the review reads every line.
        File.WriteAllText(name, $"第{i}号帖子：今天的例会讨论了第{i % 97}项议题。\n{File.ReadAllText(path)}");
    }
    else
    {
        File.WriteAllBytes(name, bytes[t]);
    }

    expected.WriteLine($"{name}\t{decision}");
}

Console.WriteLine($"{count} files of {templates.Count} kinds in {corpus}: {string.Join(", ", templates.Select(t => t.Kind))}");
return 0;
