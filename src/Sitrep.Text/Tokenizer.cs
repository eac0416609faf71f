using System.Globalization;
using System.Runtime.CompilerServices;

namespace Sitrep.Text;

/// <summary>How a word relates to its neighbours in <see cref="Tokenizer.Segment"/>'s output.</summary>
[Flags]
public enum WordFlags : byte
{
    None = 0,
    /// <summary>The word starts a sentence.</summary>
    SentenceStart = 1,
    /// <summary>
    /// The word continues the previous word's surface token (UD multiword token): the n't of
    /// don't, the 's of Putin's, the not of cannot.
    /// </summary>
    JoinedToPrevious = 2,
}

/// <summary>A word of the text, [Start, End), with its flags.</summary>
public readonly record struct WordSpan(int Start, int End, WordFlags Flags);

/// <summary>
/// Rule-based tokenizer and sentence splitter following UD English (EWT/GUM) conventions: words are
/// split as UD splits them (punctuation off, clitics n't/'s/'ll off, cannot = can + not),
/// abbreviations, numbers, URLs, e-mail addresses, @handles and #tags stay whole. Sentences end at
/// final punctuation followed by a plausible sentence start, at line breaks (headlines, bullet
/// lists) unless the next line continues in lower case, at blank lines, and after the title.
/// One linear pass over the text; safe to share between threads.
/// </summary>
public sealed class Tokenizer
{
    private readonly TokenizerLexicon _lexicon;

    public Tokenizer(TokenizerLexicon lexicon)
    {
        _lexicon = lexicon;
    }

    /// <summary>The tokenizer with the shipped lexicon.</summary>
    public static Tokenizer Default { get; } = new(TokenizerLexicon.Embedded);

    public string Name => "tokenizer";

    public TokenizerLexicon Lexicon => _lexicon;

    /// <summary>Tokenizes and sentence-splits an article into a new <see cref="Doc"/>.</summary>
    public Doc Process(Article article)
    {
        var text = article.Text;
        var words = WordBuffer.Rent(text.Length);
        Run(text, article.BodyStart, ref words);
        var tokens = new TokenData[words.Count];
        var sentenceCount = 0;
        for (var i = 0; i < words.Count; i++)
        {
            if ((words.Items[i].Flags & WordFlags.SentenceStart) != 0)
            {
                sentenceCount++;
            }
        }
        var sentences = new SentenceData[sentenceCount];
        var s = -1;
        var first = 0;
        for (var i = 0; i < words.Count; i++)
        {
            ref readonly var w = ref words.Items[i];
            if ((w.Flags & WordFlags.SentenceStart) != 0)
            {
                if (s >= 0)
                {
                    sentences[s] = new SentenceData(first, i - first, tokens[first].Start, tokens[i - 1].End);
                }
                s++;
                first = i;
            }
            tokens[i] = new TokenData { Start = w.Start, End = w.End, Sentence = s, Head = -1 };
        }
        if (s >= 0)
        {
            sentences[s] = new SentenceData(first, words.Count - first, tokens[first].Start, tokens[words.Count - 1].End);
        }
        words.Return();
        return new Doc(article, tokens, sentences);
    }

    /// <summary>
    /// The words of <paramref name="text"/> with sentence starts and multiword-token joins; text
    /// before <paramref name="bodyStart"/> (a title) is kept apart from the body.
    /// </summary>
    public WordSpan[] Segment(string text, int bodyStart = 0)
    {
        var words = WordBuffer.Rent(text.Length);
        Run(text, bodyStart, ref words);
        var result = new WordSpan[words.Count];
        for (var i = 0; i < result.Length; i++)
        {
            ref readonly var w = ref words.Items[i];
            result[i] = new WordSpan(w.Start, w.End, w.Flags);
        }
        words.Return();
        return result;
    }

    private void Run(string text, int bodyStart, ref WordBuffer words)
    {
        var n = text.Length;
        var i = 0;
        while (i < n)
        {
            if (IsGap(text[i]))
            {
                i++;
                continue;
            }
            var j = i + 1;
            while (j < n && !IsGap(text[j]))
            {
                j++;
            }
            TokenizeChunk(text, i, j, ref words);
            i = j;
        }
        MarkSentences(text, bodyStart, ref words);
    }

