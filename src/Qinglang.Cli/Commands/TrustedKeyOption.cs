using System.CommandLine;
using Qinglang.Labels.Signing;

namespace Qinglang.Cli.Commands;

/// <summary>The repeatable <c>--trust-key</c> option of the commands that verify label signatures.</summary>
internal static class TrustedKeyOption
{
    public static Option<string[]> Create(string what) =>
        new("--trust-key") { Description = $"SM2 public or private key (PEM) whose {what} are trusted; repeatable", AllowMultipleArgumentsPerToken = false };

    /// <summary>Loads every key given; null (after saying why on stderr) when one cannot be used.</summary>
    public static List<Sm2KeyPair>? Load(ParseResult parse, Option<string[]> option)
    {
        var trusted = new List<Sm2KeyPair>();
        foreach (var keyPath in parse.GetValue(option) ?? [])
        {
            if (KeyFiles.TryLoad(keyPath, "trusted") is not { } key)
            {
                return null;
            }

            trusted.Add(key);
        }

        return trusted;
    }
}
