using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qinglang.Labels.Signing;

/// <summary>
/// The TC260-PG-202511A protection record kept in ReservedCode1 (producer) or ReservedCode2 (platform).
/// <c>Type</c> and <c>Version</c> are required; Qinglang writes the signed elements in <c>Bindings</c>, the
/// base64 DER SM2 signature in <c>PrivSD</c> and the signer's base64 DER SubjectPublicKeyInfo in <c>PubSD</c>
/// (it names the key; trust comes only from the verifier's own key list).
/// </summary>
public sealed record SecurityData
{
    public const string SignatureType = "SM3withSM2";
    public const string SignatureOid = "1.2.156.10197.1.501";
    public const string CurrentVersion = "1.0";

    public required string Type { get; init; }
    public required string Version { get; init; }
    public string? Bindings { get; init; }
    public string? PrivSD { get; init; }
    public string? PubSD { get; init; }
    public string? Extension { get; init; }

    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNameCaseInsensitive = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Parses a ReservedCode value; null when it is not a SecurityData record (it may be any vendor data).</summary>
    public static SecurityData? TryParse(string? value, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(value) || !value.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            var data = JsonSerializer.Deserialize<SecurityData>(value, Options);
            return data;
        }
        catch (JsonException ex)
        {
            problem = $"ReservedCode holds JSON that is not a SecurityData record: {ex.Message}";
            return null;
        }
    }
}
