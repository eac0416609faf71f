using System.Text.RegularExpressions;
using Sitrep.Text;

namespace Sitrep.Attributes;

/// <summary>
/// Finds incompatible statements: the start of the same war/mobilisation dated twice differently,
/// and two figures for the same thing (same category, victims and time) whose bounds cannot both hold.
/// </summary>
internal static partial class Contradictions
{
    [GeneratedRegex(@"\b(?:war|invasion|invaded|invade|conflict|offensive|fighting|occupation)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WarWord();

    [GeneratedRegex(@"\b(?:mobiliz\w*|mobilis\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MobilizationWord();

    [GeneratedRegex(@"\b(?:launch\w*|began|begun|begin|start\w*|invaded|invasion|outbreak|erupted|broke\s+out)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OnsetWord();

    /// <summary>The onset a date gives ("war_start" for "invasion ... in February 2023", "since February last year" in a war sentence), or null.</summary>
    public static string? Onset(Doc doc, DateMention d)
    {
        if (d.Start is null || d.Granularity is not ("month" or "day" or "year"))
        {
            return null;
        }
        var s = doc.Sentences[d.Sentence];
        var before = doc.Text.AsSpan(Math.Max(s.Start, d.Span.Start - 90), d.Span.Start - Math.Max(s.Start, d.Span.Start - 90)).ToString();
        var sentence = doc.Text.AsSpan(s.Start, s.End - s.Start).ToString();
        if (d.Since)
        {
            return WarWord().IsMatch(sentence) ? "war_start" : null;
        }
        if (OnsetWord().IsMatch(before))
        {
            if (WarWord().IsMatch(before))
            {
                return "war_start";
            }
            if (MobilizationWord().IsMatch(before))
            {
                return "mobilization_start";
            }
        }
        return null;
    }

    public static IEnumerable<(DateMention A, DateMention B, string Reason)> DateConflicts(IReadOnlyList<(DateMention Date, string Onset)> onsets)
    {
        for (var i = 0; i < onsets.Count; i++)
        {
            for (var j = i + 1; j < onsets.Count; j++)
            {
                var (a, ka) = onsets[i];
                var (b, kb) = onsets[j];
                if (ka != kb || StartsCompatible(a, b))
                {
                    continue;
                }
                yield return (a, b, $"both date the {ka.Replace('_', ' ')}: '{a.Text}' gives {Range(a)}, '{b.Text}' gives {Range(b)}");
            }
        }
    }

    /// <summary>Two onsets agree when their start ranges overlap ("since" ranges compare by their start).</summary>
    public static bool StartsCompatible(DateMention a, DateMention b)
    {
        var (a0, a1) = StartRange(a);
        var (b0, b1) = StartRange(b);
        return a0 <= b1 && b0 <= a1;
    }

    private static (DateOnly, DateOnly) StartRange(DateMention d)
    {
        var s = d.Start!.Value;
        if (!d.Since)
        {
            return (s, d.End ?? s);
        }
        // "since February last year": the onset lies within the stated unit, not up to publication.
        var e = d.Granularity switch { "month" => s.AddMonths(1).AddDays(-1), "year" => s.AddYears(1).AddDays(-1), _ => s };
        return (s, e);
    }

    private static string Range(DateMention d)
    {
        var (s, e) = StartRange(d);
        return s == e ? s.ToString("yyyy-MM-dd") : $"{s:yyyy-MM-dd}..{e:yyyy-MM-dd}";
    }

    /// <summary>The values a quantity allows, widened by 10% for approximate ones.</summary>
    public static (double Low, double High) Bounds(Quantity q)
    {
        double low = q.Low ?? 0, high = q.High ?? double.PositiveInfinity;
        if (q.Precision is "approximate" or "vague")
        {
            low *= 0.9;
            high *= 1.1;
        }
        return (low, high);
    }

    public static bool Compatible(Quantity a, Quantity b)
    {
        var (a0, a1) = Bounds(a);
        var (b0, b1) = Bounds(b);
        return a0 <= b1 && b0 <= a1;
    }

    /// <summary>What a figure counts, for comparing figures: category, victims and time reference.</summary>
    public static string? FigureKey(Figure f)
    {
        if (f.Quantity.Category is "other" or "personnel" || f.Quantity.Counted == "at a time")
        {
            return null;
        }
        var victims = f.Victims?.Code ?? f.Quantity.Counted?.ToLowerInvariant() ?? "?";
        var asOf = f.Cumulative ? "cumulative" : f.AsOf is { AttachedBy: not "publication" } d ? $"{d.Start}..{d.End}" : null;
        return asOf is null ? null : $"{f.Quantity.Category}|{victims}|{asOf}";
    }
}
