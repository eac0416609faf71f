using System.Security.Cryptography;
using System.Text;

namespace Sitrep.Text;

/// <summary>Where an article came from and what is known about it besides its text.</summary>
public sealed record ArticleMetadata(
    string? Title,
    string? Url,
    string? Outlet,
    DateTimeOffset? Published,
    string Language,
    string? Origin);

/// <summary>
/// One news article. <see cref="Text"/> is the title, a blank line, then the body, after
/// normalisation (NFC, "\n" line endings); every offset in Sitrep is an index into it, so a
/// headline is coded like any other sentence.
/// </summary>
public sealed record Article
{
    private Article(string id, string text, int bodyStart, ArticleMetadata metadata)
    {
        Id = id;
        Text = text;
        BodyStart = bodyStart;
        Metadata = metadata;
    }

    public string Id { get; }
    public string Text { get; }
    /// <summary>Offset of the first body character; 0 when the article has no title.</summary>
    public int BodyStart { get; }
    public ArticleMetadata Metadata { get; }

    public string? Title => Metadata.Title;
    public DateTimeOffset? Published => Metadata.Published;
    public ReadOnlySpan<char> Body => Text.AsSpan(BodyStart);

    /// <summary>
    /// Builds an article from raw title and body. Text is normalised; when <paramref name="id"/>
    /// is null the id is derived from the content, so the same article always gets the same id.
    /// </summary>
    public static Article Create(string? id, string? title, string body, ArticleMetadata? metadata = null)
    {
        var normalizedTitle = string.IsNullOrWhiteSpace(title) ? null : Normalize(title).Trim();
        // A title must stay one line: a newline inside it would split the headline into
        // two sentences.
        normalizedTitle = normalizedTitle?.Replace('\n', ' ');
        var normalizedBody = Normalize(body);
        var text = normalizedTitle is null ? normalizedBody : normalizedTitle + "\n\n" + normalizedBody;
        var bodyStart = normalizedTitle is null ? 0 : normalizedTitle.Length + 2;
        var meta = (metadata ?? new ArticleMetadata(null, null, null, null, "en", null)) with { Title = normalizedTitle };
        return new Article(string.IsNullOrWhiteSpace(id) ? ContentId(text) : id.Trim(), text, bodyStart, meta);
    }

    /// <summary>SHA-256 of the normalised text, hex; used as content hash and fallback id.</summary>
    public static string ContentId(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..10]);
    }

    public string ContentHash => ContentId(Text);

    /// <summary>NFC and "\n" line endings: the stored text that all offsets refer to.</summary>
    public static string Normalize(string raw)
    {
        var s = raw.IndexOf('\r') >= 0 ? raw.Replace("\r\n", "\n").Replace('\r', '\n') : raw;
        return s.IsNormalized(NormalizationForm.FormC) ? s : s.Normalize(NormalizationForm.FormC);
    }
}
