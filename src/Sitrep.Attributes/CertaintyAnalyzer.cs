using System.Text.RegularExpressions;
using Sitrep.Coding;
using Sitrep.Text;

namespace Sitrep.Attributes;

/// <summary>A "could not independently verify ..." statement and what it covers.</summary>
internal sealed record VerifyScope(int Sentence, TextSpan Span, string Object, IReadOnlyList<string> Keys);

/// <summary>
/// Decides how certain the text is about an event or figure: negated, denied, hypothetical,
/// intended/future, unverified, claimed, reported or asserted, each with its reasons.
/// </summary>
internal static partial class CertaintyAnalyzer
{
    [GeneratedRegex(@"\b(?:could|can|was|were|has|have|had|is|are|did|does|do)\s*(?:not|n't|never)\s+(?:been\s+able\s+to\s+|be\s+)?(?:independently\s+)?(?:verify|verified|confirm|confirmed|corroborate)\b(?<obj>[^.;]*)|\b(?:unable|impossible)\s+to\s+(?:independently\s+)?(?:verify|confirm)\b(?<obj>[^.;]*)|\b(?:unverified|could\s+not\s+be\s+(?:independently\s+)?(?:verified|confirmed))\b(?<obj>[^.;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex Unverifiable();

    [GeneratedRegex(@"\b(?:not|n't|never|no|neither|nor|without)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Negation();

    [GeneratedRegex(@"\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|refuted|disputed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Denial();

    [GeneratedRegex(@"\b(?:if|unless|would|could|might|may|whether|possibly|possible|potential|potentially|in\s+case)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Hypothetical();

    [GeneratedRegex(@"\b(?:will|shall|plans?\s+to|planned\s+to|planning\s+to|intends?\s+to|intended\s+to|vow(?:s|ed)?\s+to|threaten(?:s|ed)?\s+to|promis(?:e|es|ed)|aims?\s+to|going\s+to|set\s+to|expected\s+to|ready\s+to|prepared\s+to|seeks?\s+to|wants?\s+to|would)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Intended();

    [GeneratedRegex(@"\b(?:allegedly|purportedly|supposedly|claimed|claims|alleged|reportedly)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClaimWord();

    [GeneratedRegex(@"[\p{L}][\p{L}\-]{3,}")]
    private static partial Regex ContentWord();

    private static readonly HashSet<string> VerifyStop = new(StringComparer.OrdinalIgnoreCase)
    {
        "claims", "claim", "made", "information", "reports", "report", "details", "statement", "statements", "these", "those", "that", "this", "their", "them", "independently", "immediately", "account", "accounts", "authenticity",
    };

    public static List<VerifyScope> FindUnverifiable(Doc doc)
    {
        var result = new List<VerifyScope>();
        foreach (Match m in Unverifiable().Matches(doc.Text))
        {
            var s = TextUtil.SentenceAt(doc, m.Index);
            var obj = m.Groups["obj"].Value.Trim();
            var keys = new List<string>();
            foreach (Match w in ContentWord().Matches(obj))
            {
                if (!VerifyStop.Contains(w.Value))
                {
                    keys.Add(w.Value.ToLowerInvariant());
                }
            }
            result.Add(new VerifyScope(s, new TextSpan(m.Index, m.Index + m.Length), obj, keys));
        }
        return result;
    }

    /// <summary>
    /// Certainty of an item whose trigger/number is at <paramref name="at"/> in sentence <paramref name="sentence"/>.
    /// </summary>
    public static (string Certainty, List<string> Reasons) Assess(Doc doc, int sentence, TextSpan at, CodedEvent? ev,
        IReadOnlyList<Attribution> attributions, IReadOnlyList<VerifyScope> unverified)
    {
        var reasons = new List<string>();
        var text = doc.Text;
        var sent = doc.Sentences[sentence];
        // The clause before the item: from the last strong punctuation before it.
        var clauseStart = sent.Start;
        for (var i = at.Start - 1; i > sent.Start; i--)
        {
            if (text[i] is ';' or ':' or '“' or '”' or '"' || (text[i] == ',' && at.Start - i > 60))
            {
                clauseStart = i + 1;
                break;
            }
        }
        var clause = text.AsSpan(clauseStart, at.Start - clauseStart);
        var near = clause.Length > 40 ? clause[^40..] : clause;

        if (ev?.Negated == true)
        {
            reasons.Add("coder marked the event negated");
            return (Certainty.Negated, reasons);
        }
        if (Negation().Match(near.ToString()) is { Success: true } neg && !near.ToString().Contains("not only", StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add($"negation '{neg.Value}' before the trigger");
            return (Certainty.Negated, reasons);
        }
        if (attributions.Any(a => a.Cue == "denied") || Denial().IsMatch(clause))
        {
            reasons.Add("the report is a denial");
            return (Certainty.Denied, reasons);
        }
        if (Hypothetical().Match(near.ToString()) is { Success: true } hyp && !Regex.IsMatch(near.ToString(), @"\bwould\b", RegexOptions.IgnoreCase))
        {
            reasons.Add($"conditional '{hyp.Value}' governs the trigger");
            return (Certainty.Hypothetical, reasons);
        }
        if (ev?.Modality is { } mod)
        {
            reasons.Add($"coder modality '{mod}'");
            return (Certainty.Intended, reasons);
        }
        if (Intended().Match(near.ToString()) is { Success: true } intent)
        {
            reasons.Add($"future/intention cue '{intent.Value}' before the trigger");
            return (Certainty.Intended, reasons);
        }
        foreach (var u in unverified)
        {
            if (Covers(doc, u, sentence, attributions, out var why))
            {
                reasons.Add(why);
                return (Certainty.Unverified, reasons);
            }
        }
        if (attributions.Any(a => a.Cue == "claimed") || ClaimWord().Match(clause.ToString()) is { Success: true, Value: not "reportedly" })
        {
            reasons.Add("the source claims it (claim/allege)");
            return (Certainty.Claimed, reasons);
        }
        if (attributions.Count > 0)
        {
            reasons.Add("attributed to " + string.Join(", ", attributions.Select(a => a.Source.Text)));
            return (Certainty.Reported, reasons);
        }
        if (Regex.IsMatch(clause, @"\breportedly\b", RegexOptions.IgnoreCase))
        {
            reasons.Add("'reportedly'");
            return (Certainty.Reported, reasons);
        }
        reasons.Add("stated by the article without attribution or hedging");
        return (Certainty.Asserted, reasons);
    }

    /// <summary>
    /// Does a "could not verify X" statement cover this item? Yes when the item's source, or the
    /// sentence the source spoke in, mentions the key words of X ("the claims made in the video"
    /// covers what the woman said in the video); a bare "could not verify the claims" covers the
    /// attributed items of the three sentences before it.
    /// </summary>
    private static bool Covers(Doc doc, VerifyScope u, int sentence, IReadOnlyList<Attribution> attributions, out string why)
    {
        why = "";
        if (sentence == u.Sentence)
        {
            return false;
        }
        var text = doc.Text;
        foreach (var a in attributions)
        {
            for (var cur = a; cur is not null; cur = cur.Within)
            {
                var source = cur.Source.Text;
                if (u.Object.Contains(source, StringComparison.OrdinalIgnoreCase))
                {
                    why = $"'{u.Object}' could not be verified and names the source '{source}'";
                    return true;
                }
                var cueSentence = TextUtil.SentenceAt(doc, cur.CueSpan.Start);
                var s = doc.Sentences[cueSentence];
                foreach (var k in u.Keys)
                {
                    if (text.AsSpan(s.Start, s.End - s.Start).Contains(k, StringComparison.OrdinalIgnoreCase))
                    {
                        why = $"source '{source}' spoke in the {k} whose claims could not be verified ('{u.Span.Of(text)}')";
                        return true;
                    }
                }
            }
        }
        var own = doc.Sentences[sentence];
        foreach (var k in u.Keys)
        {
            if (text.AsSpan(own.Start, own.End - own.Start).Contains(k, StringComparison.OrdinalIgnoreCase) && sentence < u.Sentence)
            {
                why = $"the sentence is about the {k} whose claims could not be verified";
                return true;
            }
        }
        if (u.Keys.Count == 0 && attributions.Count > 0 && sentence < u.Sentence && u.Sentence - sentence <= 3)
        {
            why = "an unqualified 'could not verify' follows within three sentences";
            return true;
        }
        return false;
    }
}
