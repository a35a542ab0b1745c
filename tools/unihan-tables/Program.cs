using UnihanTables;

// Writes Qinglang's compact normalization tables from Debian's unicode-data files.
// Usage: dotnet run --project tools/unihan-tables -- [unicode-dir] [output-dir]
var unicodeDir = args.Length > 0 ? args[0] : "/usr/share/unicode";
var outputDir = args.Length > 1 ? args[1] : FindDataDir();

if (!File.Exists(Path.Combine(unicodeDir, "UnicodeData.txt")))
{
    Console.Error.WriteLine($"{unicodeDir}/UnicodeData.txt not found: apt-get install unicode-data");
    return 2;
}

var ucd = UnicodeCharacterDatabase.Load(unicodeDir);
Directory.CreateDirectory(outputDir);
Report("fold.txt", FoldTableWriter.Write(ucd, Path.Combine(outputDir, "fold.txt")));
Report("properties.txt", PropertyTableWriter.Write(unicodeDir, Path.Combine(outputDir, "properties.txt")));
Report("t2s.txt", UnihanTableWriter.WriteTraditionalToSimplified(unicodeDir, Path.Combine(outputDir, "t2s.txt")));
Report("pinyin.txt", UnihanTableWriter.WritePinyin(unicodeDir, ucd, Path.Combine(outputDir, "pinyin.txt")));
Report("pinyin-alternates.txt", UnihanTableWriter.WritePinyinAlternates(unicodeDir, ucd, Path.Combine(outputDir, "pinyin-alternates.txt")));
return 0;

static void Report(string file, int entries) => Console.WriteLine($"{file}: {entries} entries");

static string FindDataDir()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Qinglang.slnx")))
        {
            return Path.Combine(dir.FullName, "data", "unihan");
        }
    }

    throw new InvalidOperationException("Qinglang.slnx not found above the tool; pass the output directory.");
}
