using System.Globalization;
using System.Text.RegularExpressions;
using Sitrep.Text;

namespace Sitrep.Attributes;

/// <summary>A time expression found in the text and resolved against the publication date.</summary>
internal sealed record DateMention(
    TextSpan Span,
    string Text,
    int Sentence,
    DateOnly? Start,
    DateOnly? End,
    string Granularity,
    string Kind,
    IReadOnlyList<string> Reason,
    /// <summary>True for "since X": the start of something still going on at publication.</summary>
    bool Since)
{
    public DateAttribute ToAttribute(string attachedBy, string? why = null) => new(
        Span, Text, Start, End, Granularity, Kind, attachedBy,
        why is null ? Reason : [.. Reason, why]);

    public bool Overlaps(DateMention other) =>
        Start is { } a && End is { } b && other.Start is { } c && other.End is { } d && a <= d && c <= b;
}

/// <summary>
/// Finds and resolves English time expressions ("March 11, 2023", "September last year", "over the
/// past day", "on Wednesday", "since February last year"). Hand-written because
/// Microsoft.Recognizers.Text cannot be restored in this build environment; the grammar covers the
/// forms news reports use, and every resolution carries a reason trail. Durations ("two weeks of
/// training") are deliberately not matched: only anchored expressions are dates.
/// </summary>
internal static partial class DateExtractor
{
    private const string Month = @"(?<m>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?";
    private const string Num = @"\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|couple\s+of";
    private const string Part = @"(?<part>(?i:(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle)\s+of|early|late|mid-?|earlier\s+in|later\s+in))";

    // Alternatives are ordered longest-first: at one position the first that matches wins.
    [GeneratedRegex(
        @"\G(?<since>\b(?i:since)\s+(?:(?i:early|late|mid-?)\s*)?)?(?:" +
        @"\b(?<iy>(?:19|20)\d{2})-(?<im>[01]?\d)-(?<id>[0-3]?\d)\b" +
        @"|\b" + Month + @",?\s*(?<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?<y>(?:19|20)\d{2})\b" +
        @"|\b(?<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + Month + @",?\s+(?<y>(?:19|20)\d{2})\b" +
        @"|\b(?:" + Part + @"\s+)?" + Month + @",?\s+(?:of\s+)?(?<y>(?:19|20)\d{2})\b(?![,.]?\d)" +
        @"|\b(?:" + Part + @"\s+)?" + Month + @"\s+(?<rel>(?i:last|this|next))\s+(?i:year)\b" +
        @"|\b(?:" + Part + @"\s+)?(?<rel>(?i:last|this|next))\s+" + Month + @"\b" +
        @"|\b" + Month + @"\s+(?<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?![,.]?\d)" +
        @"|\b(?<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + Month + @"\b" +
        @"|\b" + Part + @"\s+" + Month + @"\b(?!\s+\d)" +
        @"|(?(since)|(?<prep>\b(?:[Ii]n|of|from|until|by|during|through|throughout)\s+))(?:" + Part + @"\s+)?" + Month + @"\b(?!\s+\d)" +
        @"|(?(since)|(?<prep>\b(?:[Ii]n|of|from|until|by|during|through|throughout|before|after|[Ee]arly|[Ll]ate|[Mm]id-|[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\s*))(?<yy>(?:19|20)\d{2})\b(?![,.]?\d|-)" +
        @"|(?i:\b(?:over|in|during|within)\s+the\s+(?:past|last|previous)\s+(?:(?<pn>" + Num + @"|twenty-four)\s+)?(?<pu>day|days|hours|week|weeks|month|months|year|years)\b)" +
        @"|(?i:\b(?<an>" + Num + @")\s+(?<au>days?|weeks?|months?|years?)\s+ago\b)" +
        @"|(?i:\b(?<ew>earlier|later)\s+this\s+(?<eu>week|month|year)\b)" +
        @"|(?i:\b(?<lr>last|this|next|past)\s+(?<lu>week|month|year|weekend|night)\b)" +
        @"|(?i:\b(?<rd>yesterday|today|tonight|tomorrow)\b)" +
        @"|\b(?:(?<wrel>(?i:last|next|this))\s+)?(?<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!s)" +
        @"|(?i:\b(?<rc>recently|lately|in\s+recent\s+(?:days|weeks|months|years))\b)" +
        @"|(?(since)(?<then>then\b)|(?!))" +
        @")")]
    private static partial Regex DateRegex();

