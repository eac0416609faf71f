using System.Globalization;
using System.Text.RegularExpressions;
using Sitrep.Text;

namespace Sitrep.Attributes;

/// <summary>A count found in the text, with what it counts and why it got its category.</summary>
internal sealed record QuantityMention(Quantity Quantity, int Sentence, TextSpan CountedSpan, bool Cumulative, string Why);

/// <summary>
/// Finds counts of people and incidents ("about 1,200 arrests", "over 159,000", "between 1,500 and
/// 3,000", "dozens", "five at a time") and types them by what is counted and what happened to them.
/// Money, percentages, ages, durations and dates are not counts and are skipped.
/// </summary>
internal static partial class QuantityExtractor
{
    private const string Units = "one|two|three|four|five|six|seven|eight|nine";
    private const string Teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
    private const string Tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
    private const string WordNum = @"(?:(?:" + Tens + @")(?:[- ](?:" + Units + @"))?|" + Teens + "|" + Units + @"|an?(?=\s+(?:hundred|thousand|million)))(?:\s+(?:hundred|thousand|million)(?:\s+(?:and\s+)?(?:(?:" + Tens + @")(?:[- ](?:" + Units + @"))?|" + Teens + "|" + Units + @"))?)?";
    private const string DigitNum = @"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";
    private const string Num = @"(?:(?:" + DigitNum + @")(?:\s+(?:million|billion|thousand))?|" + WordNum + ")";

    [GeneratedRegex(
        @"\G(?<![\p{L}\p{N}$€£.,])(?:(?<mod>(?i:about|around|approximately|roughly|nearly|almost|some|an\s+estimated|estimated|close\s+to|at\s+least|more\s+than|over|upwards\s+of|in\s+excess\s+of|no\s+fewer\s+than|no\s+less\s+than|up\s+to|at\s+most|fewer\s+than|less\s+than|under|no\s+more\s+than|a\s+total\s+of|total\s+of|as\s+many\s+as|as\s+few\s+as|only|just|another|an\s+additional))\s+)?" +
        @"(?:(?i:between)\s+(?<n1>" + Num + @")\s+and\s+(?<n2>" + Num + @")" +
        @"|(?<vague>(?i:tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|scores|hundreds|thousands|millions|a\s+dozen|several|a\s+few|a\s+handful))(?=\s)" +
        @"|(?<n1>" + Num + @")(?:\s*(?:-|–|\s+to\s+)\s*(?<n2>" + DigitNum + @"(?:\s+(?:million|billion|thousand))?))?" +
        @")(?![\p{L}\p{N}]|,\d|%|\.\d|:\d|-(?:year|day|month|week|hour|minute|mile|km|meter|metre|point|member|nation|country))",
        RegexOptions.IgnoreCase)]
    private static partial Regex QuantityRegex();

    [GeneratedRegex(@"^\s*(?:%|percent|per\s*cent|years?\s+old|km|kilometers|kilometres|miles|meters|metres|dollars|euros|pounds|tons|tonnes|yuan|rupees|hours|minutes|seconds|days|weeks|months|years|times|points|degrees|a\.m\.|p\.m\.|o'clock|gigawatts|megawatts|barrels|acres|hectares|square)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotACount();

    [GeneratedRegex(@"[\p{L}][\p{L}\p{M}’'\-]*")]
    private static partial Regex Word();

    // "in the war" / "during the conflict": a count over the whole war is a running total.
    [GeneratedRegex(@"\b(?:a\s+total\s+of|in\s+total|so\s+far|to\s+date|since|overall|cumulative|tally|altogether|total|(?:in|during)\s+the\s+(?:war|conflict))\b", RegexOptions.IgnoreCase)]
    private static partial Regex CumulativeCue();

    private static readonly Dictionary<string, string> NounCategory = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deaths"] = "killed", ["dead"] = "killed", ["fatalities"] = "killed", ["bodies"] = "killed", ["casualties"] = "killed", ["killings"] = "killed", ["lives"] = "killed",
        ["injuries"] = "wounded", ["injured"] = "wounded", ["wounded"] = "wounded",
        ["arrests"] = "arrested", ["detentions"] = "arrested", ["detainees"] = "arrested", ["arrested"] = "arrested", ["detained"] = "arrested",
        ["refugees"] = "displaced", ["evacuees"] = "displaced", ["displaced"] = "displaced", ["asylum-seekers"] = "displaced",
        ["protesters"] = "protesters", ["demonstrators"] = "protesters", ["protestors"] = "protesters", ["marchers"] = "protesters",
        ["hostages"] = "captured", ["captives"] = "captured", ["prisoners"] = "captured", ["abductees"] = "captured",
        ["missing"] = "missing",
    };

    private static readonly HashSet<string> PersonnelNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "soldiers", "troops", "personnel", "servicemen", "fighters", "militants", "men", "reservists", "conscripts", "recruits",
        "officers", "police", "policemen", "guards", "sailors", "marines", "mercenaries", "insurgents", "rebels", "combatants", "stormtroopers", "soldier",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CueWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
        "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "a", "an",
        "about", "around", "approximately", "roughly", "nearly", "almost", "some", "estimated", "close", "at", "more", "over", "upwards", "in", "no",
        "up", "fewer", "less", "under", "total", "as", "only", "just", "another", "between", "tens", "hundreds", "dozens", "scores", "thousands",
        "millions", "several", "few", "handful",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Counted things that are not people: "protests in dozens of cities" is not a count of protesters.</summary>
    private static readonly HashSet<string> ThingNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "cities", "towns", "villages", "countries", "provinces", "regions", "districts", "states", "locations", "sites", "places", "areas",
        "attacks", "incidents", "strikes", "airstrikes", "raids", "drones", "missiles", "rockets", "shells", "tanks", "vehicles", "aircraft",
        "buildings", "homes", "houses", "schools", "hospitals", "books", "cases", "times", "rounds", "tons", "camps",
    };

