namespace Qinglang.Testing;

/// <summary>The shared seed texts, found from the repository root (the folder holding Qinglang.slnx).</summary>
public static class Seeds
{
    /// <summary>
    /// shared/seeds in the first folder above the repository that has one: ../shared for the main checkout,
    /// further up for a worktree kept elsewhere.
    /// </summary>
    public static string Folder { get; } = FindSeeds();

    /// <summary>The text of the seed whose file name starts with <paramref name="prefix"/> ("000").</summary>
    public static string Read(string prefix)
    {
        var file = Directory.GetFiles(Folder, prefix + "_*.txt").Single();
        return File.ReadAllText(file);
    }

    private static string FindSeeds()
    {
        for (var folder = Directory.GetParent(Repository.Root); folder is not null; folder = folder.Parent)
        {
            var seeds = Path.Combine(folder.FullName, "shared", "seeds");
            if (Directory.Exists(seeds))
            {
                return seeds;
            }
        }

        throw new DirectoryNotFoundException("no shared/seeds above " + Repository.Root);
    }
}
