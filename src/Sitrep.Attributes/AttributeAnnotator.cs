using System.Text.RegularExpressions;
using System.Runtime.CompilerServices;
using Sitrep.Coding;
using Sitrep.Text;

namespace Sitrep.Attributes;

/// <summary>
/// The attributes stage: when, where, how many, according to whom and how certain for each coded
/// event, stand-alone figures, and contradiction flags. Works on any tokenised <see cref="Doc"/>;
/// uses the dependency parse (Head/DepRel) when present and falls back to the sentence otherwise.
/// </summary>
public sealed partial class AttributeAnnotator
{
    private readonly Gazetteer _gazetteer;
    private readonly IActorResolver _actors;
    private readonly ConditionalWeakTable<ArticleResult, List<(DateMention Date, string Onset)>> _onsets = new();
    private readonly ConditionalWeakTable<Doc, List<PlaceMention>> _places = new();

    public AttributeAnnotator(Gazetteer gazetteer, IActorResolver actors)
    {
        _gazetteer = gazetteer;
        _actors = actors;
    }

    /// <summary>The shipped gazetteer and actor lexicon; <paramref name="actors"/> (e.g. the coder's dictionary) is tried first when given.</summary>
    public static AttributeAnnotator LoadDefault(IActorResolver? actors = null)
    {
        var gaz = Gazetteer.LoadDefault();
        var lexicon = ActorLexicon.LoadDefault(gaz);
        return new AttributeAnnotator(gaz, actors is null ? lexicon : new ChainResolver(actors, lexicon));
    }

    public Gazetteer Gazetteer => _gazetteer;

    private sealed class ChainResolver(IActorResolver first, IActorResolver second) : IActorResolver
    {
        public ActorMention? Resolve(Doc doc, TextSpan span) => first.Resolve(doc, span) ?? second.Resolve(doc, span);
    }

    private static readonly Dictionary<string, string[]> Compatible = new(StringComparer.Ordinal)
    {
        ["killed"] = ["18", "19", "20"],
        ["wounded"] = ["18", "19", "20"],
        ["arrested"] = ["17"],
        ["protesters"] = ["14"],
        ["mobilized"] = ["15"],
        ["displaced"] = ["17", "18", "19", "20"],
        ["captured"] = ["17", "18", "19"],
        ["missing"] = ["18", "19", "20"],
        ["personnel"] = ["15", "19"],
    };

    /// <summary>
    /// The places the document names, with their countries, for the coder; kept so that
    /// <see cref="Annotate"/> on the same document does not look them up again.
    /// </summary>
    public IReadOnlyList<NamedPlace> Places(Doc doc)
    {
        var places = PlaceExtractor.Extract(doc, _gazetteer);
        _places.AddOrUpdate(doc, places);
        var result = new List<NamedPlace>(places.Count);
        foreach (var p in places)
        {
            if (p.Entry.Country is { Length: 3 } country)
            {
                result.Add(new NamedPlace(p.Span, country, p.Locative));
            }
        }
        return result;
    }

