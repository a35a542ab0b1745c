namespace Qinglang.Testing;

/// <summary>Runs the real <c>qinglang</c> command (built next to the tests) as a separate process.</summary>
public static class CliProcess
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "qinglang.dll");

    public static Tool.Result Run(params string[] args) => Tool.Run("dotnet", [Dll, .. args]);

    public static Tool.Result RunWithInput(string stdin, params string[] args) => Tool.RunWithInput("dotnet", stdin, [Dll, .. args]);
}
