using System.CommandLine;
using Qinglang.Labels.Signing;

namespace Qinglang.Cli.Commands;

/// <summary><c>qinglang keygen</c>: a new SM2 key pair for signing labels.</summary>
internal static class KeygenCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--output", "-o") { Description = "Write NAME.key (private, mode 600) and NAME.pub instead of printing both" };
        var force = new Option<bool>("--force") { Description = "Overwrite existing key files" };
        var command = new Command("keygen", "Generate an SM2 key pair (PEM) for SM3withSM2 label signatures.") { output, force };
        command.SetAction(parse =>
        {
            var pair = Sm2KeyPair.Generate();
            if (parse.GetValue(output) is not { } name)
            {
                System.Console.Write(pair.PrivateKeyPem);
                System.Console.Write(pair.PublicKeyPem);
                return ExitCodes.Ok;
            }

            var privatePath = name + ".key";
            var publicPath = name + ".pub";
            if (!parse.GetValue(force) && (File.Exists(privatePath) || File.Exists(publicPath)))
            {
                System.Console.Error.WriteLine($"qinglang: {privatePath} or {publicPath} exists; pass --force to overwrite");
                return ExitCodes.Failed;
            }

            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(privatePath, System.Text.Encoding.ASCII, options))
            {
                writer.Write(pair.PrivateKeyPem);
            }

            File.WriteAllText(publicPath, pair.PublicKeyPem);
            System.Console.WriteLine($"wrote {privatePath} (private, keep it secret) and {publicPath} (give it to verifiers: --trust-key)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
