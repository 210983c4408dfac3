using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core.Data;
using StudyEdc.Web.Hosting;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Http;

/// <summary>
/// The data-protection keys in the study database: plain XML by default, encrypted with the configured certificate
/// when DataProtection:CertificatePath names one.
/// </summary>
public sealed class DataProtectionKeyTests : IDisposable
{
    private const string CertificatePassword = "test-only-pfx-password";

    private readonly TemporaryDirectory _certificateDirectory = new();

    [Fact]
    public async Task Keys_encrypted_with_configured_certificate()
    {
        var certificatePath = WriteSelfSignedCertificate();
        await using var factory = new StudyEdcWebFactory(new Dictionary<string, string?>
        {
            [WebServiceCollectionExtensions.DataProtectionCertificatePathKey] = certificatePath,
            [WebServiceCollectionExtensions.DataProtectionCertificatePasswordKey] = CertificatePassword,
        });

        var keyXml = await FirstKeyXmlAsync(factory);

        Assert.Contains("encryptedSecret", keyXml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_plain_without_certificate()
    {
        await using var factory = new StudyEdcWebFactory();

        var keyXml = await FirstKeyXmlAsync(factory);

        Assert.DoesNotContain("encryptedSecret", keyXml, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_certificate_stops_start_up()
    {
        using var factory = new StudyEdcWebFactory(new Dictionary<string, string?>
        {
            [WebServiceCollectionExtensions.DataProtectionCertificatePathKey] = Path.Combine(_certificateDirectory.Path, "missing.pfx"),
        });

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(WebServiceCollectionExtensions.DataProtectionCertificatePathKey, exception.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _certificateDirectory.Dispose();

    /// <summary>Requests the sign-in page, whose antiforgery token makes the host create its first key.</summary>
    private static async Task<string> FirstKeyXmlAsync(StudyEdcWebFactory factory)
    {
        var client = factory.CreateClient();
        using var response = await client.GetAsync("/Account/Login", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();

        return await factory.WithServicesAsync(services =>
            services.GetRequiredService<StudyDbContext>().DataProtectionKeys.Select(k => k.Xml!).FirstAsync(TestContext.Current.CancellationToken));
    }

    private string WriteSelfSignedCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=StudyEdc data protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_certificateDirectory.Path, "data-protection.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, CertificatePassword));
        return path;
    }
}
