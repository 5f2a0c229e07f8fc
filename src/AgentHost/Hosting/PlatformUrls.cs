namespace AgentPlatform.AgentHost.Hosting;

/// <summary>The address the host listens on when nothing else says.</summary>
internal static class PlatformUrls
{
    /// <summary>Loopback only, port 5080.</summary>
    public const string Default = "http://127.0.0.1:5080";

    /// <summary>Listens on <see cref="Default"/> unless <c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>URLS</c>,
    /// <c>Urls</c> in configuration or an <c>HTTP_PORTS</c>/<c>HTTPS_PORTS</c> setting names an address.</summary>
    /// <remarks>The default lives here rather than as <c>Urls</c> in <c>appsettings.json</c>: appsettings is read
    /// after the <c>ASPNETCORE_</c> variables and would override <c>ASPNETCORE_URLS</c>.</remarks>
    public static IWebHostBuilder UseDefaultPlatformUrls(this IWebHostBuilder webHost, IConfiguration configuration)
    {
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"]) && string.IsNullOrEmpty(configuration["https_ports"]))
        {
            webHost.UseUrls(Default);
        }

        return webHost;
    }
}
