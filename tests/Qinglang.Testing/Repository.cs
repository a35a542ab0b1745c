namespace Qinglang.Testing;

/// <summary>The checkout the tests run from: the first folder above the test binaries that holds Qinglang.slnx.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Qinglang.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("no Qinglang.slnx above " + AppContext.BaseDirectory);
    }
}
