using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Http;

/// <summary>Reads request bodies strictly, turning every kind of bad body into the matching problem.</summary>
/// <remarks>
/// Use it instead of <c>[FromBody]</c> parameters, so authentication filters run before the body is read and
/// every failure is problem+json. Outcomes: a body larger than <see cref="ApiOptions.MaxBodyBytes"/> → 413
/// <c>payload-too-large</c>; a body whose Content-Type is not JSON → 415; not well-formed JSON → 400
/// <c>malformed-json</c>; unknown fields, wrong types, missing required fields, or a non-object → 400 <c>validation</c>
/// naming the field; no body when <c>required</c> → 400 <c>validation</c>. Nothing is changed by a failed read.
/// </remarks>
public static class JsonBody
{
    /// <summary>Reads and deserializes the body as <typeparamref name="T"/> with <see cref="ApiJson.Strict"/>.</summary>
    /// <param name="context">The request.</param>
    /// <param name="required">When false, an empty body yields <see cref="JsonBodyResult{T}.IsPresent"/> = false instead of a problem.</param>
    public static async ValueTask<JsonBodyResult<T>> ReadAsync<T>(HttpContext context, bool required = true)
    {
        var document = await ReadDocumentAsync(context, required);
        if (document.Problem is { } problem)
        {
            return JsonBodyResult<T>.Failed(problem);
        }

        if (!document.IsPresent)
        {
            return JsonBodyResult<T>.Absent();
        }

        using var doc = document.Value!;
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            return JsonBodyResult<T>.Failed(Problems.Validation("$", "the body must be a JSON object"));
        }

        try
        {
            var value = doc.RootElement.Deserialize<T>(ApiJson.Strict);
            return value is null
                ? JsonBodyResult<T>.Failed(Problems.Validation("$", "the body must be a JSON object"))
                : JsonBodyResult<T>.Present(value);
        }
        catch (JsonException e)
        {
            return JsonBodyResult<T>.Failed(Problems.Validation(DescribeField(e, doc.RootElement), DescribeError(e)));
        }
        catch (NotSupportedException)
        {
            // The serializer refuses some shapes outright (an abstract or polymorphic type without its discriminator).
            return JsonBodyResult<T>.Failed(Problems.Validation("$", "has the wrong type or value"));
        }
    }

    /// <summary>Reads the body as a parsed JSON object, for handlers that inspect fields themselves (for example PATCH).</summary>
    /// <remarks>The caller owns the returned <see cref="JsonDocument"/> and must dispose it; the document shares no memory
    /// with other requests, so it may be kept across awaits.</remarks>
    public static async ValueTask<JsonBodyResult<JsonDocument>> ReadObjectAsync(HttpContext context, bool required = true)
    {
        var document = await ReadDocumentAsync(context, required);
        if (document.Value is { } doc && doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            return JsonBodyResult<JsonDocument>.Failed(Problems.Validation("$", "the body must be a JSON object"));
        }

        return document;
    }

    private static async ValueTask<JsonBodyResult<JsonDocument>> ReadDocumentAsync(HttpContext context, bool required)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var limit = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxBodyBytes;
        var hasBody = request.ContentLength > 0
            || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody)
        {
            return required
                ? JsonBodyResult<JsonDocument>.Failed(Problems.Validation("$", "a JSON body is required"))
                : JsonBodyResult<JsonDocument>.Absent();
        }

        if (request.ContentLength > limit)
        {
            return JsonBodyResult<JsonDocument>.Failed(Problems.PayloadTooLarge(limit));
        }

        if (!request.HasJsonContentType())
        {
            return JsonBodyResult<JsonDocument>.Failed(Problems.UnsupportedMediaType(request.ContentType));
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        return JsonBodyResult<JsonDocument>.Failed(Problems.PayloadTooLarge(limit));
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    return JsonBodyResult<JsonDocument>.Failed(Problems.PayloadTooLarge(limit));
                }
            }

            if (length == 0)
            {
                return required
                    ? JsonBodyResult<JsonDocument>.Failed(Problems.Validation("$", "a JSON body is required"))
                    : JsonBodyResult<JsonDocument>.Absent();
            }

            if (!Utf8.IsValid(buffer.AsSpan(0, length)))
            {
                return JsonBodyResult<JsonDocument>.Failed(Problems.MalformedJson("The body is not valid UTF-8."));
            }

            try
            {
                // JsonDocument.Parse(ReadOnlyMemory) keeps reading the memory it was given for the document's whole life,
                // and the pooled buffer goes back to the pool below: the document gets bytes of its own.
                var document = JsonDocument.Parse(buffer.AsSpan(0, length).ToArray(), DocumentOptions);
                return JsonBodyResult<JsonDocument>.Present(document);
            }
            catch (JsonException e)
            {
                var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : string.Empty;
                return JsonBodyResult<JsonDocument>.Failed(Problems.MalformedJson($"The body is not well-formed JSON{where}."));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 32,
        AllowDuplicateProperties = false,
    };

    private static string DescribeField(JsonException e, JsonElement root)
    {
        var path = e.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
        if (IsUnknownMember(e))
        {
            // The serializer names the unmapped property only in its message; quote it back from the body instead.
            var unknown = root.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => e.Message.Contains($"'{n}'", StringComparison.Ordinal));
            if (unknown is not null)
            {
                return path is null ? unknown
                    : path == unknown || path.EndsWith("." + unknown, StringComparison.Ordinal) ? path
                    : $"{path}.{unknown}";
            }
        }

        return path ?? "$";
    }

    private static string DescribeError(JsonException e) =>
        IsUnknownMember(e) ? "is not a known field"
        : e.Message.Contains("missing required properties", StringComparison.Ordinal) ? "a required field is missing"
        : "has the wrong type or value";

    private static bool IsUnknownMember(JsonException e) => e.Message.Contains("could not be mapped", StringComparison.Ordinal);
}
