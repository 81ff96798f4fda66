using System.Security.Cryptography;
using System.Text;
using CustOrder.Api.Auth;
using OpenIddict.Abstractions;

namespace CustOrder.Api.Cli;

/// <summary><c>createapplication</c> and <c>pkce</c>, as in the original's walk-through.</summary>
public static class ApplicationCommands
{
    public static async Task<int> CreateApplicationAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var options = CommandOptions.Parse(args, "skip-authorization");
        options.RejectUnknown("name", "redirect-uris", "post-logout-redirect-uris", "scopes", "client-id", "client-secret", "allowed-origin", "allowed-origins");
        if (options.Positional.Count != 2
            || options.Positional[0] is not ("public" or "confidential")
            || options.Positional[1] is not ("authorization-code" or "client-credentials"))
        {
            throw new CommandException("Usage: createapplication <public|confidential> <authorization-code|client-credentials> --name N [options]");
        }

        var registration = new ClientRegistration(
            Name: options.Value("name") ?? "",
            Confidential: options.Positional[0] == "confidential",
            Grant: options.Positional[1] == "authorization-code" ? GrantKind.AuthorizationCode : GrantKind.ClientCredentials,
            RedirectUris: options.List("redirect-uris"),
            PostLogoutRedirectUris: options.List("post-logout-redirect-uris"),
            Scopes: options.List("scopes"),
            SkipAuthorization: options.Flag("skip-authorization"),
            ClientId: options.Value("client-id"),
            ClientSecret: options.Value("client-secret"),
            AllowedOrigins: [.. options.All("allowed-origin"), .. options.List("allowed-origins")]);
        var errors = registration.Validate();
        if (errors.Count > 0)
        {
            throw new CommandException(string.Join(Environment.NewLine, errors.Select(e => $"{e.Key}: {e.Value}")));
        }

        await using var scope = services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = registration.ToDescriptor(out var clientId, out var clientSecret);
        if (await applications.FindByClientIdAsync(clientId) is not null)
        {
            throw new CommandException($"An application with client_id {clientId} exists already.");
        }

        await applications.CreateAsync(descriptor);
        output.WriteLine($"client_id: {clientId}");
        if (clientSecret is not null)
        {
            // Stored hashed: this is the only time it is shown.
            output.WriteLine($"client_secret: {clientSecret}");
        }

        return 0;
    }

    public static int Pkce(TextWriter output)
    {
        var verifier = ClientRegistration.RandomToken(32);
        output.WriteLine($"code_verifier: {verifier}");
        output.WriteLine($"code_challenge: {CodeChallenge(verifier)}");
        output.WriteLine("code_challenge_method: S256");
        return 0;
    }

    /// <summary>RFC 7636 S256: BASE64URL(SHA-256(ASCII(code_verifier))).</summary>
    public static string CodeChallenge(string verifier) => ClientRegistration.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
