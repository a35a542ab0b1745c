namespace Qinglang.Testing;

/// <summary>A folder under the system temp path, removed when the test ends.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "qinglang-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Files in the folder other than those named: a failed write must leave no temporary file behind.</summary>
    public IEnumerable<string> Leftovers(params string[] expected) =>
        Directory.EnumerateFiles(Path).Select(System.IO.Path.GetFileName).Where(n => !expected.Contains(n))!;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