    public ArticleResult Annotate(Doc doc, IReadOnlyList<CodedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(events);
        var articleId = doc.Article.Id;
        DateOnly? pub = doc.Article.Published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : null;
        var dates = DateExtractor.Extract(doc, pub);
        var places = _places.TryGetValue(doc, out var found) ? found : PlaceExtractor.Extract(doc, _gazetteer);
        _places.Remove(doc);
        var quantities = QuantityExtractor.Extract(doc, dates);
        var attributions = AttributionExtractor.Extract(doc, _actors);
        var unverified = CertaintyAnalyzer.FindUnverifiable(doc);
        var mainPlace = MainPlace(places, doc.Text);

        var used = new HashSet<QuantityMention>();
        var records = new List<EventRecord>(events.Count);
        foreach (var ev in events)
        {
            var sentence = ev.Sentence >= 0 && ev.Sentence < doc.Sentences.Length ? ev.Sentence : TextUtil.SentenceAt(doc, ev.Trigger.Start);
            var when = AttachDate(doc, dates, sentence, ev.Trigger, pub);
            var where = AttachPlace(doc, places, sentence, ev.Trigger, mainPlace);
            var atts = AttributionsAt(attributions, sentence, ev.Trigger.Start);
            if (atts.Count == 0 && ev.ReportedBy.Count > 0)
            {
                atts = [new Attribution(ev.ReportedBy[^1], "said", ev.ReportedBy[^1].Span, null)];
            }
            var qs = new List<Quantity>();
            foreach (var q in quantities)
            {
                if (q.Sentence == sentence && BelongsTo(doc, q, ev))
                {
                    qs.Add(q.Quantity);
                    used.Add(q);
                }
            }
            var (certainty, why) = CertaintyAnalyzer.Assess(doc, sentence, ev.Trigger, ev, atts, unverified);
            records.Add(new EventRecord(ev, new EventAttributes(when, where, qs, atts, certainty, why)));
        }

        var figures = new List<Figure>();
        foreach (var q in quantities)
        {
            // A running total stays a figure even when an event carries it ("more than 150,000 have
            // been killed since the invasion began"): totals are what sources contradict each other on.
            if (used.Contains(q) && !q.Cumulative || q.Quantity.Category == "other")
            {
                continue;
            }
            figures.Add(MakeFigure(doc, q, dates, pub, attributions, unverified));
        }

        var flags = new List<Flag>();
        var onsets = new List<(DateMention, string)>();
        foreach (var d in dates)
        {
            if (Contradictions.Onset(doc, d) is { } onset)
            {
                onsets.Add((d, onset));
            }
        }
        foreach (var (a, b, reason) in Contradictions.DateConflicts(onsets))
        {
            flags.Add(new Flag(TextUtil.StableId("flag-", "date", articleId, a.Span.Start, b.Span.Start), "date_contradiction", articleId,
                a.Span, a.Text, null, b.Span, b.Text, reason));
        }
        for (var i = 0; i < figures.Count; i++)
        {
            var ka = Contradictions.FigureKey(figures[i]);
            for (var j = i + 1; ka is not null && j < figures.Count; j++)
            {
                if (Contradictions.FigureKey(figures[j]) == ka && !Contradictions.Compatible(figures[i].Quantity, figures[j].Quantity))
                {
                    var (a, b) = (figures[i].Quantity, figures[j].Quantity);
                    flags.Add(new Flag(TextUtil.StableId("flag-", "figure", articleId, a.Span.Start, b.Span.Start), "figure_contradiction", articleId,
                        a.Span, a.Text, null, b.Span, b.Text,
                        $"two {a.Category} figures for {ka.Split('|')[1]} ({ka.Split('|')[2]}) disagree: {Describe(a)} vs {Describe(b)}{Sources(figures[i], figures[j])}"));
                }
            }
        }
        var result = new ArticleResult(doc, records, figures, flags);
        _onsets.AddOrUpdate(result, onsets);
        return result;
    }

    /// <summary>Contradictions between the articles of one run: the same figure or onset date stated incompatibly.</summary>
    public IReadOnlyList<Flag> CrossArticle(IReadOnlyList<ArticleResult> results)
    {
        var evidence = new List<CrossArticleEvidence>(results.Count);
        foreach (var r in results)
        {
            evidence.Add(Evidence(r));
        }
        return CrossArticle(evidence);
    }

    /// <summary>
    /// What the cross-article check needs from one article (its keyed figures and dated onsets),
    /// small enough that a long ingest run keeps one per article instead of the article itself.
    /// </summary>
    public CrossArticleEvidence Evidence(ArticleResult result)
    {
        var figures = new List<(Figure, string)>();
        foreach (var f in result.Figures)
        {
            if (Contradictions.FigureKey(f) is { } k && f.AsOf?.End is { } end)
            {
                figures.Add((f, k + "|" + end.ToString("yyyy-MM-dd")));
            }
        }
        var onsets = new List<(DateMention, string)>();
        if (_onsets.TryGetValue(result, out var list) && list.Count > 0)
        {
            var country = MainPlace(PlaceExtractor.Extract(result.Doc, _gazetteer), result.Doc.Text)?.Entry.Country ?? "?";
            foreach (var (d, o) in list)
            {
                onsets.Add((d, o + "|" + country));
            }
        }
        return new CrossArticleEvidence(result.Doc.Article.Id, figures, onsets);
    }

