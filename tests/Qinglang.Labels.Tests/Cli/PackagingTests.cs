namespace Qinglang.Labels.Tests.Cli;

/// <summary>The CLI ships as a .NET tool: packed, installed into a tool folder, and run by the name <c>qinglang</c>.</summary>
public sealed class PackagingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TheCliPacksAsADotnetToolNamedQinglang()
    {
        var project = Path.Combine(Repository.Root, "src", "Qinglang.Cli");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<configuration>/net10.0
        // --no-build: pack what the test run already built, never rebuild under other tests running the CLI.
        Tool.Run("dotnet", "pack", project, "-c", configuration, "--no-build", "-o", _folder.File("pack"), "--nologo").EnsureSuccess("dotnet pack");
        var package = Assert.Single(Directory.GetFiles(_folder.File("pack"), "*.nupkg"));
        Assert.StartsWith("Qinglang.Cli.", Path.GetFileName(package), StringComparison.Ordinal);

        Tool.Run("dotnet", "tool", "install", "--tool-path", _folder.File("tools"), "--add-source", _folder.File("pack"), "Qinglang.Cli").EnsureSuccess("dotnet tool install");
        var qinglang = _folder.File(Path.Combine("tools", "qinglang"));
        Assert.True(File.Exists(qinglang), "the installed command is named qinglang");

        var keygen = Tool.Run(qinglang, "keygen", "--output", _folder.File("k"));
        Assert.True(keygen.ExitCode == 0, keygen.Stderr);
        Assert.Contains("PRIVATE KEY", File.ReadAllText(_folder.File("k.key")), StringComparison.Ordinal);
        Assert.Contains("PUBLIC KEY", File.ReadAllText(_folder.File("k.pub")), StringComparison.Ordinal);
    }
}