    // ---- words ---------------------------------------------------------------------------

    /// <summary>Splits one whitespace-free stretch [s, e) into words.</summary>
    private void TokenizeChunk(string t, int s, int e, ref WordBuffer words)
    {
        var p = s;
        // An e-mail scan that failed at some position fails at every later position of the
        // same run, so remember where it stopped: keeps junk like a+a+a+... linear.
        var noEmailBefore = s;
        while (p < e)
        {
            var c = t[p];
            if (IsWordChar(c))
            {
                var q = TryUrl(t, p, e);
                if (q > p)
                {
                    words.Add(p, q, WordFlags.None);
                    p = q;
                    continue;
                }
                if (p >= noEmailBefore)
                {
                    q = TryEmail(t, p, e, out var scanned);
                    if (q > p)
                    {
                        words.Add(p, q, WordFlags.None);
                        p = q;
                        continue;
                    }
                    noEmailBefore = scanned;
                }
                p = ScanWord(t, p, e, ref words);
                continue;
            }
            if ((c == '@' || c == '#') && p + 1 < e && (p == s || !IsWordChar(t[p - 1]))
                && (c == '@' ? IsHandleChar(t[p + 1]) : char.IsLetter(t[p + 1])))
            {
                var q = p + 1;
                while (q < e && (IsHandleChar(t[q]) || (c == '@' && t[q] == '.' && q + 1 < e && char.IsAsciiLetter(t[q + 1]))))
                {
                    q++;
                }
                words.Add(p, q, WordFlags.None);
                p = q;
                continue;
            }
            p = Punct(t, p, s, e, ref words);
        }
    }

    /// <summary>A run of letters and digits with the joiners UD keeps inside words, then its period and clitics.</summary>
    private int ScanWord(string t, int p, int e, ref WordBuffer words)
    {
        var q = p + 1;
        var hasDot = false;
        while (q < e)
        {
            var c = t[q];
            if (IsWordChar(c))
            {
                q++;
                continue;
            }
            if (q + 1 < e && IsWordChar(t[q + 1]) && Joins(t, p, q, e))
            {
                hasDot |= c == '.';
                q += 2;
                continue;
            }
            break;
        }
        if (q < e && t[q] == '.' && (q + 1 >= e || t[q + 1] != '.'))
        {
            var kind = PeriodKind(t, p, q, hasDot);
            // UD (EWT) gives a sentence-final abbreviation's period to the sentence: etc + .
            if (kind == AbbreviationKind.Title || (kind != 0 && (q + 1 < e || !EndsSentenceAt(t, q + 1))))
            {
                words.Add(p, q + 1, WordFlags.None);
                return q + 1;
            }
        }
        if (q + 1 == e && t[q] == '-' && q - p <= 4 && !NextIsUpper(t, q + 1))
        {
            // A word broken off in speech keeps its hyphen: re- , J- and.
            words.Add(p, q + 1, WordFlags.None);
            return q + 1;
        }
        if (char.IsAsciiDigit(t[p]) && char.IsAsciiLetter(t[q - 1]))
        {
            // A number run into its unit is two tokens (375mm, 70k, 24hrs); ordinals and decades are one (5th, 1990s).
            var l = q - 1;
            while (l > p && char.IsAsciiLetter(t[l - 1]))
            {
                l--;
            }
            if (char.IsAsciiDigit(t[l - 1]) && IsUnitSuffix(t.AsSpan(l, q - l)))
            {
                words.Add(p, l, WordFlags.None);
                return ScanWord(t, l, e, ref words);
            }
        }
        AddWithClitics(t, p, q, ref words);
        return q;
    }

