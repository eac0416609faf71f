using System.Globalization;

using System.Text.Json;
using System.Text.RegularExpressions;
using Sitrep.Attributes;
using Sitrep.Coding;
using Sitrep.Text;

namespace Sitrep.Store.Tests;

/// <summary>
/// Hand-made pipeline output on real VOA stories (public domain): sentences split at ". ",
/// whitespace tokens, and events whose trigger, actors, places, dates, quantities and
/// attributions are real spans of the text found by keyword. Deterministic: the same article
/// always gives the same result. Stands in for SitrepPipeline in store tests and the store bench.
/// </summary>
public sealed partial class SampleResults : IArticleProcessor
{
    private static readonly (string Word, string Cameo, string Label, int Quad, double Goldstein, string Plover, string? Mode)[] Triggers =
    [
        ("killed", "190", "Use conventional military force", 4, -10.0, "ASSAULT", null),
        ("airstrike", "195", "Employ aerial weapons", 4, -10.0, "ASSAULT", "aerial"),
        ("urged", "020", "Make an appeal or request", 1, 3.0, "REQUEST", null),
        ("sanctions", "163", "Impose embargo, boycott, or sanctions", 3, -8.0, "SANCTION", null),
        ("ceasefire", "0871", "Declare truce, ceasefire", 2, 9.0, "AGREE", "ceasefire"),
        ("talks", "040", "Consult", 1, 1.0, "CONSULT", null),
        ("welcomed", "051", "Praise or endorse", 1, 3.4, "SUPPORT", null),
    ];

    private static readonly (string Name, string Code)[] Countries =
    [
        ("Iraqi", "IRQ"), ("Iraq", "IRQ"), ("U.S.", "USA"), ("United States", "USA"), ("Russia", "RUS"), ("Ukraine", "UKR"),
        ("Kyiv", "UKR"), ("Syria", "SYR"), ("Canada", "CAN"), ("Europe", "EUR"), ("European", "EUR"), ("China", "CHN"),
    ];

    [GeneratedRegex(@"\b\d[\d,]*\b")]
    private static partial Regex NumberPattern();

    /// <summary>The six VOA stories embedded in this test assembly, as articles.</summary>
    public static IReadOnlyList<Article> Stories => stories.Value;

    // Lazy: the store bench compiles this file without the embedded stories.
    private static readonly Lazy<List<Article>> stories = new(LoadStories);

