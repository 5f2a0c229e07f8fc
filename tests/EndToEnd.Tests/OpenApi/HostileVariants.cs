using System.Text;
using System.Text.Json.Nodes;

namespace AgentPlatform.EndToEnd.Tests.OpenApi;

/// <summary>Generates hostile variants of an <see cref="OpenApiRoute"/>: each is hostile in exactly one way (credentials,
/// one path value, one query value, or the body) and valid-looking otherwise, so it reaches as deep as that one fault lets
/// it. None of them is a valid request: credentials are never ones that could be accepted, and a body is never sent in a
/// shape the route would take.</summary>
public sealed class HostileVariants(JsonNode document, IReadOnlyDictionary<string, string> realIds, string agentKey, string operatorToken, string staleKey)
{
    private const string Json = "application/json";

    // Invalid under every name rule of the platform (agent, channel, definition, instance and event ids), so no value can
    // address a real resource: a dash or a short string of digits would be a valid event name and raise an event.
    private static readonly string[] PathValues =
    [
        "..", "%2E%2E", "a%2Fb", "%00", "%E2%80%AE", new string('x', 300), "%27%20OR%201%3D1", "me%0Aforged", "%F0%9F%98%80", "%25",
        "a%20b", "%5C..%5C",
    ];

    private static readonly string[] IntegerPathValues = ["-1", "0", "99999999999999999999", "2147483648", "1e3", "0x1", "1.5", "%20"];

    private static readonly string[] QueryValues =
    [
        "-1", "99999999999999999999", "1e309", "NaN", "Infinity", "", new string('9', 5_000), "%00", "1%20OR%201%3D1", "0x10",
        "%E2%80%AE", "-0",
    ];

