using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Qinglang.Core;

namespace Qinglang.Labels.Model;

/// <summary>A label value as parsed from one site, with every deviation from the canonical form it showed.</summary>
/// <remarks><see cref="Label"/> is null when the value is not a label at all; <see cref="Findings"/> then says why.</remarks>
public sealed record ParsedLabel(AigcLabel? Label, LabelJsonForm Form, IReadOnlyList<Finding> Findings);

/// <summary>
/// Reads and writes the JSON value of an implicit label. Reading accepts every form seen in real files
/// (bare or wrapped, entity-escaped, double-encoded, numeric Label, case-shifted or prefixed keys) and reports each
/// deviation; writing emits one canonical compact form.
/// </summary>
public static class LabelJson
{
    /// <summary>Values larger than this are not labels; refusing them bounds memory on hostile input.</summary>
    public const int MaxValueLength = 1 << 20;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Relaxed escaping writes a quote as \" (allowed by the Annex E character rule) instead of \u0022.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static readonly JsonDocumentOptions ReaderOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 16,
    };

    /// <summary>Writes the seven elements in Annex E order; absent elements are written as empty strings.</summary>
    public static string Serialize(AigcLabel label, LabelJsonForm form = LabelJsonForm.Bare)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (form == LabelJsonForm.Wrapped)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("AIGC");
            }

            writer.WriteStartObject();
            foreach (var name in AigcLabel.ElementNames)
            {
                writer.WriteString(name, label[name] ?? "");
            }

            writer.WriteEndObject();
            if (form == LabelJsonForm.Wrapped)
            {
                writer.WriteEndObject();
            }
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Parses a site's value. The result's Label is null (with an error finding) when the value is not a label at all.
    /// </summary>
    public static ParsedLabel Parse(string raw, string? where = null)
    {
        var findings = new List<Finding>();
        if (raw.Length > MaxValueLength)
        {
            findings.Add(Finding.Error(ProblemCodes.InvalidJson, $"label value is {raw.Length} characters long; more than {MaxValueLength} is not a label", where));
            return new ParsedLabel(null, LabelJsonForm.Bare, findings);
        }

        var text = raw.Trim().Trim('\0').Trim();
        if (text.Contains("&quot;", StringComparison.Ordinal) || text.Contains("&#34;", StringComparison.Ordinal) || text.Contains("&#x22;", StringComparison.OrdinalIgnoreCase))
        {
            text = WebUtility.HtmlDecode(text);
            findings.Add(Finding.Warning(ProblemCodes.EntityEscaped, "label JSON is HTML-entity-escaped (&quot;); it was decoded", where));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, ReaderOptions);
        }
        catch (JsonException ex)
        {
            findings.Add(Finding.Error(ProblemCodes.InvalidJson, $"label value is not JSON: {ex.Message}", where));
            return new ParsedLabel(null, LabelJsonForm.Bare, findings);
        }

        using (document)
        {
            var root = document.RootElement;
            var form = LabelJsonForm.Bare;
            if (root.ValueKind == JsonValueKind.String && root.GetString() is { } inner && inner.TrimStart().StartsWith('{'))
            {
                findings.Add(Finding.Warning(ProblemCodes.Form, "label JSON is encoded twice (a JSON string holding JSON)", where));
                var again = Parse(inner, where);
                return again with { Findings = [.. findings, .. again.Findings] };
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                findings.Add(Finding.Error(ProblemCodes.InvalidJson, $"label JSON is a {root.ValueKind}, not an object", where));
                return new ParsedLabel(null, LabelJsonForm.Bare, findings);
            }

            if (TryUnwrap(root, findings, where) is { } unwrapped)
            {
                form = LabelJsonForm.Wrapped;
                if (unwrapped.ValueKind == JsonValueKind.String)
                {
                    findings.Add(Finding.Warning(ProblemCodes.Form, "the AIGC member holds a JSON string instead of an object", where));
                    var again = Parse(unwrapped.GetString() ?? "", where);
                    return again with { Form = form, Findings = [.. findings, .. again.Findings] };
                }

                root = unwrapped;
            }

            var label = ReadElements(root, findings, where);
            return new ParsedLabel(label, form, findings);
        }
    }

    private static JsonElement? TryUnwrap(JsonElement root, List<Finding> findings, string? where)
    {
        JsonElement? found = null;
        var count = 0;
        foreach (var property in root.EnumerateObject())
        {
            count++;
            if (StripPrefix(property.Name).Equals("AIGC", StringComparison.OrdinalIgnoreCase)
                && property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.String)
            {
                if (property.Name != "AIGC")
                {
                    findings.Add(Finding.Warning(ProblemCodes.ElementCase, $"wrapper key is '{property.Name}', not 'AIGC'", where));
                }

                found = property.Value;
            }
        }

        if (found is not null && count > 1)
        {
            findings.Add(Finding.Warning(ProblemCodes.UnknownElement, "the wrapper object has members besides AIGC", where));
        }

        return found;
    }

    private static AigcLabel ReadElements(JsonElement obj, List<Finding> findings, string? where)
    {
        var label = new AigcLabel();
        foreach (var property in obj.EnumerateObject())
        {
            var key = StripPrefix(property.Name);
            if (key.Length != property.Name.Length)
            {
                findings.Add(Finding.Warning(ProblemCodes.ElementCase, $"element '{property.Name}' carries a namespace prefix", where));
            }

            var canonical = AigcLabel.ElementNames.FirstOrDefault(n => n.Equals(key, StringComparison.OrdinalIgnoreCase));
            if (canonical is null)
            {
                findings.Add(Finding.Warning(ProblemCodes.UnknownElement, $"unknown element '{property.Name}'", where));
                continue;
            }

            if (canonical != key)
            {
                findings.Add(Finding.Warning(ProblemCodes.ElementCase, $"element '{property.Name}' should be spelled '{canonical}'", where));
            }

            string? value;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    value = property.Value.GetString();
                    break;
                case JsonValueKind.Null:
                    value = null;
                    break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    value = property.Value.GetRawText();
                    findings.Add(Finding.Warning(ProblemCodes.ValueType, $"element {canonical} is a {property.Value.ValueKind}; Annex E values are strings", where));
                    break;
                default:
                    // Some vendors nest SecurityData as an object; keep its JSON text so it can still be verified.
                    value = property.Value.GetRawText();
                    findings.Add(Finding.Warning(ProblemCodes.ValueType, $"element {canonical} is a JSON {property.Value.ValueKind}; Annex E values are strings", where));
                    break;
            }

            if (label[canonical] is not null)
            {
                findings.Add(Finding.Error(ProblemCodes.Duplicate, $"element {canonical} appears twice in one label", where));
            }

            label = label.With(canonical, value);
        }

        return label;
    }

    private static string StripPrefix(string name)
    {
        var colon = name.LastIndexOf(':');
        return colon >= 0 ? name[(colon + 1)..] : name;
    }
}
