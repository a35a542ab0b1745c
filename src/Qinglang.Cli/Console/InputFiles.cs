namespace Qinglang.Cli.Console;

/// <summary>Expands command-line paths: files as given, directories recursively (hidden entries and our temp files skipped).</summary>
internal static class InputFiles
{
    public static IEnumerable<string> Expand(string path)
    {
        if (!Directory.Exists(path))
        {
            yield return path;
            yield break;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
        foreach (var file in Directory.EnumerateFiles(path, "*", options).Order(StringComparer.Ordinal))
        {
            if (!Path.GetFileName(file).StartsWith('.'))
            {
                yield return file;
            }
        }
    }
}
