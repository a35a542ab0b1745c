namespace Qinglang.Text.Tests.Lexicons;

/// <summary>
/// The shared seeds, found from the test binaries: the repository root is the folder holding Qinglang.slnx, the
/// seeds are in ../shared/seeds from it (from a worktree nested one level deeper, from the nearest ancestor that has them).
/// </summary>
internal static class SeedFiles
{
    public static string Folder { get; } = FindSeeds();

    public static string Read(string prefix) => File.ReadAllText(Directory.GetFiles(Folder, prefix + "_*.txt").Single());

    private static string FindSeeds()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Qinglang.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException($"No Qinglang.slnx above {AppContext.BaseDirectory}.");
        for (var up = dir.Parent; up is not null; up = up.Parent)
        {
            string seeds = Path.Combine(up.FullName, "shared", "seeds");
            if (Directory.Exists(seeds)) return seeds;
        }

        throw new InvalidOperationException($"No shared/seeds beside or above {dir.FullName}.");
    }
}
