using System.Text;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Qinglang.Labels.Signing;

/// <summary>SM2 keys (curve sm2p256v1) in the PEM forms OpenSSL uses: PKCS#8 private keys, SubjectPublicKeyInfo public keys.</summary>
public sealed class Sm2KeyPair
{
    private Sm2KeyPair(ECPrivateKeyParameters? privateKey, ECPublicKeyParameters publicKey)
    {
        PrivateKey = privateKey;
        PublicKey = publicKey;
    }

    public ECPrivateKeyParameters? PrivateKey { get; }

    public ECPublicKeyParameters PublicKey { get; }

    public static Sm2KeyPair Generate()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(GMObjectIdentifiers.sm2p256v1, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        return new Sm2KeyPair((ECPrivateKeyParameters)pair.Private, (ECPublicKeyParameters)pair.Public);
    }

    /// <summary>The DER SubjectPublicKeyInfo of the public key: what a SecurityData record carries and trust lists compare.</summary>
    public byte[] PublicKeyDer => SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(PublicKey).GetDerEncoded();

    public string PrivateKeyPem => PrivateKey is null
        ? throw new InvalidOperationException("this key pair has only a public key")
        : Pem("PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(PrivateKey).GetDerEncoded());

    public string PublicKeyPem => Pem("PUBLIC KEY", PublicKeyDer);

    /// <summary>Reads a private key (PKCS#8 or SEC1 "EC PRIVATE KEY") or a public key from PEM text.</summary>
    public static Sm2KeyPair FromPem(string pem)
    {
        object? item;
        try
        {
            item = new PemReader(new StringReader(pem)).ReadObject();
        }
        catch (Exception ex) when (ex is IOException or PemException or ArgumentException or InvalidCastException)
        {
            throw new LabelingException("key.invalid", $"not a readable PEM key: {ex.Message}");
        }

        return item switch
        {
            AsymmetricCipherKeyPair { Private: ECPrivateKeyParameters priv, Public: ECPublicKeyParameters pub } => Checked(priv, pub),
            ECPrivateKeyParameters priv => Checked(priv, DerivePublic(priv)),
            ECPublicKeyParameters pub => Checked(null, pub),
            null => throw new LabelingException("key.invalid", "no PEM key found"),
            _ => throw new LabelingException("key.invalid", $"PEM holds a {item.GetType().Name}, not an SM2 key"),
        };
    }

    public static Sm2KeyPair FromPublicKeyDer(byte[] der)
    {
        try
        {
            return PublicKeyFactory.CreateKey(der) is ECPublicKeyParameters pub
                ? Checked(null, pub)
                : throw new LabelingException("key.invalid", "not an EC public key");
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or InvalidCastException or SecurityUtilityException)
        {
            throw new LabelingException("key.invalid", $"not a readable public key: {ex.Message}");
        }
    }

    public static Sm2KeyPair Load(string path) => FromPem(File.ReadAllText(path));

    private static Sm2KeyPair Checked(ECPrivateKeyParameters? priv, ECPublicKeyParameters pub)
    {
        var sm2 = GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1);
        if (!pub.Parameters.Curve.Equals(sm2.Curve))
        {
            throw new LabelingException("key.invalid", "the key is not on the SM2 curve (sm2p256v1)");
        }

        return new Sm2KeyPair(priv, pub);
    }

    private static ECPublicKeyParameters DerivePublic(ECPrivateKeyParameters priv) =>
        new(priv.AlgorithmName, priv.Parameters.G.Multiply(priv.D).Normalize(), priv.PublicKeyParamSet ?? GMObjectIdentifiers.sm2p256v1);

    private static string Pem(string type, byte[] der)
    {
        var text = new StringBuilder().Append("-----BEGIN ").Append(type).Append("-----\n");
        var base64 = Convert.ToBase64String(der);
        for (var i = 0; i < base64.Length; i += 64)
        {
            text.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
        }

        return text.Append("-----END ").Append(type).Append("-----\n").ToString();
    }
}
