using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using AngleSharp.Html.Parser;

namespace Sitrep.Ingest;

/// <summary>
/// RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item or entry is an article. The body is the fullest
/// text offered (content:encoded or Atom content, else description or summary), with HTML stripped;
/// the feed's own title is the outlet. Items are read one at a time with an XmlReader.
/// </summary>
internal static partial class FeedFormat
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Rss1 = "http://purl.org/rss/1.0/";

    private static readonly XmlReaderSettings Settings = new()
    {
        // Old RSS 0.91 feeds carry a DOCTYPE; entities are never resolved from outside.
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CheckCharacters = false,
    };

    public static void Read(string xml, string input, ArticleBuilder builder, List<InputItem> items)
    {
        var parser = new HtmlParser();
        string? outlet = null;
        var index = 0;
        try
        {
            using var reader = XmlReader.Create(new StringReader(HtmlEntitiesToNumeric(xml)), Settings);
            reader.MoveToContent();
            var root = reader.LocalName;
            if (root is not ("rss" or "RDF" or "feed"))
            {
                items.Add(new InputError(input, 0, -1, Severity.Error, $"not an RSS or Atom feed (root element <{reader.Name}>)"));
                return;
            }
            var atom = root == "feed";
            while (!reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }
                var line = ((IXmlLineInfo)reader).LineNumber;
                if (reader.LocalName == (atom ? "entry" : "item"))
                {
                    var element = (XElement)XNode.ReadFrom(reader);
                    index++;
                    Item(element, atom, input, index, line, outlet, builder, parser, items);
                    continue;
                }
                // The feed's title: <feed><title> in Atom, <channel><title> in RSS.
                if (reader.LocalName == "title" && outlet is null && reader.Depth == (atom ? 1 : 2))
                {
                    outlet = HtmlText.Collapse(reader.ReadElementContentAsString());
                    continue;
                }
                reader.Read();
            }
        }
        catch (XmlException ex)
        {
            items.Add(new InputError(input, ex.LineNumber, -1, Severity.Error, $"malformed XML: {ex.Message}" + (index > 0 ? $" (after {index} item(s))" : "")));
        }
        if (index == 0 && !items.Exists(i => i is InputError { IsError: true }))
        {
            items.Add(new InputError(input, 0, -1, Severity.Warning, "feed has no items; no article"));
        }
    }

    private static void Item(XElement e, bool atom, string input, int index, int line, string? outlet,
        ArticleBuilder builder, HtmlParser parser, List<InputItem> items)
    {
        string? title, url, id, date, body;
        if (atom)
        {
            title = AtomText(e.Element(Atom + "title"), parser);
            url = (e.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate")
                   ?? e.Element(Atom + "link"))?.Attribute("href")?.Value;
            id = e.Element(Atom + "id")?.Value;
            date = e.Element(Atom + "published")?.Value ?? e.Element(Atom + "updated")?.Value;
            body = AtomText(e.Element(Atom + "content"), parser);
            if (string.IsNullOrWhiteSpace(body))
            {
                body = AtomText(e.Element(Atom + "summary"), parser);
            }
            outlet = AtomText(e.Element(Atom + "source")?.Element(Atom + "title"), parser) ?? outlet;
        }
        else
        {
            // RSS 2.0 elements have no namespace; RSS 1.0 ones are in the RSS 1.0 namespace.
            XElement? Child(string name) => e.Element(name) ?? e.Element(Rss1 + name);
            title = Child("title") is { } t ? HtmlText.FromFragment(parser, t.Value) : null;
            url = Child("link")?.Value.Trim();
            id = Child("guid")?.Value.Trim() ?? (string?)e.Attribute(XName.Get("about", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"));
            date = Child("pubDate")?.Value ?? e.Element(Dc + "date")?.Value;
            var html = e.Element(Content + "encoded")?.Value;
            if (string.IsNullOrWhiteSpace(html))
            {
                html = Child("description")?.Value;
            }
            body = html is null ? null : HtmlText.FromFragment(parser, html);
            outlet = Child("source")?.Value.Trim() is { Length: > 0 } source ? source : outlet;
        }
        DateTimeOffset? published = null;
        if (!string.IsNullOrWhiteSpace(date))
        {
            if (DateParser.TryParse(date, out var d))
            {
                published = d;
            }
            else
            {
                items.Add(new InputError(input, line, -1, Severity.Warning, $"item {index}: cannot read publication date '{date.Trim()}'"));
            }
        }
        if (string.IsNullOrWhiteSpace(body) && string.IsNullOrWhiteSpace(title))
        {
            items.Add(new InputError(input, line, -1, Severity.Warning, $"item {index} has no title or text; skipped"));
            return;
        }
        var article = builder.Build(id, title, body ?? "", url, outlet, published, $"{input}#{index}");
        items.Add(new ArticleItem(input, line, article));
    }

    /// <summary>
    /// Feeds in the wild use HTML entities (&amp;nbsp; &amp;mdash;) that XML does not define; they are
    /// rewritten as numeric references so one stray entity does not lose the whole feed.
    /// </summary>
    private static string HtmlEntitiesToNumeric(string xml)
    {
        var needed = false;
        foreach (var m in NamedEntity().EnumerateMatches(xml))
        {
            var name = xml.AsSpan(m.Index + 1, m.Length - 2);
            if (name is not ("amp" or "lt" or "gt" or "quot" or "apos"))
            {
                needed = true;
                break;
            }
        }
        if (!needed)
        {
            return xml;
        }
        return NamedEntity().Replace(xml, m =>
        {
            var name = m.Groups[1].Value;
            if (name is "amp" or "lt" or "gt" or "quot" or "apos")
            {
                return m.Value;
            }
            var decoded = WebUtility.HtmlDecode(m.Value);
            if (decoded == m.Value)
            {
                return m.Value;
            }
            var sb = new System.Text.StringBuilder();
            for (var i = 0; i < decoded.Length; i += char.IsSurrogatePair(decoded, i) ? 2 : 1)
            {
                sb.Append("&#").Append(char.ConvertToUtf32(decoded, i).ToString(CultureInfo.InvariantCulture)).Append(';');
            }
            return sb.ToString();
        });
    }

    [GeneratedRegex("&([A-Za-z][A-Za-z0-9]{1,31});")]
    private static partial Regex NamedEntity();

    /// <summary>An Atom text construct: type "text" as is, "html" stripped, "xhtml" (inline markup) stripped.</summary>
    private static string? AtomText(XElement? e, HtmlParser parser)
    {
        if (e is null)
        {
            return null;
        }
        var type = (string?)e.Attribute("type") ?? "text";
        if (type == "xhtml")
        {
            var inner = string.Concat(e.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
            return HtmlText.FromFragment(parser, inner);
        }
        return type.Contains("html", StringComparison.OrdinalIgnoreCase) ? HtmlText.FromFragment(parser, e.Value) : e.Value.Trim();
    }
}
