using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CustOrder.Api.Auth;

/// <summary>
/// Where the token signing and encryption certificates come from. In Production they must be
/// configured (a PFX file path or its base64); elsewhere, when none is configured, a certificate
/// is created once in <c>Auth:DevelopmentKeysPath</c> and reused on every start, so tokens survive
/// restarts and are accepted by every instance that shares the folder.
/// </summary>
public sealed class TokenKeyOptions
{
    public CertificateSource Signing { get; set; } = new();

    public CertificateSource Encryption { get; set; } = new();

    public string DevelopmentKeysPath { get; set; } = "keys";
}

public sealed class CertificateSource
{
    public string? Path { get; set; }

    public string? Base64 { get; set; }

    public string? Password { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Path) || !string.IsNullOrWhiteSpace(Base64);

    public X509Certificate2 Load() => string.IsNullOrWhiteSpace(Base64)
        ? X509CertificateLoader.LoadPkcs12FromFile(Path!, Password, X509KeyStorageFlags.EphemeralKeySet)
        : X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(Base64), Password, X509KeyStorageFlags.EphemeralKeySet);
}

public static class TokenKeys
{
    public static X509Certificate2 Resolve(CertificateSource source, string purpose, IHostEnvironment environment, string developmentFolder)
    {
        if (source.IsConfigured)
        {
            return source.Load();
        }

        if (environment.IsProduction())
        {
            throw new StartupException(
                $"Auth:{purpose}:Path or Auth:{purpose}:Base64 must name a PFX certificate in Production (see README, 'Keys').");
        }

        var folder = System.IO.Path.GetFullPath(developmentFolder, environment.ContentRootPath);
        return LoadOrCreate(System.IO.Path.Combine(folder, $"{purpose.ToLowerInvariant()}.pfx"), purpose);
    }

    /// <summary>Creates the certificate only if no instance has yet; the first writer wins, the others load its file.</summary>
    private static X509Certificate2 LoadOrCreate(string path, string purpose)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest($"CN=CustOrder development {purpose.ToLowerInvariant()}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var usage = purpose == "Signing" ? X509KeyUsageFlags.DigitalSignature : X509KeyUsageFlags.KeyEncipherment;
            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temporary, certificate.Export(X509ContentType.Pfx));
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.EphemeralKeySet);
    }
}

/// <summary>A configuration the app cannot start with: reported as one line, without a stack trace.</summary>
public sealed class StartupException(string message) : Exception(message);