    [GeneratedRegex(@"\b(?:will|next|plans?|planned|scheduled|expected|due|to be held)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FutureCue();

    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static List<DateMention> Extract(Doc doc, DateOnly? published)
    {
        var result = new List<DateMention>();
        var text = doc.Text;
        var regex = DateRegex();
        var covered = 0;
        // The grammar is tried only where a date can start (a digit or a cue word), anchored with \G:
        // scanning every character position with this many alternatives costs ~50 times more.
        foreach (var start in Candidates(doc, CueWords, WeakWords))
        {
            if (start < covered)
            {
                continue;
            }
            var m = regex.Match(text, start);
            if (!m.Success)
            {
                continue;
            }
            if (m.Groups["prep"].Success)
            {
                // "in September last year": the fuller expression starting at the month wins over "in September".
                var longer = regex.Match(text, m.Groups["prep"].Index + m.Groups["prep"].Length);
                if (longer.Success && longer.Index + longer.Length > m.Index + m.Length)
                {
                    m = longer;
                }
            }
            covered = m.Index + m.Length;
            var sentence = TextUtil.SentenceAt(doc, m.Index);
            var mention = Resolve(doc, m, sentence, published, result);
            if (mention is not null)
            {
                result.Add(mention);
            }
        }
        return result;
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CueWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "since", "last", "this", "next", "past", "over", "in", "during", "within", "earlier", "later", "yesterday", "today", "tonight", "tomorrow",
        "recently", "lately", "the", "beginning", "start", "end", "middle", "very", "early", "late", "mid", "mid-", "of", "from", "until", "by", "through",
        "throughout", "before", "after", "spring", "summer", "autumn", "fall", "winter", "a", "an", "one", "two", "three", "four", "five", "six", "seven",
        "eight", "nine", "ten", "eleven", "twelve", "several", "few", "couple", "then",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Token starts where an expression may begin: tokens starting with a digit or found in <paramref name="words"/>.</summary>
    internal static IEnumerable<int> Candidates(Doc doc, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> words,
        HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? weak = null)
    {
        var text = doc.Text;
        var tokens = doc.Tokens;
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            var span = text.AsSpan(t.Start, t.End - t.Start);
            if (span.Length > 1 && span[^1] == '.')
            {
                span = span[..^1];
            }
            var hyphen = span.IndexOf('-');
            if (span.Length > 0 && (char.IsDigit(span[0]) || words.Contains(span) || (hyphen > 0 && words.Contains(span[..hyphen]))))
            {
                // A frequent function word only starts an expression when the next word can continue one.
                if (weak is { } w && w.Contains(span) && (i + 1 >= tokens.Length || !Continues(text.AsSpan(tokens[i + 1].Start, tokens[i + 1].End - tokens[i + 1].Start), words)))
                {
                    continue;
                }
                yield return t.Start;
            }
        }
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> WeakWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "in", "of", "from", "until", "by", "through", "throughout", "before", "after", "over", "during", "within", "this", "last",
        "next", "past", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "several", "few", "couple", "very",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NextWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "beginning", "start", "end", "middle", "very", "past", "last", "previous", "recent", "early", "late", "mid", "the", "week", "weeks", "month",
        "months", "year", "years", "day", "days", "hours", "few", "couple", "night", "weekend", "spring", "summer", "autumn", "fall", "winter", "of",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool Continues(ReadOnlySpan<char> next, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> words)
    {
        if (next.Length > 1 && next[^1] == '.')
        {
            next = next[..^1];
        }
        var hyphen = next.IndexOf('-');
        return next.Length > 0 && (char.IsDigit(next[0]) || NextWords.Contains(next) || (hyphen > 0 && NextWords.Contains(next[..hyphen]))
            || (words.Contains(next) && !WeakWords.Contains(next)) || WeakWords.Contains(next) && next.Length > 2 && char.IsLetter(next[0]) && IsNumberWord(next));
    }

    private static bool IsNumberWord(ReadOnlySpan<char> w) => SmallNumber(w.ToString()) is var n && n > 1 && !char.IsDigit(w[0]);

    private static int MonthOf(string s) => Array.IndexOf(MonthNames, s[..3].ToLowerInvariant()) + 1;

    private static int SmallNumber(string s)
    {
        s = s.ToLowerInvariant();
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }
        return s switch
        {
            "a" or "an" or "one" => 1, "two" => 2, "three" => 3, "four" => 4, "five" => 5, "six" => 6,
            "seven" => 7, "eight" => 8, "nine" => 9, "ten" => 10, "eleven" => 11, "twelve" => 12,
            "twenty-four" => 24, "few" or "several" => 3,
            _ => s.StartsWith("couple", StringComparison.Ordinal) ? 2 : 1,
        };
    }

    private static DateMention? Resolve(Doc doc, Match m, int sentence, DateOnly? pub, List<DateMention> before)
    {
        var g = m.Groups;
        var reasons = new List<string>();
        DateOnly? start = null, end = null;
        var gran = "day";
        var kind = "exact";
        string P(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        if (g["iy"].Success)
        {
            if (!TryDate(int.Parse(g["iy"].Value, CultureInfo.InvariantCulture), int.Parse(g["im"].Value, CultureInfo.InvariantCulture), int.Parse(g["id"].Value, CultureInfo.InvariantCulture), out var d))
            {
                return null;
            }
            start = end = d;
            reasons.Add("ISO date");
        }
        else if (g["m"].Success && g["d"].Success)
        {
            var month = MonthOf(g["m"].Value);
            var day = int.Parse(g["d"].Value, CultureInfo.InvariantCulture);
            if (g["y"].Success)
            {
                if (!TryDate(int.Parse(g["y"].Value, CultureInfo.InvariantCulture), month, day, out var d))
                {
                    return null;
                }
                start = end = d;
                reasons.Add("month, day and year stated");
            }
            else if (pub is { } p)
            {
                var year = p.Year;
                if (!TryDate(year, month, day, out var d))
                {
                    return null;
                }
                // News mostly reports the recent past: a day more than a week after publication is last year's.
                if (d > p.AddDays(7) && !FutureCue().IsMatch(SentencePrefix(doc, sentence, m.Index)))
                {
                    TryDate(year - 1, month, day, out d);
                    reasons.Add("year taken as the one before publication (day would be in the future)");
                }
                else
                {
                    reasons.Add("year taken from publication date " + P(p));
                }
                start = end = d;
            }
            else
            {
                kind = "unresolved";
                reasons.Add("no year and no publication date");
            }
        }
        else if (g["m"].Success)
        {
            var month = MonthOf(g["m"].Value);
            gran = "month";
            int? year = null;
            if (g["y"].Success)
            {
                year = int.Parse(g["y"].Value, CultureInfo.InvariantCulture);
                reasons.Add("month and year stated");
            }
            else if (pub is { } p)
            {
                if (g["rel"].Success)
                {
                    var rel = g["rel"].Value.ToLowerInvariant();
                    var explicitYear = m.Value.EndsWith("year", StringComparison.OrdinalIgnoreCase);
                    year = rel switch
                    {
                        "last" when explicitYear => p.Year - 1,
                        "next" when explicitYear => p.Year + 1,
                        // "last February" in a March article is this year's February.
                        "last" => month < p.Month ? p.Year : p.Year - 1,
                        "next" => month > p.Month ? p.Year : p.Year + 1,
                        _ => p.Year,
                    };
                    reasons.Add($"'{m.Value.Trim()}' relative to publication year {p.Year}");
                }
                else
                {
                    var future = FutureCue().IsMatch(SentencePrefix(doc, sentence, m.Index));
                    year = month <= p.Month || future ? p.Year : p.Year - 1;
                    if (future && month < p.Month)
                    {
                        year = p.Year + 1;
                    }
                    reasons.Add($"bare month: most recent {(future ? "future " : "")}{g["m"].Value} relative to publication {P(p)}");
                }
            }
            if (year is { } y)
            {
                var first = new DateOnly(y, month, 1);
                var last = first.AddMonths(1).AddDays(-1);
                (start, end) = (first, last);
                if (g["part"].Success)
                {
                    (start, end) = Narrow(g["part"].Value, first, last, reasons);
                    kind = "approximate";
                }
            }
            else
            {
                kind = "unresolved";
                reasons.Add("no year and no publication date");
            }
        }
        else if (g["yy"].Success)
        {
            var y = int.Parse(g["yy"].Value, CultureInfo.InvariantCulture);
            gran = "year";
            start = new DateOnly(y, 1, 1);
            end = new DateOnly(y, 12, 31);
            reasons.Add("year stated");
            var yy = g["yy"].Index;
            var pre = doc.Text[Math.Max(0, yy - 6)..yy].ToLowerInvariant();
            if (pre.EndsWith("early ", StringComparison.Ordinal) || pre.EndsWith("late ", StringComparison.Ordinal) || pre.EndsWith("mid-", StringComparison.Ordinal))
            {
                var part = pre.Contains("early", StringComparison.Ordinal) ? "early" : pre.Contains("late", StringComparison.Ordinal) ? "late" : "mid";
                (start, end) = NarrowYear(part, y, reasons);
                kind = "approximate";
            }
        }
        else if (pub is not { } p)
        {
            kind = "unresolved";
            reasons.Add("relative expression and no publication date");
            gran = g["lu"].Success ? g["lu"].Value.ToLowerInvariant() : "day";
        }
        else if (g["pu"].Success)
        {
            var n = g["pn"].Success ? SmallNumber(g["pn"].Value) : 1;
            var unit = g["pu"].Value.ToLowerInvariant().TrimEnd('s');
            if (unit == "hour")
            {
                unit = "day";
                n = Math.Max(1, (n + 23) / 24);
            }
            start = Back(p, unit, n);
            end = p;
            gran = unit;
            kind = "range";
            reasons.Add($"the {n} {unit}(s) up to publication {P(p)}");
        }
        else if (g["an"].Success)
        {
            var n = SmallNumber(g["an"].Value);
            var unit = g["au"].Value.ToLowerInvariant().TrimEnd('s');
            start = end = Back(p, unit, n);
            gran = unit;
            kind = "approximate";
            reasons.Add($"{n} {unit}(s) before publication {P(p)}");
        }
        else if (g["ew"].Success)
        {
            var unit = g["eu"].Value.ToLowerInvariant();
            var (s, e) = Period(p, unit, 0);
            (start, end) = g["ew"].Value.Equals("earlier", StringComparison.OrdinalIgnoreCase) ? (s, p) : (p, e);
            gran = unit;
            kind = "approximate";
            reasons.Add($"'{m.Value}' within the publication {unit}");
        }
        else if (g["lr"].Success)
        {
            var rel = g["lr"].Value.ToLowerInvariant();
            var unit = g["lu"].Value.ToLowerInvariant();
            if (unit == "night")
            {
                start = end = rel == "last" || rel == "past" ? p.AddDays(-1) : p;
                reasons.Add($"'{m.Value}' relative to publication {P(p)}");
            }
            else if (unit == "weekend")
            {
                var sat = p.AddDays(-(((int)p.DayOfWeek + 1) % 7));
                if (rel == "next")
                {
                    sat = sat.AddDays(7);
                }
                start = sat;
                end = sat.AddDays(1);
                kind = "range";
                reasons.Add($"'{m.Value}': the Saturday-Sunday relative to publication {P(p)}");
            }
            else
            {
                (start, end) = Period(p, unit, rel is "last" or "past" ? -1 : rel == "next" ? 1 : 0);
                gran = unit;
                reasons.Add($"'{m.Value}' relative to publication {P(p)}");
            }
        }
        else if (g["rd"].Success)
        {
            var w = g["rd"].Value.ToLowerInvariant();
            start = end = w switch { "yesterday" => p.AddDays(-1), "tomorrow" => p.AddDays(1), _ => p };
            reasons.Add($"'{w}' relative to publication {P(p)}");
        }
        else if (g["wd"].Success)
        {
            var wd = Enum.Parse<DayOfWeek>(g["wd"].Value);
            var rel = g["wrel"].Success ? g["wrel"].Value.ToLowerInvariant() : null;
            var future = rel == "next" || (rel is null && IsFuture(doc, sentence, m.Index));
            DateOnly d;
            if (future)
            {
                var ahead = ((int)wd - (int)p.DayOfWeek + 7) % 7;
                // "will meet on Thursday" in a Thursday story is that day; "next Thursday" is a week on.
                d = p.AddDays(ahead == 0 && rel == "next" ? 7 : ahead);
                reasons.Add($"next {wd} after publication {P(p)} ({(rel == "next" ? "'next'" : "future tense")})");
            }
            else
            {
                var back = ((int)p.DayOfWeek - (int)wd + 7) % 7;
                if (rel == "last" && back == 0)
                {
                    back = 7;
                }
                d = p.AddDays(-back);
                reasons.Add($"most recent {wd} on or before publication {P(p)} ({p.DayOfWeek})");
            }
            start = end = d;
        }
        else if (g["rc"].Success)
        {
            var v = g["rc"].Value.ToLowerInvariant();
            var days = v.EndsWith("days", StringComparison.Ordinal) ? 10 : v.EndsWith("weeks", StringComparison.Ordinal) ? 28 : v.EndsWith("months", StringComparison.Ordinal) ? 180 : v.EndsWith("years", StringComparison.Ordinal) ? 1095 : 30;
            start = p.AddDays(-days);
            end = p;
            gran = days >= 180 ? "month" : "day";
            kind = "approximate";
            reasons.Add($"'{v}': taken as the {days} days before publication {P(p)}");
        }
        else if (g["then"].Success)
        {
            // "since then": the most recent resolved date before it in the article.
            for (var i = before.Count - 1; i >= 0; i--)
            {
                if (before[i].Start is { } s0)
                {
                    reasons.Add($"'then' refers to '{before[i].Text}' ({P(s0)})");
                    start = s0;
                    end = p;
                    gran = before[i].Granularity;
                    kind = "range";
                    return new DateMention(new TextSpan(m.Index, m.Index + m.Length), m.Value, sentence, start, end, gran, kind, reasons, true);
                }
            }
            return null;
        }
        else
        {
            return null;
        }

        var since = g["since"].Success;
        if (since)
        {
            if (pub is { } p2 && start is not null)
            {
                end = p2;
                kind = "range";
                reasons.Add($"'since': from {P(start.Value)} up to publication {P(p2)}");
            }
            else
            {
                reasons.Add("'since' with no publication date: open-ended");
            }
        }
        var from = g["prep"].Success ? g["prep"].Index + g["prep"].Length : m.Index;
        return new DateMention(new TextSpan(from, m.Index + m.Length), doc.Text[from..(m.Index + m.Length)], sentence, start, end, gran, kind, reasons, since);
    }

    private static ReadOnlySpan<char> SentencePrefix(Doc doc, int sentence, int pos)
    {
        var s = sentence >= 0 && sentence < doc.Sentences.Length ? doc.Sentences[sentence].Start : 0;
        return doc.Text.AsSpan(Math.Min(s, pos), Math.Max(0, pos - s));
    }

    /// <summary>
    /// Future reading of a bare weekday: with a parse, the tense of the verb it modifies; without, a
    /// future cue before it in the sentence, or just after it when it opens the sentence ("On Tuesday, Rubio will").
    /// </summary>
    private static bool IsFuture(Doc doc, int sentence, int pos)
    {
        if (doc.IsParsed)
        {
            var t = TextUtil.TokenAt(doc, pos);
            var head = t >= 0 ? doc.Tokens[t].Head : -1;
            if (head >= 0)
            {
                if (doc.Tokens[head].Feats?.Contains("Tense=Past", StringComparison.Ordinal) == true)
                {
                    return false;
                }
                for (var i = Math.Max(0, head - 4); i < head; i++)
                {
                    if (doc.Tokens[i].Head == head && doc.Tokens[i].DepRel == "aux" && FutureCue().IsMatch(doc.Text.AsSpan(doc.Tokens[i].Start, doc.Tokens[i].End - doc.Tokens[i].Start)))
                    {
                        return true;
                    }
                }
            }
        }
        if (FutureCue().IsMatch(SentencePrefix(doc, sentence, pos)))
        {
            return true;
        }
        var start = sentence >= 0 && sentence < doc.Sentences.Length ? doc.Sentences[sentence].Start : 0;
        var before = doc.Text.AsSpan(start, pos - start).Trim();
        if (before.Length <= 3)
        {
            var end = Math.Min(doc.Text.Length, pos + 40);
            return FutureCue().IsMatch(doc.Text.AsSpan(pos, end - pos));
        }
        return false;
    }

    private static bool TryDate(int y, int m, int d, out DateOnly date)
    {
        date = default;
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }
        date = new DateOnly(y, m, d);
        return true;
    }

    private static DateOnly Back(DateOnly p, string unit, int n) => unit switch
    {
        "week" => p.AddDays(-7 * n),
        "month" => p.AddMonths(-n),
        "year" => p.AddYears(-n),
        _ => p.AddDays(-n),
    };

    /// <summary>The calendar week (Monday-Sunday), month or year at <paramref name="offset"/> from the one containing p.</summary>
    private static (DateOnly, DateOnly) Period(DateOnly p, string unit, int offset)
    {
        switch (unit)
        {
            case "week":
                var monday = p.AddDays(-(((int)p.DayOfWeek + 6) % 7)).AddDays(7 * offset);
                return (monday, monday.AddDays(6));
            case "month":
                var first = new DateOnly(p.Year, p.Month, 1).AddMonths(offset);
                return (first, first.AddMonths(1).AddDays(-1));
            default:
                return (new DateOnly(p.Year + offset, 1, 1), new DateOnly(p.Year + offset, 12, 31));
        }
    }

    private static (DateOnly?, DateOnly?) Narrow(string part, DateOnly s, DateOnly e, List<string> reasons)
    {
        part = part.ToLowerInvariant();
        if (part.Contains("beginning", StringComparison.Ordinal) || part.Contains("start", StringComparison.Ordinal) || part.StartsWith("early", StringComparison.Ordinal))
        {
            reasons.Add($"'{part}': days 1-10 of the month");
            return (s, s.AddDays(9));
        }
        if (part.Contains("mid", StringComparison.Ordinal))
        {
            reasons.Add($"'{part}': days 11-20 of the month");
            return (s.AddDays(10), s.AddDays(19));
        }
        if (part.Contains("end", StringComparison.Ordinal) || part.StartsWith("late", StringComparison.Ordinal))
        {
            reasons.Add($"'{part}': day 21 to the end of the month");
            return (s.AddDays(20), e);
        }
        reasons.Add($"'{part}': somewhere within the month");
        return (s, e);
    }

    private static (DateOnly?, DateOnly?) NarrowYear(string part, int y, List<string> reasons)
    {
        reasons.Add($"'{part}' {y}: a third of the year");
        return part switch
        {
            "early" => (new DateOnly(y, 1, 1), new DateOnly(y, 4, 30)),
            "mid" => (new DateOnly(y, 5, 1), new DateOnly(y, 8, 31)),
            _ => (new DateOnly(y, 9, 1), new DateOnly(y, 12, 31)),
        };
    }
}
