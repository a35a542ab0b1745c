namespace Qinglang.Text.Tests.Normalization;

/// <summary>Finds ../shared (seeds, spec) beside the repository root, the folder holding Qinglang.slnx.</summary>
internal static class SharedFiles
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Qinglang.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Qinglang.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// The shared folder: ../shared from the repository root; a git worktree nested deeper finds it further up.
    /// </summary>
    public static string SharedDirectory()
    {
        for (var dir = Directory.GetParent(RepositoryRoot()); dir is not null; dir = dir.Parent)
        {
            var shared = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(shared, "seeds")))
            {
                return shared;
            }
        }

        throw new InvalidOperationException("shared/seeds not found beside the repository root");
    }

    public static string Seed(string prefix) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(SharedDirectory(), "seeds"), prefix + "_*.txt").Single());
}
