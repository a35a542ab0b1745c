using System.Text.Json;

namespace Qinglang.Identify.Bench;

/// <summary>Writes the benchmark corpus (copies of the templates, text made unique) and checks identify's answers on it.</summary>
internal static class Corpus
{
    public static int Generate(string folder, int count)
    {
        var corpus = Path.GetFullPath(folder);
        if (Directory.Exists(corpus))
        {
            Directory.Delete(corpus, recursive: true);
        }

        Directory.CreateDirectory(corpus);
        using var scratch = new TempFolder();
        var templates = Templates.Make(scratch);
        var bytes = templates.Select(t => File.ReadAllBytes(t.Path)).ToArray();
        using var expected = new StreamWriter(corpus + ".expected.tsv");
        for (var i = 0; i < count; i++)
        {
            var t = i % templates.Count;
            var (kind, path, decision) = templates[t];
            var name = Path.Combine(corpus, $"{i:00000}-{kind}{Path.GetExtension(path)}");
            if (kind is "plain-txt" or "plain-md" or "notice-md")
            {
                // Text uploads differ from one another; the review reads every line.
                File.WriteAllText(name, $"第{i}号帖子：今天的例会讨论了第{i % 97}项议题。\n\n{File.ReadAllText(path)}");
            }
            else
            {
                File.WriteAllBytes(name, bytes[t]);
            }

            expected.WriteLine($"{name}\t{kind}\t{decision}");
        }

        Console.WriteLine($"{count} files of {templates.Count} kinds in {corpus}: {string.Join(", ", templates.Select(t => t.Kind))}");
        return 0;
    }

    public static int Check(string json, string expectedTsv)
    {
        var expected = File.ReadLines(expectedTsv).Select(l => l.Split('\t')).ToDictionary(p => p[0], p => (Kind: p[1], Decision: p[2]));
        using var document = JsonDocument.Parse(File.ReadAllBytes(json));
        var perKind = new SortedDictionary<string, (int Right, int Wrong)>(StringComparer.Ordinal);
        var seen = 0;
        foreach (var result in document.RootElement.EnumerateArray())
        {
            var path = Path.GetFullPath(result.GetProperty("path").GetString()!);
            if (!expected.TryGetValue(path, out var want))
            {
                continue;
            }

            seen++;
            var decision = result.GetProperty("decision").ValueKind == JsonValueKind.String ? result.GetProperty("decision").GetString() : "";
            var (right, wrong) = perKind.GetValueOrDefault(want.Kind);
            perKind[want.Kind] = decision == want.Decision ? (right + 1, wrong) : (right, wrong + 1);
        }

        var wrongTotal = perKind.Values.Sum(v => v.Wrong) + (expected.Count - seen);
        Console.WriteLine($"decisions as expected: {seen - perKind.Values.Sum(v => v.Wrong)}/{expected.Count} ({string.Join(", ", perKind.Select(k => $"{k.Key} {k.Value.Right}" + (k.Value.Wrong > 0 ? $" ({k.Value.Wrong} wrong)" : "")))})");
        return wrongTotal == 0 ? 0 : 1;
    }
}