    private static readonly HashSet<string> PeopleNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "people", "persons", "civilians", "children", "women", "residents", "migrants", "passengers", "students", "villagers", "workers", "journalists", "Russians", "Ukrainians", "families",
    };

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "of", "in", "at", "on", "to", "from", "by", "for", "with", "who", "that", "which", "were", "was", "are", "is", "have", "has", "had",
        "and", "or", "but", "as", "after", "before", "during", "since", "while", "when", "said", "says", "the", "a", "an", "per", "than",
        "each", "will", "would", "could", "been", "be", "this", "those", "these", "it", "they", "he", "she", "we", "over", "across", "against", "into", "more", "less",
    };

    private static readonly (Regex Cue, string Category)[] VerbCues =
    [
        (new Regex(@"\b(?:kill|killed|killing|died|die|dies|dead|death|deaths|lost|lose|loses|losses|toll|slain|executed|massacred|perished)\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), "killed"),
        (new Regex(@"\b(?:wounded|wounding|injured|injuring|injuries|hurt)\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), "wounded"),
        (new Regex(@"\b(?:arrest|arrested|arrests|arresting|detain|detained|detaining|jailed|imprisoned|rounded\s+up|apprehended|custody)\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), "arrested"),
        (new Regex(@"\b(?:mobiliz\w*|mobilis\w*|call\s+up|called\s+up|calling\s+up|drafted|draft|conscripted|enlisted)\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), "mobilized"),
        (new Regex(@"\b(?:displaced|fled|flee|fleeing|evacuated|uprooted|forced\s+from|deported)\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), "displaced"),
        (new Regex(@"\b(?:protest\w*|rall(?:y|ied|ies)|marched|demonstrat\w*)\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), "protesters"),
        (new Regex(@"\b(?:missing|disappeared|unaccounted)\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), "missing"),
        (new Regex(@"\b(?:captured|kidnapped|abducted|hostage|hostages|taken\s+prisoner|seized|held\s+captive)\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), "captured"),
    ];

    public static List<QuantityMention> Extract(Doc doc, IReadOnlyList<DateMention> dates)
    {
        var text = doc.Text;
        var result = new List<QuantityMention>();
        var regex = QuantityRegex();
        var covered = 0;
        // Anchored at candidate tokens only (digits, number and modifier words): see DateExtractor.
        foreach (var start in DateExtractor.Candidates(doc, CueWords))
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
            covered = m.Index + m.Length;
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (Overlaps(dates, span))
            {
                continue;
            }
            var g = m.Groups;
            var after = text.AsSpan(span.End, Math.Min(40, text.Length - span.End));
            if (NotACount().IsMatch(after) || (m.Index > 0 && text[m.Index - 1] is '#' or '/'))
            {
                continue;
            }
            long? low, high;
            string precision;
            var reasons = new List<string>();
            if (g["vague"].Success)
            {
                (low, high) = Vague(g["vague"].Value);
                precision = g["vague"].Value.Equals("a dozen", StringComparison.OrdinalIgnoreCase) ? "approximate" : "vague";
                reasons.Add($"'{g["vague"].Value}' read as {low}-{high}");
            }
            else
            {
                var n1 = Parse(g["n1"].Value);
                if (n1 is null)
                {
                    continue;
                }
                if (g["n2"].Success)
                {
                    var n2 = Parse(g["n2"].Value);
                    if (n2 is null || n2 <= n1 || (IsYear(g["n1"].Value) && IsYear(g["n2"].Value)))
                    {
                        continue;
                    }
                    low = n1;
                    high = n2;
                    precision = "range";
                }
                else
                {
                    low = high = n1;
                    precision = "exact";
                    // A bare 4-digit year-like number with no counted noun is almost always a year.
                    if (IsYear(g["n1"].Value) && !g["mod"].Success)
                    {
                        continue;
                    }
                }
            }
            if (g["mod"].Success && precision != "range")
            {
                var mod = Regex.Replace(g["mod"].Value.ToLowerInvariant(), @"\s+", " ");
                switch (mod)
                {
                    case "at least" or "more than" or "over" or "upwards of" or "in excess of" or "no fewer than" or "no less than":
                        precision = "at_least";
                        high = null;
                        break;
                    case "up to" or "at most" or "fewer than" or "less than" or "under" or "no more than" or "as many as":
                        precision = "at_most";
                        low = null;
                        break;
                    case "about" or "around" or "approximately" or "roughly" or "nearly" or "almost" or "some" or "an estimated" or "estimated" or "close to":
                        precision = "approximate";
                        break;
                }
                reasons.Add($"'{mod}' -> {precision}");
            }

            var sentence = TextUtil.SentenceAt(doc, span.Start);
            var sent = doc.Sentences[sentence];
            var (countedSpan, counted, head) = CountedNoun(doc, span, sent);
            var category = "other";
            if (head is not null && NounCategory.TryGetValue(head, out var nc))
            {
                category = nc;
                reasons.Add($"counted noun '{head}' -> {nc}");
            }
            else if (head is not null && ThingNouns.Contains(head))
            {
                reasons.Add($"counts {head}, not people");
            }
            else if (VerbCategory(text, span, countedSpan, sent, out var vc, out var cue))
            {
                category = vc;
                reasons.Add($"cue '{cue}' -> {vc}");
            }
            else if (head is not null && PersonnelNouns.Contains(head))
            {
                category = "personnel";
                reasons.Add($"counted noun '{head}' -> personnel");
            }
            if (text.AsSpan(span.End).StartsWith(" at a time", StringComparison.OrdinalIgnoreCase))
            {
                counted = "at a time";
                countedSpan = new TextSpan(span.End + 1, span.End + 10);
                reasons.Add("'at a time': a group size, not a total");
            }
            // Without a counted noun or a cue a number is not a count of anything we report.
            if (category == "other" && counted is null)
            {
                continue;
            }
            // "one woman said", "one of the" are not counts; a spelled "one" counts only with an event cue.
            if (low == 1 && high == 1 && category is "other" or "personnel" && !char.IsDigit(m.Value[0]) && !g["mod"].Success)
            {
                continue;
            }
            // A capitalised word after a bare number is a name ("580 Separate Howitzer Artillery Division").
            if (category == "other" && countedSpan.Length > 0 && char.IsUpper(text[countedSpan.Start]))
            {
                continue;
            }
            var cumulative = CumulativeCue().IsMatch(text.AsSpan(sent.Start, sent.End - sent.Start));
            var q = new Quantity(span, m.Value, low, high, precision, category, counted);
            result.Add(new QuantityMention(q, sentence, countedSpan, cumulative, string.Join("; ", reasons)));
        }
        return result;
    }

    private static bool Overlaps(IReadOnlyList<DateMention> dates, TextSpan span)
    {
        foreach (var d in dates)
        {
            if (d.Span.Overlaps(span))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsYear(string s) => s.Length == 4 && (s.StartsWith("19", StringComparison.Ordinal) || s.StartsWith("20", StringComparison.Ordinal)) && s.All(char.IsDigit);

    /// <summary>The noun phrase after the number: words up to a function word, at most four; the last is the head.</summary>
    private static (TextSpan Span, string? Text, string? Head) CountedNoun(Doc doc, TextSpan number, SentenceData sent)
    {
        var text = doc.Text;
        var pos = number.End;
        var rest = text.AsSpan(pos, Math.Max(0, sent.End - pos));
        var off = 0;
        while (off < rest.Length && rest[off] == ' ')
        {
            off++;
        }
        // "dozens of protesters", "thousands of Russians"
        if (rest[off..].StartsWith("of ", StringComparison.OrdinalIgnoreCase))
        {
            off += 3;
            if (rest[off..].StartsWith("the ", StringComparison.OrdinalIgnoreCase))
            {
                off += 4;
            }
        }
        int start = -1, end = -1;
        string? head = null;
        var count = 0;
        foreach (Match w in Word().Matches(text, pos + off))
        {
            if (w.Index >= sent.End || count == 4)
            {
                break;
            }
            var gap = text.AsSpan(end < 0 ? pos + off : end, w.Index - (end < 0 ? pos + off : end));
            if (gap.Trim().Length > 0 && !(gap.Trim() is "[" or "]" or "[ " ))
            {
                break;
            }
            if (StopWords.Contains(w.Value) || (count > 0 && VerbCues.Any(v => v.Cue.IsMatch(w.Value)) && !NounCategory.ContainsKey(w.Value)))
            {
                break;
            }
            start = start < 0 ? w.Index : start;
            end = w.Index + w.Length;
            head = w.Value;
            count++;
            // The head of a counted phrase is a plural or a known noun: stop there.
            if (NounCategory.ContainsKey(w.Value) || PersonnelNouns.Contains(w.Value) || PeopleNouns.Contains(w.Value))
            {
                break;
            }
            if (doc.IsParsed)
            {
                var t = TextUtil.TokenAt(doc, w.Index);
                if (t >= 0 && doc.Tokens[t].Upos is "NOUN" or "PROPN" && (t + 1 >= doc.Tokens.Length || doc.Tokens[t + 1].Upos is not ("NOUN" or "PROPN")))
                {
                    break;
                }
            }
        }
        if (start < 0)
        {
            return (default, null, null);
        }
        var s = new TextSpan(start, end);
        return (s, s.Of(text), head);
    }

    private static bool VerbCategory(string text, TextSpan number, TextSpan counted, SentenceData sent, out string category, out string cue)
    {
        category = "other";
        cue = "";
        var afterStart = Math.Max(number.End, counted.End);
        // The cue must be in the number's clause: stop at a comma or semicolon on either side.
        var afterEnd = Math.Min(sent.End, afterStart + 45);
        var cut = text.AsSpan(afterStart, afterEnd - afterStart).IndexOfAny(',', ';');
        if (cut >= 0)
        {
            afterEnd = afterStart + cut;
        }
        var beforeStart = Math.Max(sent.Start, number.Start - 45);
        var lastComma = text.AsSpan(beforeStart, number.Start - beforeStart).LastIndexOfAny(',', ';');
        if (lastComma >= 0)
        {
            beforeStart += lastComma + 1;
        }
        var best = int.MaxValue;
        foreach (var (re, cat) in VerbCues)
        {
            foreach (Match m in re.Matches(text[beforeStart..number.Start]))
            {
                var dist = number.Start - (beforeStart + m.Index + m.Length);
                if (dist < best)
                {
                    (best, category, cue) = (dist, cat, m.Value);
                }
            }
            foreach (Match m in re.Matches(text[afterStart..afterEnd]))
            {
                if (m.Index < best)
                {
                    (best, category, cue) = (m.Index, cat, m.Value);
                }
            }
        }
        return category != "other";
    }

    private static (long, long) Vague(string v) => Regex.Replace(v.ToLowerInvariant(), @"\s+", " ") switch
    {
        "dozens" => (24, 99),
        "scores" => (40, 99),
        "hundreds" => (200, 999),
        "thousands" => (2_000, 9_999),
        "tens of thousands" => (20_000, 99_999),
        "hundreds of thousands" => (200_000, 999_999),
        "millions" => (2_000_000, 9_999_999),
        "a dozen" => (12, 12),
        "a handful" => (3, 6),
        "a few" => (2, 5),
        _ => (3, 9),
    };

    private static readonly Dictionary<string, long> WordValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17,
        ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70,
        ["eighty"] = 80, ["ninety"] = 90,
    };

    /// <summary>Parses "1,200", "2.5 million", "twenty-five", "three hundred thousand".</summary>
    internal static long? Parse(string s)
    {
        s = Regex.Replace(s.Trim(), @"\s+", " ");
        var parts = s.Split(' ');
        long multiplier = 1;
        var last = parts[^1].ToLowerInvariant();
        if (char.IsDigit(s[0]))
        {
            if (last is "million" or "billion" or "thousand")
            {
                multiplier = last == "million" ? 1_000_000 : last == "billion" ? 1_000_000_000 : 1_000;
            }
            return decimal.TryParse(parts[0].Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
                ? (long)(d * multiplier) : null;
        }
        long total = 0, current = 0;
        foreach (var raw in parts)
        {
            foreach (var p in raw.Split('-'))
            {
                var w = p.ToLowerInvariant();
                if (w == "and")
                {
                    continue;
                }
                if (WordValues.TryGetValue(w, out var v))
                {
                    current += v;
                }
                else if (w == "hundred")
                {
                    current = Math.Max(1, current) * 100;
                }
                else if (w is "thousand" or "million")
                {
                    total += Math.Max(1, current) * (w == "thousand" ? 1_000 : 1_000_000);
                    current = 0;
                }
                else
                {
                    return null;
                }
            }
        }
        return total + current;
    }
}
