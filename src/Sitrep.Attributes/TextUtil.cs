using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sitrep.Text;

namespace Sitrep.Attributes;

/// <summary>Small text helpers shared by the extractors.</summary>
internal static class TextUtil
{
    /// <summary>Lowercase, accents removed, apostrophes dropped, whitespace collapsed: the gazetteer key form.</summary>
    public static string Fold(ReadOnlySpan<char> s)
    {
        var sb = new StringBuilder(s.Length);
        var norm = s.ToString().Normalize(NormalizationForm.FormD);
        var space = false;
        foreach (var c in norm)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or 'ʼ' or '`')
            {
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>Stable short id from parts (SHA-256, hex): same input, same id.</summary>
    public static string StableId(string prefix, params object[] parts)
    {
        var joined = string.Join('|', parts.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(joined), hash);
        return prefix + Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>Index of the sentence containing char offset <paramref name="pos"/> (binary search), or -1.</summary>
    public static int SentenceAt(Doc doc, int pos)
    {
        var s = doc.Sentences;
        int lo = 0, hi = s.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            if (pos < s[mid].Start)
            {
                hi = mid - 1;
            }
            else if (pos >= s[mid].End)
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }
        // Between sentences (whitespace): attach to the following one.
        return lo < s.Length ? lo : s.Length - 1;
    }

    /// <summary>Index of the token covering char offset <paramref name="pos"/>, or the next token; -1 when none.</summary>
    public static int TokenAt(Doc doc, int pos)
    {
        var t = doc.Tokens;
        int lo = 0, hi = t.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            if (pos < t[mid].Start)
            {
                hi = mid - 1;
            }
            else if (pos >= t[mid].End)
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }
        return lo < t.Length ? lo : -1;
    }

    /// <summary>The syntactic head token of a char span: the token inside it whose head lies outside (parsed docs only).</summary>
    public static int HeadOf(Doc doc, TextSpan span)
    {
        var first = TokenAt(doc, span.Start);
        if (first < 0 || !doc.IsParsed)
        {
            return -1;
        }
        for (var i = first; i < doc.Tokens.Length && doc.Tokens[i].Start < span.End; i++)
        {
            var h = doc.Tokens[i].Head;
            if (h < 0 || doc.Tokens[h].Start < span.Start || doc.Tokens[h].Start >= span.End)
            {
                return i;
            }
        }
        return first;
    }

    /// <summary>True when token <paramref name="from"/> reaches token <paramref name="to"/> within <paramref name="maxHops"/> head steps.</summary>
    public static bool Governs(Doc doc, int to, int from, int maxHops)
    {
        var cur = from;
        for (var hop = 0; hop < maxHops && cur >= 0; hop++)
        {
            cur = doc.Tokens[cur].Head;
            if (cur == to)
            {
                return true;
            }
        }
        return false;
    }
}
