using Sitrep.Text;

namespace Sitrep.Ingest;

/// <summary>Builds articles from what an input says, filling gaps from <see cref="IngestOptions"/>.</summary>
internal sealed class ArticleBuilder(IngestOptions options)
{
    private int _optionIds;

    public IngestOptions Options => options;

    public Article Build(string? id, string? title, string body, string? url, string? outlet, DateTimeOffset? published, string origin)
    {
        if (string.IsNullOrWhiteSpace(id) && options.Id is { } given)
        {
            _optionIds++;
            id = _optionIds == 1 ? given : $"{given}-{_optionIds}";
        }
        var meta = new ArticleMetadata(
            null,
            Blank(url) ?? options.Url,
            Blank(outlet) ?? options.Outlet,
            published ?? options.Published,
            options.Language,
            origin);
        return Article.Create(id, title, body, meta);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