    private static readonly string[] ForeignContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
    ];

    /// <summary>Every variant of <paramref name="route"/>.</summary>
    public IEnumerable<HostileRequest> For(OpenApiRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        foreach (var variant in Credentials(route))
        {
            yield return variant;
        }

        foreach (var bearer in new[] { agentKey, operatorToken })
        {
            var who = bearer == agentKey ? "agent" : "operator";
            foreach (var name in route.PathParameters)
            {
                foreach (var value in route.IntegerPathParameters.Contains(name) ? IntegerPathValues : PathValues)
                {
                    yield return Request(route, $"{who}: path {name}={Shorten(value)}", Path(route, name, value), [Bearer(bearer)], null, null);
                }
            }

            if (route.Method == "GET")
            {
                foreach (var name in route.QueryParameters)
                {
                    foreach (var value in QueryValues)
                    {
                        yield return Request(route, $"{who}: query {name}={Shorten(value)}", $"{Path(route)}?{name}={value}", [Bearer(bearer)], null, null);
                    }

                    yield return Request(route, $"{who}: query {name} twice", $"{Path(route)}?{name}=1&{name}=2", [Bearer(bearer)], null, null);
                }
            }

            if (route.BodySchema is { } schema)
            {
                foreach (var (variant, body, contentType) in Bodies(schema, route.BodyMediaTypes))
                {
                    yield return Request(route, $"{who}: body {variant}", Path(route), [Bearer(bearer)], body, contentType);
                }
            }
        }
    }

    private IEnumerable<HostileRequest> Credentials(OpenApiRoute route)
    {
        (string Name, string[] Values)[] credentials =
        [
            ("no Authorization", []),
            ("empty bearer", ["Bearer "]),
            ("basic scheme", ["Basic dXNlcjpwYXNz"]),
            ("unknown well-formed key", [Bearer("apk_0123456789abcdef0123456789ab.c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MDA")]),
            ("malformed key", [Bearer("apk_zz")]),
            ("wrong operator token", [Bearer("not-the-operator-token-" + new string('z', 20))]),
            ("rotated-away key", [Bearer(staleKey)]),
            ("8 KiB token", [Bearer(new string('t', 8_192))]),
            ("two Authorization headers", [Bearer(agentKey), Bearer(operatorToken)]),
        ];
        foreach (var (name, values) in credentials)
        {
            yield return Request(route, $"credentials: {name}", Path(route), values, null, null);
        }
    }

    private IEnumerable<(string Variant, byte[] Body, string ContentType)> Bodies(JsonNode schema, IReadOnlyList<string> mediaTypes)
    {
        var resolved = SchemaSample.Resolve(document, schema);
        var sample = SchemaSample.Of(document, schema) as JsonObject ?? [];
        var text = sample.ToJsonString();
        var mediaType = mediaTypes.FirstOrDefault(m => m.Contains("json", StringComparison.Ordinal)) ?? Json;
        foreach (var root in new[] { "[]", "\"text\"", "123", "null", "true" })
        {
            yield return ($"not an object: {root}", Utf8(root), mediaType);
        }

        yield return ("truncated", Utf8(text[..^1]), mediaType);
        yield return ("trailing comma", Utf8(text[..^1] + (sample.Count > 0 ? ",}" : "}")), mediaType);
        yield return ("comment", Utf8("/* c */" + text), mediaType);
        yield return ("invalid UTF-8", [.. "{\"x\":\""u8, 0xC3, 0x28, .. "\"}"u8], mediaType);
        yield return ("nested 10,000 deep", Utf8(new string('[', 10_000) + new string(']', 10_000)), mediaType);
        yield return ("unknown property", Utf8(With(sample, "surprise_field", 1)), mediaType);
        yield return ("over 1 MiB", Utf8(With(sample, "padding", new string('p', 1_100_000))), mediaType);
        if (sample.Count > 0)
        {
            var first = sample.First().Key;
            yield return ("duplicate property", Utf8(text[..^1] + $",\"{first}\":{sample[first]?.ToJsonString() ?? "null"}}}"), mediaType);
        }

        foreach (var contentType in ForeignContentTypes)
        {
            yield return ($"as {contentType}", Utf8(text), contentType);
        }

        yield return ("without Content-Type", Utf8(text), string.Empty);
        foreach (var (name, property) in resolved["properties"]?.AsObject() ?? [])
        {
            var types = SchemaSample.Types(SchemaSample.Resolve(document, property!));
            foreach (var (label, value) in WrongValues(types))
            {
                yield return ($"{name} {label}", Utf8(With(sample, name, value)), mediaType);
            }

            yield return ($"{name} nested 40 deep", Utf8(With(sample, name, JsonNode.Parse(new string('[', 40) + new string(']', 40)))), mediaType);
        }
    }

    /// <summary>Values no property of <paramref name="types"/> accepts; none for a schema that admits anything.</summary>
    private static IEnumerable<(string Label, JsonNode? Value)> WrongValues(IReadOnlyList<string> types)
    {
        if (types.Count == 0)
        {
            yield break;
        }

        if (!types.Contains("string"))
        {
            yield return ("as a string", "text");
        }

        if (!types.Contains("number") && !types.Contains("integer"))
        {
            yield return ("as a number", 12345);
        }
        else
        {
            yield return ("of 1e309", JsonNode.Parse("1e309"));
            yield return ("of 2^63", JsonNode.Parse("9223372036854775808"));
            yield return ("of -2^63-1", JsonNode.Parse("-9223372036854775809"));
        }

        if (!types.Contains("boolean"))
        {
            yield return ("as a boolean", true);
        }

        if (!types.Contains("array"))
        {
            yield return ("as an array", new JsonArray(1, "x"));
        }

        if (!types.Contains("object"))
        {
            yield return ("as an object", new JsonObject { ["k"] = 1 });
        }
    }

    private string Path(OpenApiRoute route, string? hostileName = null, string? hostileValue = null)
    {
        var path = route.Template;
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i] is ['{', .. var inner, '}'])
            {
                var name = inner.Split(':')[0];
                var before = i > 0 ? segments[i - 1] : string.Empty;
                segments[i] = name == hostileName ? hostileValue! : realIds.GetValueOrDefault(before, "does-not-exist");
            }
        }

        return string.Join('/', segments).TrimStart('/');
    }

    private static HostileRequest Request(OpenApiRoute route, string variant, string path, IReadOnlyList<string> authorization, byte[]? body, string? contentType) =>
        new(route.Name, variant, route.Method, path, authorization, body, contentType);

    private static string With(JsonObject sample, string name, JsonNode? value)
    {
        var copy = (JsonObject)sample.DeepClone();
        copy[name] = value?.DeepClone();
        return copy.ToJsonString();
    }

    private static string Bearer(string token) => "Bearer " + token;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Shorten(string value) => value.Length > 24 ? $"{value[..8]}...({value.Length} chars)" : value;
}
