namespace AgentPlatform.EndToEnd.Tests.OpenApi;

/// <summary>One generated hostile request: what it varies, and everything needed to send it.</summary>
/// <param name="Route">The route it attacks, <c>METHOD /template</c>.</param>
/// <param name="Variant">What is hostile about it, for the failure report.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The relative path with its query, already escaped.</param>
/// <param name="Authorization">The Authorization header values (none, one, or several).</param>
/// <param name="Body">The body bytes, or null for none.</param>
/// <param name="ContentType">The Content-Type of the body, or null for none.</param>
public sealed record HostileRequest(
    string Route, string Variant, string Method, string Path, IReadOnlyList<string> Authorization, byte[]? Body, string? ContentType);
