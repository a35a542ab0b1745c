using System.CommandLine;
using Qinglang.Labels;
using Qinglang.Labels.Signing;

namespace Qinglang.Cli.Commands;

/// <summary>Loads the SM2 key files commands are given, saying on stderr why one cannot be used.</summary>
internal static class KeyFiles
{
    /// <summary>The key at <paramref name="path"/>, or null after saying why (<paramref name="role"/> names it: "signing", "trusted").</summary>
    public static Sm2KeyPair? TryLoad(string path, string role)
    {
        try
        {
            return Sm2KeyPair.Load(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LabelingException)
        {
            System.Console.Error.WriteLine($"qinglang: cannot use {role} key {path}: {ex.Message}");
            return null;
        }
    }

    /// <summary>False when a <c>--sign-key</c> was given but cannot be used; <paramref name="key"/> is null when none was given.</summary>
    public static bool TryLoadSigning(ParseResult parse, Option<string?> option, out Sm2KeyPair? key)
    {
        key = null;
        return parse.GetValue(option) is not { } path || (key = TryLoad(path, "signing")) is not null;
    }
}