    /// <summary>Contradictions between articles, from their <see cref="Evidence"/>, in input order.</summary>
    public IReadOnlyList<Flag> CrossArticle(IReadOnlyList<CrossArticleEvidence> evidence)
    {
        var flags = new List<Flag>();
        var figures = new List<(CrossArticleEvidence R, Figure F, string Key)>();
        foreach (var r in evidence)
        {
            foreach (var (f, k) in r.Figures)
            {
                figures.Add((r, f, k));
            }
        }
        for (var i = 0; i < figures.Count; i++)
        {
            for (var j = i + 1; j < figures.Count; j++)
            {
                var (ra, fa, ka) = figures[i];
                var (rb, fb, kb) = figures[j];
                if (ra.ArticleId == rb.ArticleId || ka != kb || Contradictions.Compatible(fa.Quantity, fb.Quantity))
                {
                    continue;
                }
                flags.Add(new Flag(TextUtil.StableId("flag-", "xfig", fa.Id, fb.Id), "cross_article_figure", fa.ArticleId,
                    fa.Quantity.Span, fa.Quantity.Text, fb.ArticleId, fb.Quantity.Span, fb.Quantity.Text,
                    $"{fa.Quantity.Category} figures for the same victims as of {fa.AsOf!.End:yyyy-MM-dd} disagree: {Describe(fa.Quantity)} vs {Describe(fb.Quantity)}"));
            }
        }
        var onsets = new List<(CrossArticleEvidence R, DateMention D, string Key)>();
        foreach (var r in evidence)
        {
            foreach (var (d, k) in r.Onsets)
            {
                onsets.Add((r, d, k));
            }
        }
        for (var i = 0; i < onsets.Count; i++)
        {
            for (var j = i + 1; j < onsets.Count; j++)
            {
                var (ra, da, ka) = onsets[i];
                var (rb, db, kb) = onsets[j];
                if (ra.ArticleId == rb.ArticleId || ka != kb || Contradictions.StartsCompatible(da, db))
                {
                    continue;
                }
                flags.Add(new Flag(TextUtil.StableId("flag-", "xdate", ra.ArticleId, da.Span.Start, rb.ArticleId, db.Span.Start), "cross_article_date",
                    ra.ArticleId, da.Span, da.Text, rb.ArticleId, db.Span, db.Text,
                    $"the articles date the {ka.Split('|')[0].Replace('_', ' ')} ({ka.Split('|')[1]}) differently: '{da.Text}' vs '{db.Text}'"));
            }
        }
        return flags;
    }

    /// <summary>" (per Moscow vs per Ukraine)" when the two figures have different sources, else "".</summary>
    private static string Sources(Figure a, Figure b)
    {
        var sa = a.Attributions.Count > 0 ? a.Attributions[0].Source.Text : null;
        var sb = b.Attributions.Count > 0 ? b.Attributions[0].Source.Text : null;
        return sa == sb ? "" : $" (per {sa ?? "the article"} vs per {sb ?? "the article"})";
    }

    private static string Describe(Quantity q) => q.Precision switch
    {
        "at_least" => $">= {q.Low:N0}",
        "at_most" => $"<= {q.High:N0}",
        "range" or "vague" => $"{q.Low:N0}-{q.High:N0}",
        "approximate" => $"~{q.Low:N0}",
        _ => $"{q.Low:N0}",
    };

    private static DateAttribute AttachDate(Doc doc, List<DateMention> dates, int sentence, TextSpan trigger, DateOnly? pub)
    {
        DateMention? best = null;
        var bestDist = int.MaxValue;
        var trig = doc.IsParsed ? TextUtil.TokenAt(doc, trigger.Start) : -1;
        foreach (var d in dates)
        {
            if (d.Sentence != sentence)
            {
                continue;
            }
            if (trig >= 0)
            {
                var head = TextUtil.HeadOf(doc, d.Span);
                if (head >= 0 && (TextUtil.Governs(doc, trig, head, 2) || Siblings(doc, trig, head)))
                {
                    return d.ToAttribute("syntax", $"temporal modifier ({doc.Tokens[head].DepRel}) of the trigger");
                }
            }
            var dist = Distance(doc.Text, d.Span, trigger);
            if (dist < bestDist)
            {
                best = d;
                bestDist = dist;
            }
        }
        if (best is not null)
        {
            return best.ToAttribute("sentence", "nearest time expression in the event's sentence");
        }
        return pub is { } p
            ? new DateAttribute(null, null, p, p, "day", "approximate", "publication", ["no time expression in the sentence: publication date"])
            : new DateAttribute(null, null, null, null, "day", "unresolved", "publication", ["no time expression and no publication date"]);
    }

