using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Sitrep.Ingest;

/// <summary>
/// An HTML article page. Metadata comes from JSON-LD (NewsArticle and kin: headline, datePublished,
/// url, publisher), then Open Graph / article:* / Dublin Core meta tags, then &lt;title&gt; and the
/// canonical link; the main text from SmartReader (Readability), falling back to JSON-LD articleBody
/// and then to the whole body.
/// </summary>
internal static class HtmlFormat
{
    private static readonly string[] PublishedMeta =
    [
        "article:published_time", "og:article:published_time", "datePublished", "pubdate", "publishdate",
        "publish-date", "date", "dc.date.issued", "dcterms.created", "dc.date", "sailthru.date", "parsely-pub-date",
        "og:published_time", "article.published", "published_time",
    ];

    private static readonly HashSet<string> ArticleTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "NewsArticle", "Article", "ReportageNews", "AnalysisNewsArticle", "BlogPosting", "Report",
        "BackgroundNewsArticle", "OpinionNewsArticle", "LiveBlogPosting",
    };

    public static void Read(string html, string input, ArticleBuilder builder, List<InputItem> items)
    {
        var parser = new HtmlParser();
        using var doc = parser.ParseDocument(html);
        var ld = JsonLdArticle(doc);
        var meta = ReadMeta(doc);

        var title = Str(ld, "headline") ?? Get(meta, "og:title") ?? Get(meta, "twitter:title");
        var pageTitle = doc.Title;
        // The page's <h1> when <title> is "<h1> | Site": the cleanest headline there is.
        var h1 = doc.QuerySelector("h1")?.TextContent is { } h ? HtmlText.Collapse(h) : null;
        var headline = !string.IsNullOrEmpty(h1) && pageTitle is not null && pageTitle.Contains(h1, StringComparison.Ordinal) ? h1 : null;
        var url = Absolute(doc.QuerySelector("link[rel=canonical]")?.GetAttribute("href"), Get(meta, "og:url") ?? builder.Options.Url)
            ?? Get(meta, "og:url") ?? Str(ld, "url") ?? builder.Options.Url;
        var outlet = Get(meta, "og:site_name") ?? (ld is { } l && l.TryGetProperty("publisher", out var pub) ? NameOf(pub) : null);
        DateTimeOffset? published = null;
        var dateText = Str(ld, "datePublished");
        foreach (var name in PublishedMeta)
        {
            dateText ??= Get(meta, name);
        }
        dateText ??= doc.QuerySelector("[itemprop=datePublished]")?.GetAttribute("datetime")
            ?? doc.QuerySelector("[itemprop=datePublished]")?.GetAttribute("content")
            ?? doc.QuerySelector("article time[datetime]")?.GetAttribute("datetime");
        if (dateText is not null)
        {
            if (DateParser.TryParse(dateText, out var d))
            {
                published = d;
            }
            else
            {
                items.Add(new InputError(input, 0, -1, Severity.Warning, $"cannot read publication date '{dateText}'"));
            }
        }

        var (body, readerTitle) = MainText(doc, url, parser, ld);
        // SmartReader's title drops the " | Site name" suffix of <title>.
        title ??= headline ?? readerTitle ?? pageTitle;
        if (string.IsNullOrWhiteSpace(body))
        {
            using var again = parser.ParseDocument(html);
            body = again.Body is null ? "" : HtmlText.FromNode(again.Body);
        }
        // JSON-LD and meta values are often still entity-encoded ("Biden&#039;s").
        title = title is null ? null : HtmlText.Collapse(System.Net.WebUtility.HtmlDecode(title));
        if (string.IsNullOrWhiteSpace(body))
        {
            items.Add(new InputError(input, 0, -1, Severity.Error, "no article text found in the HTML page"));
            return;
        }
        // Readability output often repeats the headline as its first paragraph.
        if (title is not null && body.StartsWith(title + "\n", StringComparison.Ordinal))
        {
            body = body[title.Length..].TrimStart('\n');
        }
        items.Add(new ArticleItem(input, 0, builder.Build(null, title, body, url, outlet, published, input)));
    }

    private static (string? Text, string? Title) MainText(IHtmlDocument doc, string? url, HtmlParser parser, JsonElement? ld)
    {
        var articleBody = Str(ld, "articleBody");
        // SmartReader rewrites the DOM it is given; metadata has been read already, and the body
        // fallback below re-parses the page only when SmartReader finds nothing.
        var reader = new SmartReader.Reader(Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.AbsoluteUri : "https://localhost/", doc);
        var article = reader.GetArticle();
        var title = string.IsNullOrWhiteSpace(article.Title) ? null : article.Title;
        var text = article.IsReadable && !string.IsNullOrWhiteSpace(article.Content) ? HtmlText.FromFragment(parser, article.Content) : null;
        var fromLd = articleBody is null ? null : HtmlText.FromFragment(parser, articleBody);
        // The publisher's own articleBody wins when Readability found clearly less (a teaser, a
        // gallery page); otherwise Readability's text, which keeps the page's paragraphs.
        return (fromLd is not null && (text is null || fromLd.Length > text.Length * 1.2) ? fromLd : text, title);
    }

    /// <summary>A canonical link made absolute against the page's own URL when it is relative.</summary>
    private static string? Absolute(string? href, string? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }
        // "/a/1.html" is an absolute file URI to .NET on Unix, so the scheme is checked by hand.
        if (href.Contains("://", StringComparison.Ordinal))
        {
            return href.Trim();
        }
        return Uri.TryCreate(baseUrl, UriKind.Absolute, out var b) && Uri.TryCreate(b, href, out var resolved) ? resolved.ToString() : href;
    }

    private static Dictionary<string, string> ReadMeta(IHtmlDocument doc)
    {
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in doc.QuerySelectorAll("meta"))
        {
            var key = m.GetAttribute("property") ?? m.GetAttribute("name") ?? m.GetAttribute("itemprop");
            var content = m.GetAttribute("content");
            if (!string.IsNullOrWhiteSpace(key) && !string.IsNullOrWhiteSpace(content))
            {
                meta.TryAdd(key.Trim(), content.Trim());
            }
        }
        return meta;
    }

    private static string? Get(Dictionary<string, string> meta, string key) => meta.TryGetValue(key, out var v) ? v : null;

    /// <summary>The first JSON-LD object of an article type, looking inside arrays and @graph.</summary>
    private static JsonElement? JsonLdArticle(IHtmlDocument doc)
    {
        foreach (var script in doc.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                if (FindArticle(json.RootElement) is { } found)
                {
                    return found.Clone();
                }
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common on the web; the meta tags still work.
            }
        }
        return null;
    }

    private static JsonElement? FindArticle(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    if (FindArticle(item) is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case JsonValueKind.Object:
                if (e.TryGetProperty("@type", out var type) && IsArticleType(type)
                    && (e.TryGetProperty("headline", out _) || e.TryGetProperty("datePublished", out _)))
                {
                    return e;
                }
                return e.TryGetProperty("@graph", out var graph) ? FindArticle(graph) : null;
            default:
                return null;
        }
    }

    private static bool IsArticleType(JsonElement type) => type.ValueKind switch
    {
        JsonValueKind.String => ArticleTypes.Contains(type.GetString()!),
        JsonValueKind.Array => type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && ArticleTypes.Contains(t.GetString()!)),
        _ => false,
    };

    private static string? Str(JsonElement? e, string name) =>
        e is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
        && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString()!.Trim() : null;

    private static string? NameOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Object => e.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null,
        JsonValueKind.Array => e.EnumerateArray().Select(NameOf).FirstOrDefault(n => n is not null),
        _ => null,
    };
}
