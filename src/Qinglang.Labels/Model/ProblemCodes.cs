namespace Qinglang.Labels.Model;

/// <summary>Stable problem codes of label validation. Released codes never change meaning.</summary>
public static class ProblemCodes
{
    public const string Missing = "label.missing";
    public const string Duplicate = "label.duplicate";
    public const string Conflict = "label.conflict";
    public const string InvalidJson = "label.invalid_json";
    public const string InvalidValue = "label.invalid_value";
    public const string MissingElement = "label.missing_element";
    public const string UnknownElement = "label.unknown_element";
    public const string Charset = "label.charset";
    public const string ProviderCode = "label.provider_code";
    public const string Form = "label.form";
    public const string ElementCase = "label.element_case";
    public const string ValueType = "label.value_type";
    public const string EntityEscaped = "label.entity_escaped";
    public const string XmpNamespace = "label.xmp_namespace";
    public const string XmpMalformed = "label.xmp_malformed";
    public const string SignatureInvalid = "signature.invalid";
    public const string SignatureUntrusted = "signature.untrusted";
    public const string SignatureMalformed = "signature.malformed";
    public const string SignatureUnchecked = "signature.unchecked";
    public const string ContainerCorrupt = "container.corrupt";
    public const string FormatUnknown = "format.unknown";
    public const string NoImplicitSite = "format.no_implicit_site";

    /// <summary>A readable file of a known format whose layout Qinglang cannot label safely (limits, encryption, …).</summary>
    public const string Unsupported = "container.unsupported";
    public const string ReadError = "io.read_error";
}
