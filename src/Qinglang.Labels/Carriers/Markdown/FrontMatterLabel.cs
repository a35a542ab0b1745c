using System.Text;
using System.Text.RegularExpressions;
using Qinglang.Core;
using Qinglang.Labels.Model;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.Markdown;

/// <summary>
/// The label in YAML front matter: a top-level key <c>AIGC</c> holding a mapping of the seven elements (block or
/// flow style), or — as some tools write it — a string holding the JSON.
/// </summary>
internal static partial class FrontMatterLabel
{
    public const string SiteKind = "yaml-front-matter";

    /// <summary>One top-level AIGC key: the lines it spans (key line up to, not including, <see cref="EndLine"/>).</summary>
    public sealed record Block(int StartLine, int EndLine, string Key, string? Json, List<Finding> Findings);

    [GeneratedRegex(@"^(?<key>""[^""]*""|'[^']*'|[^\s#'""?:\-{}\[\],&*!|>%@`](?:[^:#]|:(?=\S))*?)\s*:(?:[ \t]+(?<rest>.*))?$")]
    private static partial Regex KeyLine();

    /// <summary>Every top-level AIGC key (any case, any prefix such as <c>tc260:</c>) of the front matter.</summary>
    public static List<Block> Find(FrontMatter frontMatter)
    {
        var blocks = new List<Block>();
        var lines = frontMatter.Lines!;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Decode(frontMatter.Head);
            var match = KeyLine().Match(text);
            if (!match.Success || !IsLabelKey(Unquote(match.Groups["key"].Value)))
            {
                continue;
            }

            var end = i + 1;
            while (end < lines.Count && IsContinuation(lines[end].Decode(frontMatter.Head)))
            {
                end++;
            }

            while (end > i + 1 && lines[end - 1].Decode(frontMatter.Head).Trim().Length == 0)
            {
                end--; // trailing blank lines belong to the document, not to the label
            }

            var children = lines[(i + 1)..end].Select(l => l.Decode(frontMatter.Head)).ToList();
            var key = Unquote(match.Groups["key"].Value);
            var where = $"YAML front matter line {i + 2} key {key}";
            var findings = new List<Finding>();
            var json = ReadValue(match.Groups["rest"].Value.Trim(), children, where, findings);
            if (key != XmpNames.Property)
            {
                findings.Add(Finding.Warning(ProblemCodes.ElementCase, $"front matter key is '{key}', not '{XmpNames.Property}'", where));
            }

            blocks.Add(new Block(i, end, key, json, findings));
            i = end - 1;
        }