    private static List<Article> LoadStories()
    {
        using var stream = typeof(SampleResults).Assembly.GetManifestResourceStream("voa_sample.jsonl")
            ?? throw new InvalidOperationException("voa_sample.jsonl resource missing");
        using var reader = new StreamReader(stream);
        var list = new List<Article>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            list.Add(FromJson(line, null));
        }
        return list;
    }

    /// <summary>Reads one VOA JSON line (id, url, title, published, text); <paramref name="idSuffix"/> makes copies distinct.</summary>
    public static Article FromJson(string line, string? idSuffix)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        var published = DateTimeOffset.Parse(root.GetProperty("published").GetString()!, CultureInfo.InvariantCulture);
        var title = root.GetProperty("title").GetString();
        var meta = new ArticleMetadata(title, root.GetProperty("url").GetString(), "VOA", published, "en", "voa");
        return Article.Create("voa-" + root.GetProperty("id").GetString() + idSuffix, title, root.GetProperty("text").GetString()!, meta);
    }

    /// <summary>A copy of <paramref name="article"/> under another id (and optionally other text), for volume.</summary>
    public static Article Copy(Article article, string id, string? extraText = null) =>
        Article.Create(id, article.Title, article.Text[article.BodyStart..] + extraText, article.Metadata);

    public ArticleResult Process(Article article) => Build(article);

    public static ArticleResult Build(Article article)
    {
        var doc = Split(article);
        var text = article.Text;
        var published = article.Published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : (DateOnly?)null;
        var events = new List<EventRecord>();
        var figures = new List<Figure>();
        var flags = new List<Flag>();
        foreach (var sentence in doc.AllSentences())
        {
            var s = sentence.Text;
            foreach (var t in Triggers)
            {
                var at = s.IndexOf(t.Word, StringComparison.Ordinal);
                if (at < 0)
                {
                    continue;
                }
                var trigger = new TextSpan(sentence.Start + at, sentence.Start + at + t.Word.Length);
                var source = FindActor(text, sentence.Start, trigger.Start, "GOV");
                var target = FindActor(text, trigger.End, sentence.End, "MIL");
                var quantities = Quantities(text, sentence.Start, sentence.End, t.Word == "killed" ? "killed" : "other");
                var said = s.IndexOf(" said", StringComparison.Ordinal);
                var attributions = new List<Attribution>();
                if (said >= 0 && FindActor(text, sentence.Start, sentence.Start + said, "GOV") is { } speaker)
                {
                    var inner = new Attribution(speaker, "said", new TextSpan(sentence.Start + said + 1, sentence.Start + said + 5), null);
                    // A nested chain when the sentence also quotes: the quote sits within the "said" report.
                    var quote = s.IndexOf('\u201c');
                    attributions.Add(quote >= 0
                        ? new Attribution(speaker, "quote", new TextSpan(sentence.Start + quote, sentence.Start + quote + 1), inner)
                        : inner);
                }
                var weekday = Array.FindIndex(Enum.GetNames<DayOfWeek>(), d => s.Contains(d, StringComparison.Ordinal));
                DateAttribute? when = null;
                if (weekday >= 0 && published is { } pub)
                {
                    var name = Enum.GetName((DayOfWeek)weekday)!;
                    var start = s.IndexOf(name, StringComparison.Ordinal) + sentence.Start;
                    var back = ((int)pub.DayOfWeek - weekday + 7) % 7;
                    var day = pub.AddDays(-back);
                    when = new DateAttribute(new TextSpan(start, start + name.Length), name, day, day, "day", "exact", "sentence",
                        [$"weekday {name} before publication {pub:yyyy-MM-dd}"]);
                }
                PlaceAttribute? where = null;
                if (FindCountry(text, sentence.Start, sentence.End) is { } place)
                {
                    where = new PlaceAttribute(place.Span, place.Name, place.Code, null, "country", 33.0 + place.Span.Start % 10,
                        44.0 + place.Span.Start % 7, 99000 + place.Span.Start, "sentence");
                }
                var certainty = attributions.Count > 0 ? Certainty.Reported : Certainty.Asserted;
                var coded = new CodedEvent(
                    Article.ContentId($"{article.Id}/{sentence.Index}/{trigger.Start}/{t.Cameo}"),
                    article.Id, sentence.Index, trigger, t.Word, t.Cameo, t.Label, t.Quad, t.Goldstein, t.Plover, t.Mode,
                    source, target, false, null, attributions.Select(a => a.Source).ToArray(),
                    [$"verbs.txt:{10 + at % 90} {t.Word} -> {t.Cameo}", "nsubj(" + t.Word + ")"]);
                events.Add(new EventRecord(coded, new EventAttributes(when, where, quantities, attributions, certainty,
                    [certainty == Certainty.Reported ? "attributed with 'said'" : "plain assertion"])));
                if (quantities.Count > 0 && figures.Count == 0)
                {
                    figures.Add(new Figure(Article.ContentId($"{article.Id}/fig/{quantities[0].Span.Start}"), article.Id, sentence.Index,
                        quantities[0], target, s.Contains("total", StringComparison.Ordinal), when, attributions, certainty));
                }
            }
        }
        var allQuantities = Quantities(text, 0, text.Length, "other");
        if (allQuantities.Count >= 2)
        {
            var a = allQuantities[0];
            var b = allQuantities[1];
            flags.Add(new Flag(Article.ContentId($"{article.Id}/flag/{a.Span.Start}/{b.Span.Start}"), "figure_contradiction", article.Id,
                a.Span, a.Text, null, b.Span, b.Text, $"{a.Text} vs {b.Text}"));
        }
        return new ArticleResult(doc, events, figures, flags);
    }

    /// <summary>Naive sentence split at ". " and blank lines; whitespace tokens.</summary>
    public static Doc Split(Article article)
    {
        var text = article.Text;
        var sentences = new List<SentenceData>();
        var tokens = new List<TokenData>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var end = i == text.Length
                || (text[i] == '\n')
                || (i > 0 && text[i - 1] is '.' or '?' or '!' && text[i] == ' ' && i + 1 < text.Length && char.IsUpper(text[i + 1]));
            if (!end)
            {
                continue;
            }
            var s = start;
            while (s < i && char.IsWhiteSpace(text[s]))
            {
                s++;
            }
            if (s < i)
            {
                var first = tokens.Count;
                var t = s;
                while (t < i)
                {
                    var e = t;
                    while (e < i && !char.IsWhiteSpace(text[e]))
                    {
                        e++;
                    }
                    tokens.Add(new TokenData { Start = t, End = e, Sentence = sentences.Count, Head = -1 });
                    t = e;
                    while (t < i && char.IsWhiteSpace(text[t]))
                    {
                        t++;
                    }
                }
                sentences.Add(new SentenceData(first, tokens.Count - first, s, i));
            }
            start = i + 1;
        }
        return new Doc(article, tokens.ToArray(), sentences.ToArray());
    }

    private static (TextSpan Span, string Name, string Code)? FindCountry(string text, int from, int to)
    {
        (TextSpan, string, string)? best = null;
        foreach (var (name, code) in Countries)
        {
            var at = text.IndexOf(name, from, to - from, StringComparison.Ordinal);
            if (at >= 0 && (best is null || at < best.Value.Item1.Start))
            {
                best = (new TextSpan(at, at + name.Length), name, code);
            }
        }
        return best;
    }

    private static ActorMention? FindActor(string text, int from, int to, string sector)
    {
        if (to <= from || FindCountry(text, from, to) is not { } c)
        {
            return null;
        }
        return new ActorMention(c.Span, c.Name, c.Code + sector, c.Code, [sector], "country", $"countries.txt:{c.Code}");
    }

    private static List<Quantity> Quantities(string text, int from, int to, string category)
    {
        var list = new List<Quantity>();
        foreach (Match m in NumberPattern().Matches(text[from..to]))
        {
            if (!long.TryParse(m.Value.Replace(",", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            var span = new TextSpan(from + m.Index, from + m.Index + m.Length);
            var approx = from + m.Index >= 6 && text.AsSpan(from + m.Index - 6, 6).SequenceEqual("about ");
            list.Add(new Quantity(span, m.Value, value, approx ? value + value / 10 : value, approx ? "approximate" : "exact", category, null));
        }
        return list;
    }
}
