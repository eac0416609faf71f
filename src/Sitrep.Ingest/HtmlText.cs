using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Sitrep.Ingest;

/// <summary>
/// HTML to plain text: block elements become paragraphs separated by a blank line, &lt;br&gt; a line
/// break, runs of whitespace inside a paragraph one space; scripts, styles and forms are dropped.
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "pre",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr",
        "figure", "figcaption", "hr", "address", "center", "details", "summary",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "svg", "math", "button", "form",
        "select", "textarea", "object", "embed", "video", "audio", "canvas", "head", "title",
    };

    /// <summary>The text of an HTML fragment (an RSS description, a JSON-LD articleBody).</summary>
    public static string FromFragment(HtmlParser parser, string html)
    {
        if (html.AsSpan().IndexOfAny('<', '&') < 0)
        {
            return Collapse(html);
        }
        using var doc = parser.ParseDocument(html);
        return doc.Body is null ? "" : FromNode(doc.Body);
    }

    public static string FromNode(INode node)
    {
        var w = new Writer();
        Walk(node, w);
        return w.ToString();
    }

    private static void Walk(INode node, Writer w)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    if (w.Pre > 0)
                    {
                        w.AppendRaw(t.Data);
                    }
                    else
                    {
                        w.AppendCollapsed(t.Data);
                    }
                    break;
                case IElement e when Skipped.Contains(e.LocalName):
                    break;
                case IElement e when e.LocalName == "br":
                    w.LineBreak();
                    break;
                case IElement e when Blocks.Contains(e.LocalName):
                    var pre = e.LocalName == "pre";
                    w.Paragraph();
                    if (pre)
                    {
                        w.Pre++;
                    }
                    Walk(e, w);
                    if (pre)
                    {
                        w.Pre--;
                    }
                    w.Paragraph();
                    break;
                case IElement e when e.LocalName is "td" or "th":
                    w.AppendCollapsed(" ");
                    Walk(e, w);
                    w.AppendCollapsed(" ");
                    break;
                case IElement e:
                    Walk(e, w);
                    break;
            }
        }
    }

    /// <summary>Whitespace runs to one space, trimmed: for titles and other one-line fields.</summary>
    public static string Collapse(string s)
    {
        var w = new Writer();
        w.AppendCollapsed(s);
        return w.ToString();
    }

    private sealed class Writer
    {
        private readonly StringBuilder _sb = new();
        // 0: inside text, 1: a line break is pending, 2: a paragraph break is pending.
        private int _pendingBreak;
        private bool _pendingSpace;
        public int Pre;

        public void AppendCollapsed(string data)
        {
            foreach (var c in data)
            {
                if (char.IsWhiteSpace(c))
                {
                    _pendingSpace = true;
                }
                else
                {
                    Emit(c);
                }
            }
        }

        public void AppendRaw(string data)
        {
            foreach (var c in data)
            {
                if (c == '\n')
                {
                    LineBreak();
                }
                else
                {
                    Emit(c);
                }
            }
        }

        private void Emit(char c)
        {
            if (_sb.Length > 0)
            {
                if (_pendingBreak > 0)
                {
                    _sb.Append(_pendingBreak == 2 ? "\n\n" : "\n");
                }
                else if (_pendingSpace)
                {
                    _sb.Append(' ');
                }
            }
            _pendingBreak = 0;
            _pendingSpace = false;
            _sb.Append(c);
        }

        public void LineBreak() => _pendingBreak = Math.Max(_pendingBreak, 1);

        public void Paragraph() => _pendingBreak = 2;

        public override string ToString() => _sb.ToString();
    }
}