    /// <summary>Character distance, plus a penalty per comma between: a modifier set off by a comma more often belongs to another clause.</summary>
    private static int Distance(string text, TextSpan a, TextSpan trigger)
    {
        var (from, to) = a.Start >= trigger.End ? (trigger.End, a.Start) : (a.End, trigger.Start);
        var commas = 0;
        for (var i = from; i < to; i++)
        {
            if (text[i] == ',')
            {
                commas++;
            }
        }
        return to - from + 40 * commas;
    }

    /// <summary>"launched an invasion in February": the date modifies the light verb whose object is the trigger.</summary>
    private static bool Siblings(Doc doc, int trig, int head)
    {
        var th = doc.Tokens[trig].Head;
        return th >= 0 && th == doc.Tokens[head].Head && doc.Tokens[trig].DepRel is "obj" or "nsubj" or "nsubj:pass";
    }

    private PlaceAttribute? AttachPlace(Doc doc, List<PlaceMention> places, int sentence, TextSpan trigger, PlaceMention? main)
    {
        PlaceMention? best = null;
        var bestDist = int.MaxValue;
        var trig = doc.IsParsed ? TextUtil.TokenAt(doc, trigger.Start) : -1;
        foreach (var pl in places)
        {
            if (pl.Sentence != sentence || !pl.Locative)
            {
                continue;
            }
            if (trig >= 0)
            {
                var head = TextUtil.HeadOf(doc, pl.Span);
                if (head >= 0 && doc.Tokens[head].DepRel is { } rel && (rel.StartsWith("obl", StringComparison.Ordinal) || rel.StartsWith("nmod", StringComparison.Ordinal))
                    && (TextUtil.Governs(doc, trig, head, 2) || Siblings(doc, trig, head)))
                {
                    return pl.ToAttribute(_gazetteer, "syntax");
                }
            }
            var dist = Distance(doc.Text, pl.Span, trigger);
            if (dist < bestDist)
            {
                best = pl;
                bestDist = dist;
            }
        }
        if (best is not null)
        {
            return best.ToAttribute(_gazetteer, "sentence");
        }
        return main?.ToAttribute(_gazetteer, "article") is { } a ? a with { Span = null } : null;
    }

    /// <summary>The article's main place: its most named country, or a place in it named at least twice.</summary>
    // "Moscow says ...", "Kyiv denied ...": a capital as the speaker stands for a government, not a place.
    [GeneratedRegex(@"^\s+(?:says|said|say|claims|claimed|announced|insists|insisted|denies|denied|warned|accused|has\s+(?:said|denied|claimed|warned))\b")]
    private static partial Regex SpeakerAfter();

