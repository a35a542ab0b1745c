using Qinglang.Core;

namespace Qinglang.Text.Lexicons;

/// <summary>Parsing of the fields both formats share: severity names and flag lists.</summary>
internal static class EntryFields
{
    /// <summary>Severity of an entry that names none: a lexicon hit is something to act on.</summary>
    public const Severity DefaultSeverity = Severity.Error;

    /// <summary>Category of a plain-file word with no category and no <c># category:</c> directive before it.</summary>
    public const string DefaultCategory = CategoryCodes.Illegal;

    public static bool TryParseSeverity(string text, out Severity severity)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "info": severity = Severity.Info; return true;
            case "warning" or "warn": severity = Severity.Warning; return true;
            case "error": severity = Severity.Error; return true;
            default: severity = DefaultSeverity; return false;
        }
    }

    public static bool TryParseFlag(string name, out EntryFlags flag)
    {
        flag = name.Trim().ToLowerInvariant() switch
        {
            "pinyin" => EntryFlags.Pinyin,
            "initials" => EntryFlags.Initials,
            "single" => EntryFlags.Single,
            _ => EntryFlags.None,
        };
        return flag != EntryFlags.None;
    }

    /// <summary>Flags from a comma-separated list; unknown names become errors on <paramref name="builder"/>.</summary>
    public static EntryFlags ParseFlags(IEnumerable<string> names, LexiconBuilder builder, EntrySource source)
    {
        var flags = EntryFlags.None;
        foreach (string name in names)
        {
            if (name.Trim().Length == 0) continue;
            if (TryParseFlag(name, out var flag)) flags |= flag;
            else builder.Error("lexicon.flag", $"Unknown flag \"{name.Trim()}\" (known: pinyin, initials, single).", source);
        }

        return flags;
    }
}
