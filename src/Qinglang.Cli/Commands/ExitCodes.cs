namespace Qinglang.Cli.Commands;

/// <summary>Exit codes shared by every command.</summary>
internal static class ExitCodes
{
    /// <summary>Everything succeeded (inspect: every file carries a valid label).</summary>
    public const int Ok = 0;

    /// <summary>The job ran but a file failed a check or could not be labeled.</summary>
    public const int Failed = 1;

    /// <summary>An input could not be read, or the command line was wrong.</summary>
    public const int Usage = 2;
}