    /// <summary>Whether the non-word character at q (followed by a word character) stays inside the word.</summary>
    private bool Joins(string t, int p, int q, int e)
    {
        var prev = t[q - 1];
        var next = t[q + 1];
        switch (t[q])
        {
            case '.' or '_':
                return true;
            case '-' or '\u2010' or '\u2011':
                // UD splits hyphenated words (15 - year, al - Qaida) but keeps number groups
                // (713-853-3989) and prefixes such as e-, non-, co-, anti-.
                if (char.IsAsciiDigit(prev) && char.IsAsciiDigit(next))
                {
                    return !IsShortRange(t, p, q, e);
                }
                var segment = q;
                while (segment > p && IsWordChar(t[segment - 1]))
                {
                    segment--;
                }
                return segment == p && _lexicon.IsHyphenPrefix(t.AsSpan(p, q - p));
            case '\'' or '\u2019':
                // don't, O'Brien; and the plural of a number stays one word: 80's.
                return char.IsLetter(next) && (char.IsLetter(prev)
                    || (char.IsAsciiDigit(prev) && (next | 0x20) == 's' && (q + 2 >= e || !char.IsLetter(t[q + 2]))));
            case ',':
                // Thousands separator: 159,090 but not 1,2 or a list like 3,4,5.
                return char.IsAsciiDigit(prev) && q + 3 < e && char.IsAsciiDigit(t[q + 1]) && char.IsAsciiDigit(t[q + 2])
                    && char.IsAsciiDigit(t[q + 3]) && (q + 4 >= e || !char.IsAsciiDigit(t[q + 4]));
            case ':' or '/':
                return char.IsAsciiDigit(prev) && char.IsAsciiDigit(next);
            case '&':
                return char.IsUpper(prev) && char.IsUpper(next);
            default:
                return false;
        }
    }

    /// <summary>A range of small numbers (3-5, 15-20) that UD splits, unlike phone numbers and codes (713-853-3989).</summary>
    private static bool IsShortRange(string t, int p, int q, int e)
    {
        var a = q;
        while (a > p && char.IsAsciiDigit(t[a - 1]))
        {
            a--;
        }
        var b = q + 1;
        while (b < e && char.IsAsciiDigit(t[b]))
        {
            b++;
        }
        return q - a <= 2 && b - q - 1 <= 2 && a == p && (b >= e || t[b] != '-');
    }

    /// <summary>Whether the word [p, q) may keep the period at q (abbreviations, initials, dotted acronyms), and how; 0 if not.</summary>
    private AbbreviationKind PeriodKind(string t, int p, int q, bool hasDot)
    {
        var word = t.AsSpan(p, q - p);
        switch (Abbreviation(word))
        {
            case AbbreviationKind.Final:
                return AbbreviationKind.Final;
            case AbbreviationKind.Title:
                return AbbreviationKind.Title;
            case AbbreviationKind.Number:
                return NextIsDigit(t, q + 1) ? AbbreviationKind.Title : 0;
        }
        if (word.Length == 1)
        {
            return char.IsUpper(word[0]) ? AbbreviationKind.Final : 0;
        }
        if (!hasDot)
        {
            return 0;
        }
        // U.S, e.g, Ph.D, a.m: short letter groups between the dots.
        var run = 0;
        foreach (var c in word)
        {
            if (c == '.')
            {
                run = 0;
            }
            else if (!char.IsLetter(c) || ++run > 3)
            {
                return 0;
            }
        }
        return AbbreviationKind.Final;
    }

    /// <summary>
    /// Whether a sentence ends at i, just after a whitespace-delimited abbreviation: at a
    /// paragraph or line end, or before a word that usually starts sentences.
    /// </summary>
    private bool EndsSentenceAt(string t, int i)
    {
        var newlines = 0;
        while (i < t.Length && IsGap(t[i]))
        {
            if (t[i++] == '\n')
            {
                newlines++;
            }
        }
        if (i >= t.Length || newlines >= 2)
        {
            return true;
        }
        if (newlines == 1)
        {
            return !char.IsLower(t[i]);
        }
        var j = i;
        while (j < t.Length && char.IsLetter(t[j]) && j - i < 16)
        {
            j++;
        }
        return j > i && _lexicon.IsStarter(t.AsSpan(i, j - i)) && (j >= t.Length || !char.IsLetter(t[j]));
    }