        return blocks;
    }

    /// <summary>The block this carrier writes: <c>AIGC:</c> and the seven elements as double-quoted strings.</summary>
    public static string Build(AigcLabel label, string newLine)
    {
        var text = new StringBuilder(XmpNames.Property).Append(':').Append(newLine);
        foreach (var name in AigcLabel.ElementNames)
        {
            text.Append("  ").Append(name).Append(": ").Append(YamlScalars.Quote(label[name] ?? "")).Append(newLine);
        }

        return text.ToString();
    }

    private static string? ReadValue(string rest, List<string> children, string where, List<Finding> findings)
    {
        if (rest.Length == 0 || rest.StartsWith('#'))
        {
            return FromPairs(ReadBlockMapping(children, where, findings), where, findings);
        }

        var joined = string.Join(" ", [rest, .. children.Select(c => c.Trim())]);
        if (rest.StartsWith('{'))
        {
            if (YamlScalars.ReadFlowMapping(joined) is { } pairs)
            {
                return FromPairs(pairs, where, findings);
            }

            findings.Add(Finding.Error(ProblemCodes.InvalidJson, "AIGC holds a flow mapping this reader cannot parse", where));
            return null;
        }

        string? value;
        if (rest[0] is '|' or '>')
        {
            value = string.Join("\n", children.Select(c => c.Trim()));
        }
        else
        {
            var at = 0;
            value = YamlScalars.Read(joined, ref at)?.Value;
        }

        if (value is null)
        {
            findings.Add(Finding.Error(ProblemCodes.InvalidJson, "AIGC holds an unterminated quoted string", where));
            return null;
        }

        findings.Add(Finding.Warning(ProblemCodes.Form, "AIGC holds a string (JSON text); the front matter site takes a mapping of the seven elements", where));
        return value;
    }

    private static List<(YamlScalars.Scalar Key, YamlScalars.Scalar Value)> ReadBlockMapping(List<string> children, string where, List<Finding> findings)
    {
        var pairs = new List<(YamlScalars.Scalar, YamlScalars.Scalar)>();
        int? indent = null;
        foreach (var child in children)
        {
            var trimmed = child.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var depth = child.Length - trimmed.Length;
            indent ??= depth;
            if (depth != indent)
            {
                findings.Add(Finding.Warning(ProblemCodes.UnknownElement, $"nested line ignored in the AIGC mapping: '{trimmed}'", where));
                continue;
            }

            var match = KeyLine().Match(trimmed);
            var at = 0;
            var rest = match.Groups["rest"].Value;
            if (!match.Success || YamlScalars.Read(rest, ref at) is not { } value)
            {
                findings.Add(Finding.Warning(ProblemCodes.UnknownElement, $"line of the AIGC mapping is not 'key: value': '{trimmed}'", where));
                continue;
            }

            pairs.Add((new YamlScalars.Scalar(Unquote(match.Groups["key"].Value), YamlScalars.Style.Plain), value));
        }

        return pairs;
    }

    /// <summary>
    /// Builds the label from the mapping and returns its canonical JSON (what the inspector parses), reporting the
    /// deviations the JSON would no longer show: unknown or misspelled keys, unquoted values, duplicates.
    /// </summary>
    private static string FromPairs(List<(YamlScalars.Scalar Key, YamlScalars.Scalar Value)> pairs, string where, List<Finding> findings)
    {
        var label = new AigcLabel();
        foreach (var (key, value) in pairs)
        {
            var canonical = AigcLabel.ElementNames.FirstOrDefault(n => n.Equals(StripPrefix(key.Value), StringComparison.OrdinalIgnoreCase));
            if (canonical is null)
            {
                findings.Add(Finding.Warning(ProblemCodes.UnknownElement, $"unknown element '{key.Value}'", where));
                continue;
            }

            if (canonical != key.Value)
            {
                findings.Add(Finding.Warning(ProblemCodes.ElementCase, $"element '{key.Value}' should be spelled '{canonical}'", where));
            }

            if (value.Style == YamlScalars.Style.Plain && value.Value.Length > 0 && (char.IsAsciiDigit(value.Value[0]) || value.Value is "true" or "false" or "null" or "~"))
            {
                findings.Add(Finding.Warning(ProblemCodes.ValueType, $"element {canonical} is the unquoted YAML scalar {value.Value}; quote it so every YAML reader sees a string", where));
            }

            if (label[canonical] is not null)
            {
                findings.Add(Finding.Error(ProblemCodes.Duplicate, $"element {canonical} appears twice in one label", where));
            }

            label = label.With(canonical, value.Style == YamlScalars.Style.Plain && value.Value is "null" or "~" ? null : value.Value);
        }

        return LabelJson.Serialize(label);
    }

    private static bool IsContinuation(string line) => line.Length == 0 || char.IsWhiteSpace(line[0]);

    private static bool IsLabelKey(string key) => StripPrefix(key).Trim().Equals(XmpNames.Property, StringComparison.OrdinalIgnoreCase);

    private static string StripPrefix(string key) => key[(key.LastIndexOf(':') + 1)..];

    private static string Unquote(string key)
    {
        var at = 0;
        return key.Length > 1 && key[0] is '"' or '\'' ? YamlScalars.Read(key, ref at)?.Value ?? key : key;
    }
}