    private static PlaceMention? MainPlace(List<PlaceMention> places, string text)
    {
        places = places.FindAll(p => !SpeakerAfter().IsMatch(text.AsSpan(p.Span.End, Math.Min(30, text.Length - p.Span.End))));
        if (places.Count == 0)
        {
            return null;
        }
        var countries = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in places)
        {
            countries[p.Entry.Country] = countries.GetValueOrDefault(p.Entry.Country) + (p.Sentence == 0 ? 2 : 1);
        }
        var top = countries.OrderByDescending(kv => kv.Value).ThenBy(kv => places.FindIndex(p => p.Entry.Country == kv.Key)).First().Key;
        var entries = places.Where(p => p.Entry.Country == top).GroupBy(p => p.Entry).ToList();
        var local = entries.Where(g => g.Key.Kind != 'C' && g.Count() >= 2).OrderByDescending(g => g.Count()).FirstOrDefault();
        return local?.First() ?? entries.FirstOrDefault(g => g.Key.Kind == 'C')?.First() ?? entries[0].First();
    }

    private static List<Attribution> AttributionsAt(List<AttributionMention> all, int sentence, int pos)
    {
        AttributionMention? quote = null;
        foreach (var a in all)
        {
            if (a.Attribution.Cue == "quote" && a.Scope.Start <= pos && pos < a.Scope.End && (quote is null || a.Scope.Length < quote.Scope.Length))
            {
                quote = a;
            }
        }
        if (quote is not null)
        {
            return [quote.Attribution];
        }
        var list = new List<Attribution>();
        foreach (var a in all)
        {
            if (a.Sentence == sentence && !a.InnerOnly && a.Attribution.Cue != "quote")
            {
                list.Add(a.Attribution);
            }
        }
        return list;
    }

    private static bool BelongsTo(Doc doc, QuantityMention q, CodedEvent ev)
    {
        if (q.CountedSpan.Length > 0 && q.CountedSpan.Overlaps(ev.Trigger))
        {
            return true;
        }
        if (doc.IsParsed)
        {
            var trig = TextUtil.TokenAt(doc, ev.Trigger.Start);
            var num = TextUtil.HeadOf(doc, q.CountedSpan.Length > 0 ? q.CountedSpan : q.Quantity.Span);
            if (trig >= 0 && num >= 0 && TextUtil.Governs(doc, trig, num, 2))
            {
                return true;
            }
        }
        var root = ev.CameoCode.Length >= 2 ? ev.CameoCode[..2] : ev.CameoCode;
        return Compatible.TryGetValue(q.Quantity.Category, out var roots) && roots.Contains(root);
    }

    private Figure MakeFigure(Doc doc, QuantityMention q, List<DateMention> dates, DateOnly? pub, List<AttributionMention> attributions, List<VerifyScope> unverified)
    {
        var text = doc.Text;
        var sent = doc.Sentences[q.Sentence];
        ActorMention? victims = q.CountedSpan.Length > 0 ? _actors.Resolve(doc, q.CountedSpan) : null;
        // "Moscow's army lost 159,090 personnel": the losers are the subject, so their country is the victims'.
        var clauseStart = sent.Start;
        for (var i = q.Quantity.Span.Start - 1; i > sent.Start; i--)
        {
            if (text[i] is ';' or '.' or '"' or '“' or '”')
            {
                clauseStart = i + 1;
                break;
            }
        }
        var clause = new TextSpan(clauseStart, q.Quantity.Span.Start);
        if (victims?.Country is null && System.Text.RegularExpressions.Regex.IsMatch(clause.Of(text), @"\b(?:lost|lose|loses|losses)\b"))
        {
            var subject = _actors.Resolve(doc, clause);
            if (subject?.Country is { } c)
            {
                var sectors = victims?.Sectors ?? subject.Sectors;
                victims = new ActorMention(q.CountedSpan.Length > 0 ? q.CountedSpan : q.Quantity.Span, q.Quantity.Counted ?? q.Quantity.Text,
                    c + string.Concat(sectors), c, sectors, victims?.Kind ?? subject.Kind, "losses of " + subject.Text);
            }
        }
        DateAttribute? asOf = null;
        var cumulative = q.Cumulative;
        DateMention? since = null;
        DateMention? inSentence = null;
        foreach (var d in dates)
        {
            if (d.Sentence == q.Sentence)
            {
                if (d.Since)
                {
                    since = d;
                }
                else
                {
                    inSentence ??= d;
                }
            }
        }
        if (cumulative && since is not null)
        {
            asOf = since.ToAttribute("sentence", "running total since this date, as of publication");
        }
        else if (inSentence is not null)
        {
            asOf = inSentence.ToAttribute("sentence", "time expression in the figure's sentence");
            cumulative = cumulative && inSentence.Kind == "range";
        }
        else if (pub is { } p)
        {
            asOf = new DateAttribute(null, null, cumulative ? null : p, p, "day", "approximate", "publication",
                [cumulative ? "running total as of publication" : "no time expression: publication date"]);
        }
        var atts = AttributionsAt(attributions, q.Sentence, q.Quantity.Span.Start);
        var (certainty, _) = CertaintyAnalyzer.Assess(doc, q.Sentence, q.Quantity.Span, null, atts, unverified);
        return new Figure(TextUtil.StableId("fig-", doc.Article.Id, q.Sentence, q.Quantity.Span.Start), doc.Article.Id, q.Sentence,
            q.Quantity, victims, cumulative, asOf, atts, certainty);
    }
}

/// <summary>One article's part in the cross-article check (see <see cref="AttributeAnnotator.Evidence"/>).</summary>
public sealed class CrossArticleEvidence
{
    internal CrossArticleEvidence(string articleId, IReadOnlyList<(Figure Figure, string Key)> figures, IReadOnlyList<(DateMention Date, string Key)> onsets)
    {
        ArticleId = articleId;
        Figures = figures;
        Onsets = onsets;
    }

    public string ArticleId { get; }
    internal IReadOnlyList<(Figure Figure, string Key)> Figures { get; }
    internal IReadOnlyList<(DateMention Date, string Key)> Onsets { get; }
}