    /// <summary>Lexicon abbreviation kind, also for capitals (LTD = Ltd).</summary>
    private AbbreviationKind Abbreviation(ReadOnlySpan<char> word)
    {
        var kind = _lexicon.Abbreviation(word);
        if (kind != 0 || word.Length < 2 || word.Length > 8 || !IsAllUpper(word))
        {
            return kind;
        }
        Span<char> title = stackalloc char[word.Length];
        title[0] = word[0];
        for (var i = 1; i < word.Length; i++)
        {
            title[i] = char.ToLowerInvariant(word[i]);
        }
        return _lexicon.Abbreviation(title);
    }

    private static bool IsAllUpper(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsUpper(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsUnitSuffix(ReadOnlySpan<char> letters)
    {
        if (letters.Length == 1)
        {
            return (letters[0] | 0x20) is 'k' or 'm' or 'b' or 'x' or 'p' or 'f';
        }
        return !(letters.Equals("th", StringComparison.OrdinalIgnoreCase) || letters.Equals("st", StringComparison.OrdinalIgnoreCase)
            || letters.Equals("nd", StringComparison.OrdinalIgnoreCase) || letters.Equals("rd", StringComparison.OrdinalIgnoreCase)
            || letters.Equals("s", StringComparison.OrdinalIgnoreCase) || letters.Equals("D", StringComparison.Ordinal));
    }

    private static bool NextIsUpper(string t, int i)
    {
        while (i < t.Length && IsGap(t[i]))
        {
            i++;
        }
        return i < t.Length && char.IsUpper(t[i]);
    }

    private static bool NextIsDigit(string t, int i)
    {
        var limit = Math.Min(t.Length, i + 3);
        while (i < limit && IsGap(t[i]))
        {
            i++;
        }
        return i < t.Length && char.IsAsciiDigit(t[i]);
    }

    /// <summary>Adds [p, q), split into its UD words: clitics ('s, n't, 'll...) and listed splits (cannot).</summary>
    private void AddWithClitics(string t, int p, int q, ref WordBuffer words)
    {
        var word = t.AsSpan(p, q - p);
        var parts = _lexicon.Split(word, out var multiword);
        if (parts is not null)
        {
            var at = p;
            for (var k = 0; k < parts.Length; k++)
            {
                words.Add(at, at + parts[k], k == 0 || !multiword ? WordFlags.None : WordFlags.JoinedToPrevious);
                at += parts[k];
            }
            return;
        }
        // Peel at most two clitics from the end: shouldn't've = should + n't + 've.
        Span<int> cuts = stackalloc int[2];
        var count = 0;
        var end = q;
        while (count < 2)
        {
            var cut = CliticStart(t, p, end);
            if (cut < 0)
            {
                break;
            }
            cuts[count++] = cut;
            end = cut;
        }
        if (count == 0)
        {
            words.Add(p, q, WordFlags.None);
            return;
        }
        words.Add(p, cuts[count - 1], WordFlags.None);
        for (var k = count - 1; k >= 0; k--)
        {
            words.Add(cuts[k], k == 0 ? q : cuts[k - 1], WordFlags.JoinedToPrevious);
        }
    }

    /// <summary>Start of a clitic ending word [p, end), or -1.</summary>
    private static int CliticStart(string t, int p, int end)
    {
        var len = end - p;
        if (len >= 3 && IsApostrophe(t[end - 2]) && char.IsLetter(t[end - 3]) && (t[end - 1] | 0x20) is 's' or 'm' or 'd')
        {
            return end - 2;
        }
        if (len >= 4 && IsApostrophe(t[end - 3]) && char.IsLetter(t[end - 4]))
        {
            var a = (char)(t[end - 2] | 0x20);
            var b = (char)(t[end - 1] | 0x20);
            if ((a == 'l' && b == 'l') || (a == 'r' && b == 'e') || (a == 'v' && b == 'e'))
            {
                return end - 3;
            }
        }
        if (len >= 4 && (t[end - 3] | 0x20) == 'n' && IsApostrophe(t[end - 2]) && (t[end - 1] | 0x20) == 't')
        {
            return end - 3;
        }
        return -1;
    }

    /// <summary>Punctuation and symbols at p: runs (... !!! --), emoticons, quotes, clitics after a space.</summary>
    private static int Punct(string t, int p, int s, int e, ref WordBuffer words)
    {
        var c = t[p];
        var q = p + 1;
        var joined = WordFlags.None;
        switch (c)
        {
            case '.' or '!' or '?':
                while (q < e && t[q] is '.' or '!' or '?')
                {
                    q++;
                }
                break;
            case '-' or '*' or '=' or '_' or '~' or '+' or '<' or '>':
                if (IsEmoticon(t, p, e, out var emoEnd))
                {
                    q = emoEnd;
                    break;
                }
                // Rules and arrows: ----, ==--, ->, >> are one symbol.
                while (q < e && t[q] is '-' or '*' or '=' or '_' or '~' or '+' or '<' or '>')
                {
                    q++;
                }
                break;
            case '#' or '$' or '\u2014' or '\u2013' or '^' or '|' or '&':
                while (q < e && t[q] == c)
                {
                    q++;
                }
                break;
            case ':' or ';':
                if (IsEmoticon(t, p, e, out var emoticonEnd))
                {
                    q = emoticonEnd;
                }
                break;
            case '\'' or '\u2019' or '`':
                if (q < e && t[q] == c && c != '\u2019')
                {
                    q++; // '' and `` as one quote
                    break;
                }
                var clitic = ApostropheWordEnd(t, q, e);
                if (clitic > q)
                {
                    q = clitic;
                    if (words.Count > 0 && words.Items[words.Count - 1].End == p)
                    {
                        joined = WordFlags.JoinedToPrevious;
                    }
                    break;
                }
                // Plural possessive: the students' books.
                if (p > s && (t[p - 1] | 0x20) == 's' && words.Count > 0 && words.Items[words.Count - 1].End == p
                    && (q >= e || !char.IsLetter(t[q])))
                {
                    joined = WordFlags.JoinedToPrevious;
                }
                break;
            default:
                if (char.IsHighSurrogate(c) && q < e && char.IsLowSurrogate(t[q]))
                {
                    q++;
                }
                // Keep emoji modifiers, variation selectors and zero-width joiners with their symbol.
                while (q < e && IsSymbolContinuation(t, q, e))
                {
                    q += char.IsHighSurrogate(t[q]) && q + 1 < e ? 2 : 1;
                }
                break;
        }
        words.Add(p, q, joined);
        return q;
    }

    /// <summary>For an apostrophe just before q: the end of 's/'m/'d/'ll/'re/'ve/'90s when that is a whole word, else q.</summary>
    private static int ApostropheWordEnd(string t, int q, int e)
    {
        var r = q;
        while (r < e && char.IsLetterOrDigit(t[r]) && r - q < 4)
        {
            r++;
        }
        if (r < e && char.IsLetterOrDigit(t[r]))
        {
            return q;
        }
        var w = t.AsSpan(q, r - q);
        if (w.Length == 1 && (w[0] | 0x20) is 's' or 'm' or 'd')
        {
            return r;
        }
        if (w.Length == 2 && (w.Equals("ll", StringComparison.OrdinalIgnoreCase) || w.Equals("re", StringComparison.OrdinalIgnoreCase)
            || w.Equals("ve", StringComparison.OrdinalIgnoreCase) || w.Equals("em", StringComparison.OrdinalIgnoreCase)))
        {
            return r;
        }
        if ((w.Length == 2 || (w.Length == 3 && w[2] == 's')) && char.IsAsciiDigit(w[0]) && char.IsAsciiDigit(w[1]))
        {
            return r;
        }
        return q;
    }

    private static bool IsEmoticon(string t, int p, int e, out int end)
    {
        end = p;
        var q = p;
        if (t[q] is not (':' or ';' or '='))
        {
            return false;
        }
        q++;
        if (q < e && t[q] == '-')
        {
            q++;
        }
        if (q >= e || t[q] is not (')' or '(' or 'D' or 'P' or 'p' or '/' or '|' or ']' or '[' or 'O' or 'o'))
        {
            return false;
        }
        var mouth = t[q];
        q++;
        while (q < e && t[q] == mouth && mouth is ')' or '(')
        {
            q++;
        }
        if (q < e && IsWordChar(t[q]))
        {
            return false;
        }
        end = q;
        return true;
    }

    private static bool IsSymbolContinuation(string t, int q, int e)
    {
        var c = t[q];
        if (c is '\u200D' or '\uFE0F' or '\uFE0E' || char.IsLowSurrogate(c))
        {
            return true;
        }
        if (q > 0 && t[q - 1] == '\u200D')
        {
            return !IsWordChar(c) && !char.IsPunctuation(c);
        }
        // Skin-tone modifiers U+1F3FB..1F3FF follow an emoji as a surrogate pair D83C DFFB..DFFF.
        return c == '\uD83C' && q + 1 < e && t[q + 1] is >= '\uDFFB' and <= '\uDFFF';
    }

    /// <summary>http://, https://, ftp://, www. addresses, to the end of the stretch minus trailing punctuation.</summary>
    private static int TryUrl(string t, int p, int e)
    {
        var span = t.AsSpan(p, e - p);
        int prefix;
        if (span.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            prefix = 7;
        }
        else if (span.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            prefix = 8;
        }
        else if (span.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase))
        {
            prefix = 6;
        }
        else if (span.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && span.Length > 5 && IsWordChar(span[4]))
        {
            prefix = 4;
        }
        else
        {
            return p;
        }
        if (span.Length <= prefix || !IsWordChar(span[prefix]))
        {
            return p;
        }
        var q = e;
        var parens = 0;
        for (var i = p; i < e; i++)
        {
            if (t[i] == '(')
            {
                parens++;
            }
            else if (t[i] == ')')
            {
                parens--;
            }
        }
        while (q > p + prefix)
        {
            var c = t[q - 1];
            if (c is '.' or ',' or ';' or ':' or '!' or '?' or '"' or '\'' or '\u201D' or '\u2019' or ']' or '>' or '}'
                || (c == ')' && parens < 0))
            {
                if (c == ')')
                {
                    parens++;
                }
                q--;
                continue;
            }
            break;
        }
        return q;
    }

    /// <summary>local@domain.tld starting at p; returns the end or p, and how far the local part was scanned.</summary>
    private static int TryEmail(string t, int p, int e, out int scanned)
    {
        var q = p;
        while (q < e && (IsWordChar(t[q]) || t[q] is '.' or '_' or '%' or '+' or '-'))
        {
            q++;
        }
        scanned = q;
        if (q >= e || t[q] != '@' || q == p)
        {
            return p;
        }
        var d = q + 1;
        var lastDot = -1;
        while (d < e && (IsWordChar(t[d]) || t[d] is '.' or '-'))
        {
            if (t[d] == '.')
            {
                lastDot = d;
            }
            d++;
        }
        while (d > q + 1 && t[d - 1] is '.' or '-')
        {
            d--;
        }
        if (d - (q + 1) < 2)
        {
            return p;
        }
        lastDot = t.LastIndexOf('.', d - 1, d - (q + 1));
        // user@example.org, or an internal address such as Griffith@ENRON.
        if (lastDot == q + 1 || (lastDot < 0 && !IsAllLetters(t.AsSpan(q + 1, d - q - 1))))
        {
            return p;
        }
        scanned = d;
        return d;
    }

    // ---- sentences -----------------------------------------------------------------------

    private void MarkSentences(string t, int bodyStart, ref WordBuffer words)
    {
        var n = words.Count;
        if (n == 0)
        {
            return;
        }
        var w = words.Items;
        w[0].Flags |= WordFlags.SentenceStart;
        var sentenceStart = 0;
        for (var i = 1; i < n; i++)
        {
            if (IsBoundary(t, bodyStart, w, sentenceStart, i))
            {
                w[i].Flags |= WordFlags.SentenceStart;
                sentenceStart = i;
            }
        }
    }

    private bool IsBoundary(string t, int bodyStart, Word[] w, int sentenceStart, int i)
    {
        var gapStart = w[i - 1].End;
        var gapEnd = w[i].Start;
        if (gapStart <= bodyStart && gapEnd >= bodyStart && bodyStart > 0)
        {
            return true;
        }
        if (gapStart == gapEnd)
        {
            return false;
        }
        var newlines = 0;
        for (var k = gapStart; k < gapEnd; k++)
        {
            if (t[k] == '\n')
            {
                newlines++;
            }
        }
        if (newlines >= 2)
        {
            return true;
        }
        var next = t[gapEnd];
        if (newlines == 1 && !char.IsLower(next))
        {
            // A line break ends a headline or bullet line; hard-wrapped prose continues in lower case.
            return true;
        }
        if (IsReference(t, w, i))
        {
            return false;
        }
        var j = i - 1;
        // Look back over at most a few closers, so a long run of brackets stays linear.
        var limit = Math.Max(sentenceStart, i - 8);
        while (j > limit)
        {
            if (j - 2 > sentenceStart && IsReference(t, w, j - 2))
            {
                j -= 3;
            }
            else if (IsCloser(t, w, j))
            {
                j--;
            }
            else
            {
                break;
            }
        }
        var term = t.AsSpan(w[j].Start, w[j].End - w[j].Start);
        if (IsTerminal(term) && !IsListNumber(t, w, j))
        {
            // Final punctuation followed by a lower-case word still ends the sentence (web text
            // without capitals), unless a closing quote intervenes ("Why?" he asked) or it is an ellipsis.
            if (j == i - 1 && char.IsLower(t[w[i].Start]) && term[0] != '\u2026' && !(term.Length > 1 && term[1] == '.'))
            {
                return true;
            }
            return StartsSentence(t, w[i]);
        }
        if (term.Length > 1 && term[^1] == '.' && char.IsLetter(term[^2]) && Abbreviation(term[..^1]) != AbbreviationKind.Title)
        {
            // An abbreviation closing a quote or bracket may end the sentence too: (in the U.S.) The ...
            return _lexicon.IsStarter(t.AsSpan(w[i].Start, w[i].End - w[i].Start));
        }
        if (IsEmoticonToken(term))
        {
            return true;
        }
        if (IsAddress(term) && (char.IsUpper(t[w[i].Start]) || IsAddress(t.AsSpan(w[i].Start, w[i].End - w[i].Start))))
        {
            // An address ending a line of a signature or a list of links.
            return true;
        }
        if (IsBreakingDash(term))
        {
            // A dash or colon before a word that usually starts sentences: "so maybe — That's me".
            return _lexicon.IsStarter(t.AsSpan(w[i].Start, w[i].End - w[i].Start));
        }
        return false;
    }

    /// <summary>A footnote reference [12] or elision […] starting at word i: it stays with the sentence before it.</summary>
    private static bool IsReference(string t, Word[] w, int i)
    {
        if (i + 2 >= w.Length || t[w[i].Start] != '[' || w[i].End - w[i].Start != 1
            || t[w[i + 2].Start] != ']' || w[i + 2].End - w[i + 2].Start != 1)
        {
            return false;
        }
        foreach (var c in t.AsSpan(w[i + 1].Start, w[i + 1].End - w[i + 1].Start))
        {
            if (!char.IsAsciiDigit(c) && c is not ('.' or '\u2026'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether word j is the period of a list number at the start of a line ("1. The first point").</summary>
    private static bool IsListNumber(string t, Word[] w, int j)
    {
        if (j == 0 || t[w[j].Start] != '.' || w[j].End - w[j].Start != 1 || w[j - 1].End != w[j].Start)
        {
            return false;
        }
        var number = t.AsSpan(w[j - 1].Start, w[j - 1].End - w[j - 1].Start);
        if (number.Length > 2 || !char.IsAsciiDigit(number[0]) || !char.IsAsciiDigit(number[^1]))
        {
            return false;
        }
        return j == 1 || t.AsSpan(w[j - 2].End, w[j - 1].Start - w[j - 2].End).Contains('\n');
    }

    private static bool IsEmoticonToken(ReadOnlySpan<char> token) =>
        token.Length >= 2 && token[0] is ':' or ';' or '=' && token[^1] is ')' or '(' or 'D' or 'P' or 'p';

    private static bool IsAddress(ReadOnlySpan<char> token) =>
        token.Length > 4 && (token.Contains('@') || token.StartsWith("http", StringComparison.OrdinalIgnoreCase) || token.StartsWith("www.", StringComparison.OrdinalIgnoreCase));

    private static bool IsBreakingDash(ReadOnlySpan<char> token) => token is "\u2014" or "\u2013";

    private static bool IsTerminal(ReadOnlySpan<char> token)
    {
        foreach (var c in token)
        {
            if (c is not ('.' or '!' or '?' or '\u2026'))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsCloser(string t, Word[] w, int j)
    {
        if (w[j].End - w[j].Start != 1)
        {
            return false;
        }
        var c = t[w[j].Start];
        return c switch
        {
            ')' or ']' or '}' or '\u201D' or '\u2019' or '\u00BB' => true,
            // Straight quotes close when attached to the word before them.
            '"' or '\'' => j > 0 && w[j - 1].End == w[j].Start,
            _ => false,
        };
    }

    private static bool StartsSentence(string t, in Word next)
    {
        var c = t[next.Start];
        if (char.IsLower(c))
        {
            return false;
        }
        // Closing punctuation, a comma or more periods (a spaced ". . .") never start a sentence.
        return c is not (',' or ';' or ':' or ')' or ']' or '}' or '%' or '.' or '\u2026');
    }

    // ---- characters ----------------------------------------------------------------------

    /// <summary>Whether c separates tokens: whitespace, control characters and invisible format marks (zero-width space, BOM).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsGap(char c) =>
        c <= ' ' ? c is ' ' or '\n' or '\t' or '\r' or '\f' or '\v' || c < ' '
        : c >= '\u0080' && (char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF' or '\u2060' or '\u200E' or '\u200F');

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWordChar(char c)
    {
        if (c < '\u0080')
        {
            return char.IsAsciiLetterOrDigit(c);
        }
        var cat = char.GetUnicodeCategory(c);
        return cat <= UnicodeCategory.OtherNumber && cat != UnicodeCategory.EnclosingMark && !char.IsSurrogate(c);
    }

    private static bool IsHandleChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool IsAllLetters(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    // ---- buffer --------------------------------------------------------------------------

    internal struct Word
    {
        public int Start;
        public int End;
        public WordFlags Flags;
    }

    /// <summary>Growable word list; its array is kept per thread between calls so a Doc costs only its own arrays.</summary>
    private struct WordBuffer
    {
        // Arrays above this many words are not kept, so one huge input does not pin memory.
        private const int MaxCached = 1 << 16;

        [ThreadStatic]
        private static Word[]? s_cached;

        public Word[] Items;
        public int Count;

        public static WordBuffer Rent(int textLength)
        {
            var cached = s_cached;
            s_cached = null;
            // About one word per five characters of English text.
            var wanted = Math.Max(16, textLength / 5);
            return new WordBuffer { Items = cached is not null && cached.Length >= Math.Min(wanted, MaxCached) ? cached : new Word[wanted] };
        }

        public readonly void Return()
        {
            if (Items.Length <= MaxCached)
            {
                s_cached = Items;
            }
        }

        public void Add(int start, int end, WordFlags flags)
        {
            if (Count == Items.Length)
            {
                Array.Resize(ref Items, Items.Length * 2);
            }
            Items[Count++] = new Word { Start = start, End = end, Flags = flags };
        }
    }
}
