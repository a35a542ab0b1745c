using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Qinglang.Labels.Model;

namespace Qinglang.Labels.Signing;

/// <summary>Which party signs: the producer (ReservedCode1) or the spreading platform (ReservedCode2).</summary>
public enum SignerRole
{
    Producer,
    Propagator,
}

/// <summary>
/// SM3withSM2 signatures over a label's elements (TC260-PG-202511A), SM2 user id <c>1234567812345678</c>.
/// The producer signs <c>"Label":"…","ContentProducer":"…","ProduceID":"…"</c> — the message seen verified in real
/// files; the platform signs <c>"Label":"…","ContentPropagator":"…","PropagateID":"…"</c> by the same rule.
/// </summary>
public static class LabelSigner
{
    public const string DefaultUserId = "1234567812345678";

    private static readonly string[] ProducerBindings = [nameof(AigcLabel.Label), nameof(AigcLabel.ContentProducer), nameof(AigcLabel.ProduceID)];
    private static readonly string[] PropagatorBindings = [nameof(AigcLabel.Label), nameof(AigcLabel.ContentPropagator), nameof(AigcLabel.PropagateID)];

    public static IReadOnlyList<string> BindingsOf(SignerRole role) => role == SignerRole.Producer ? ProducerBindings : PropagatorBindings;

    /// <summary>The exact bytes signed: the bound elements as JSON members, comma-joined, in binding order.</summary>
    public static byte[] Message(AigcLabel label, IEnumerable<string> bindings)
    {
        var parts = bindings.Select(name =>
        {
            var json = System.Text.Json.JsonSerializer.Serialize(label[name] ?? "", JsonEscaping.Options);
            return $"\"{name}\":{json}";
        });
        return Encoding.UTF8.GetBytes(string.Join(",", parts));
    }

    /// <summary>Returns <paramref name="label"/> with a SecurityData signature in the role's ReservedCode element.</summary>
    public static AigcLabel Sign(AigcLabel label, SignerRole role, Sm2KeyPair key)
    {
        if (key.PrivateKey is null)
        {
            throw new LabelingException("key.invalid", "signing needs a private key; the PEM holds only a public key");
        }

        var bindings = BindingsOf(role);
        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(key.PrivateKey, new SecureRandom()), Encoding.ASCII.GetBytes(DefaultUserId)));
        var message = Message(label, bindings);
        signer.BlockUpdate(message, 0, message.Length);
        var record = new SecurityData
        {
            Type = SecurityData.SignatureType,
            Version = SecurityData.CurrentVersion,
            Bindings = string.Join(",", bindings),
            PrivSD = Convert.ToBase64String(signer.GenerateSignature()),
            PubSD = Convert.ToBase64String(key.PublicKeyDer),
        };
        return role == SignerRole.Producer ? label with { ReservedCode1 = record.ToJson() } : label with { ReservedCode2 = record.ToJson() };
    }

    /// <summary>Checks a SecurityData record against the label it sits in and the verifier's trusted keys.</summary>
    public static (SignatureStatus Status, string Detail) Verify(AigcLabel label, SecurityData record, IReadOnlyCollection<Sm2KeyPair> trusted)
    {
        if (!record.Type.Equals(SecurityData.SignatureType, StringComparison.OrdinalIgnoreCase) && record.Type != SecurityData.SignatureOid)
        {
            return (SignatureStatus.Malformed, $"signature type '{record.Type}' is not {SecurityData.SignatureType}");
        }

        if (string.IsNullOrEmpty(record.PrivSD))
        {
            return (SignatureStatus.Malformed, "SecurityData has no signature (PrivSD)");
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(record.PrivSD);
        }
        catch (FormatException)
        {
            return (SignatureStatus.Malformed, "PrivSD is not base64");
        }

        var bindings = string.IsNullOrEmpty(record.Bindings)
            ? ProducerBindings
            : record.Bindings.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (bindings.Any(b => !AigcLabel.ElementNames.Contains(b)) || bindings.Any(b => b.StartsWith("ReservedCode", StringComparison.Ordinal)))
        {
            return (SignatureStatus.Malformed, $"Bindings '{record.Bindings}' name elements a signature cannot cover");
        }

        var message = Message(label, bindings);
        foreach (var key in trusted)
        {
            if (VerifyWith(key.PublicKey, message, signature))
            {
                return (SignatureStatus.Trusted, $"SM3withSM2 signature over {string.Join(",", bindings)} verifies with a trusted key");
            }
        }

        Sm2KeyPair? named = null;
        if (!string.IsNullOrEmpty(record.PubSD))
        {
            try
            {
                named = Sm2KeyPair.FromPublicKeyDer(Convert.FromBase64String(record.PubSD));
            }
            catch (Exception ex) when (ex is FormatException or LabelingException)
            {
                return (SignatureStatus.Malformed, $"PubSD is not a readable SM2 public key: {ex.Message}");
            }
        }

        if (named is null)
        {
            return (trusted.Count == 0 ? SignatureStatus.Untrusted : SignatureStatus.Invalid,
                trusted.Count == 0 ? "signature names no key and no trusted key was given" : "signature verifies with none of the trusted keys");
        }

        if (!VerifyWith(named.PublicKey, message, signature))
        {
            return (SignatureStatus.Invalid, $"SM3withSM2 signature over {string.Join(",", bindings)} does not verify: the label was altered or the signature forged");
        }

        return (SignatureStatus.Untrusted, trusted.Count == 0
            ? "signature verifies with the key the file names, but no trusted key was given (a key inside a file proves nothing by itself)"
            : "signature verifies with the key the file names, which is not among the trusted keys");
    }

    private static bool VerifyWith(ECPublicKeyParameters key, byte[] message, byte[] signature)
    {
        var verifier = new SM2Signer();
        verifier.Init(false, new ParametersWithID(key, Encoding.ASCII.GetBytes(DefaultUserId)));
        verifier.BlockUpdate(message, 0, message.Length);
        try
        {
            return verifier.VerifySignature(signature);
        }
        catch (Exception ex) when (ex is CryptoException or ArgumentException or IOException or InvalidCastException)
        {
            return false;
        }
    }
}

internal static class JsonEscaping
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
