using System.Globalization;

namespace Sitrep.Coding;

/// <summary>A code valid from <see cref="From"/> to <see cref="To"/> (inclusive; null = open).</summary>
public readonly record struct DatedCode(string Code, DateOnly? From, DateOnly? To)
{
    public bool Covers(DateOnly d) => (From is null || From <= d) && (To is null || d <= To);
    public bool IsUndated => From is null && To is null;
}

/// <summary>
/// One dictionary entry: the names it matches, its codes (dated for officials) and where it
/// was defined. Agents (common nouns such as "soldiers") carry sector codes, written "~MIL";
/// a primary code for an agent is written "IGO~".
/// </summary>
public sealed class ActorEntry
{
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public required IReadOnlyList<DatedCode> Codes { get; init; }
    public required string Entry { get; init; }
    /// <summary>True for a discard entry ("=> ---"): the phrase is not an actor.</summary>
    public bool IsDiscard => Codes.Count == 0;
    public bool IsAgent => Kind == "agent";

    /// <summary>
    /// The code valid on <paramref name="date"/>: a dated code covering it, else the undated one,
    /// else the nearest range; with no date, the open-ended (current) role, else the undated one.
    /// </summary>
    public string? CodeOn(DateOnly? date)
    {
        if (Codes.Count == 0)
        {
            return null;
        }
        if (date is { } d)
        {
            foreach (var c in Codes)
            {
                if (!c.IsUndated && c.Covers(d))
                {
                    return c.Code;
                }
            }
        }
        if (date is null)
        {
            // Without a date the current role (an open-ended range) is the best guess.
            foreach (var c in Codes)
            {
                if (c.From is not null && c.To is null)
                {
                    return c.Code;
                }
            }
        }
        foreach (var c in Codes)
        {
            if (c.IsUndated)
            {
                return c.Code;
            }
        }
        // No undated default: the most recent role is the best guess without a date; with a
        // date outside every range, the nearest range is.
        DatedCode best = Codes[0];
        foreach (var c in Codes)
        {
            if ((c.To ?? DateOnly.MaxValue) > (best.To ?? DateOnly.MaxValue))
            {
                best = c;
            }
        }
        if (date is { } dd)
        {
            var bestDist = int.MaxValue;
            foreach (var c in Codes)
            {
                var dist = c.From is { } f && dd < f ? f.DayNumber - dd.DayNumber : c.To is { } t && dd > t ? dd.DayNumber - t.DayNumber : 0;
                if (dist < bestDist)
                {
                    bestDist = dist;
                    best = c;
                }
            }
        }
        return best.Code;
    }
}

/// <summary>
/// Actor and agent dictionaries in Sitrep's text format (see docs/coding.md):
/// <code>
/// !kind country
/// russia | russian federation | moscow => RUS
/// vladimir putin | putin => RUSELI@..1999-08-08 RUSGOV@1999-08-09..
/// </code>
/// Names are matched case-insensitively on token sequences, ignoring punctuation inside
/// tokens ("U.N." = "UN", "al-Qaeda" = "al Qaeda"); the longest match wins.
/// </summary>
public sealed class ActorDictionary
{
    private readonly Dictionary<string, ActorEntry> _names = new(StringComparer.Ordinal);
    private Dictionary<string, ActorEntry>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private int _maxTokens = 1;

    private ActorDictionary()
    {
        _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        _surnameLookup = _surnames.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _names.Count;
    public int MaxTokens => _maxTokens;

    /// <summary>
    /// Country codes: the first three letters of the codes of country entries, so "IGO", "MEA"
    /// (a region) or "NGO" never pass for a country when one is inferred from context.
    /// </summary>
    public IReadOnlySet<string> CountryCodes => _countryCodes;
    private readonly HashSet<string> _countryCodes = new(StringComparer.Ordinal);

    public static readonly string[] Kinds = ["country", "person", "organization", "igo", "ngo", "group", "agent", "place"];

    internal static ActorDictionary Load(IEnumerable<DictionaryFile> files, List<DictIssue> issues)
    {
        var d = new ActorDictionary();
        var list = files.ToList();
        // Agents first: a proper name ("Security Council") overrides a common noun with the same words.
        foreach (var f in list.Where(f => f.Kind == "agents"))
        {
            d.Read(f, issues);
        }
        foreach (var f in list.Where(f => f.Kind == "actors"))
        {
            d.Read(f, issues);
        }
        d.IndexSurnames();
        return d;
    }

    private void Read(DictionaryFile file, List<DictIssue> issues)
    {
        var kind = file.Kind == "agents" ? "agent" : "country";
        var shortName = Ontology.ShortName(file.Name);
        foreach (var (n, raw) in file.Lines())
        {
            var line = Ontology.StripComment(raw);
            if (line.Length == 0)
            {
                continue;
            }
            if (line.StartsWith('!'))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts is ["!kind", var k] && Kinds.Contains(k))
                {
                    kind = k;
                }
                else
                {
                    issues.Add(new DictIssue(file.Name, n, $"unknown directive '{line}' (expected '!kind' followed by one of {string.Join(", ", Kinds)})"));
                }
                continue;
            }
            var arrow = line.IndexOf("=>", StringComparison.Ordinal);
            if (arrow < 0)
            {
                issues.Add(new DictIssue(file.Name, n, "missing '=>' between names and codes"));
                continue;
            }
            var names = line[..arrow].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (names.Length == 0)
            {
                issues.Add(new DictIssue(file.Name, n, "no name before '=>'"));
                continue;
            }
            var codes = new List<DatedCode>();
            var ok = true;
            foreach (var tok in line[(arrow + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (tok == "---")
                {
                    continue;
                }
                if (!TryParseCode(tok, kind == "agent", out var code, out var error))
                {
                    issues.Add(new DictIssue(file.Name, n, error));
                    ok = false;
                    break;
                }
                codes.Add(code);
            }
            if (!ok)
            {
                continue;
            }
            var entry = new ActorEntry { Name = names[0], Kind = kind, Codes = codes, Entry = $"{shortName}:{n}" };
            if (kind == "country")
            {
                foreach (var c in codes)
                {
                    if (c.Code.Length >= 3)
                    {
                        _countryCodes.Add(c.Code[..3]);
                    }
                }
            }
            foreach (var name in names)
            {
                var key = Key(name, out var tokens);
                if (key.Length == 0)
                {
                    issues.Add(new DictIssue(file.Name, n, $"name '{name}' has no letters or digits"));
                    continue;
                }
                _names[key] = entry;
                _maxTokens = Math.Max(_maxTokens, tokens);
            }
        }
        _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    internal static bool TryParseCode(string tok, bool agent, out DatedCode code, out string error)
    {
        code = default;
        error = "";
        var at = tok.IndexOf('@');
        var c = at < 0 ? tok : tok[..at];
        var valid = agent
            ? (c.StartsWith('~') && IsCodeLetters(c.AsSpan(1))) || (c.EndsWith('~') && IsCodeLetters(c.AsSpan(0, c.Length - 1)))
            : IsCodeLetters(c);
        if (!valid)
        {
            error = agent
                ? $"agent code '{c}' must be '~SECTORS' (e.g. ~MIL) or 'CODE~' (e.g. IGO~): 3-letter upper-case groups"
                : $"actor code '{c}' must be upper-case letters in groups of 3 (e.g. RUS, RUSMIL, IGOUNO)";
            return false;
        }
        DateOnly? from = null, to = null;
        if (at >= 0)
        {
            var range = tok[(at + 1)..];
            var dots = range.IndexOf("..", StringComparison.Ordinal);
            if (dots < 0)
            {
                error = $"date range '{range}' must be FROM..TO with YYYY-MM-DD dates (either may be empty)";
                return false;
            }
            if (!TryDate(range[..dots], out from) || !TryDate(range[(dots + 2)..], out to))
            {
                error = $"bad date in '{range}' (use YYYY-MM-DD)";
                return false;
            }
            if (from > to)
            {
                error = $"date range '{range}' ends before it starts";
                return false;
            }
        }
        code = new DatedCode(c, from, to);
        return true;
    }

    private static bool TryDate(string s, out DateOnly? d)
    {
        d = null;
        if (s.Length == 0)
        {
            return true;
        }
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v))
        {
            d = v;
            return true;
        }
        return false;
    }

    private static bool IsCodeLetters(ReadOnlySpan<char> c)
    {
        if (c.Length == 0 || c.Length % 3 != 0)
        {
            return false;
        }
        foreach (var ch in c)
        {
            if (ch is < 'A' or > 'Z')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The lookup key of a name: lower-case letters and digits, words separated by one space.</summary>
    internal static string Key(string name, out int tokens)
    {
        var sb = new System.Text.StringBuilder(name.Length);
        tokens = 0;
        foreach (var word in name.Split([' ', '_'], StringSplitOptions.RemoveEmptyEntries))
        {
            var start = sb.Length;
            if (start > 0)
            {
                sb.Append(' ');
            }
            var any = false;
            foreach (var ch in word)
            {
                if (char.IsLetterOrDigit(ch))
                {
                    sb.Append(char.ToLowerInvariant(ch));
                    any = true;
                }
                else if (ch is '-' or '\'' or '’' && any)
                {
                    // "al-Qaeda" and "al Qaeda" are one name; "people's" is "people" + "'s".
                    sb.Append(' ');
                    tokens++;
                }
            }
            if (!any)
            {
                sb.Length = start;
                continue;
            }
            tokens++;
        }
        return sb.ToString().Replace("  ", " ").Trim();
    }

    // Surnames of person entries ("robert mugabe" -> "mugabe"), used only right after a title
    // ("President Mugabe"); a surname shared by two people, or that is itself a name, is left out.
    private readonly Dictionary<string, ActorEntry?> _surnames = new(StringComparer.Ordinal);
    private Dictionary<string, ActorEntry?>.AlternateLookup<ReadOnlySpan<char>> _surnameLookup;

    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "president", "minister", "premier", "chancellor", "king", "queen", "prince", "emir", "sheikh", "ayatollah",
        "general", "gen", "senator", "sen", "secretary", "leader", "mr", "mrs", "ms", "dr", "commander", "chairman",
    };

    private void IndexSurnames()
    {
        foreach (var (key, entry) in _names)
        {
            var space = key.LastIndexOf(' ');
            if (entry.Kind != "person" || space < 0 || key.Length - space - 1 < 4)
            {
                continue;
            }
            var surname = key[(space + 1)..];
            if (_names.ContainsKey(surname))
            {
                continue;
            }
            if (_surnames.TryGetValue(surname, out var other))
            {
                if (other is not null && other != entry)
                {
                    _surnames[surname] = null;
                }
                continue;
            }
            _surnames[surname] = entry;
        }
        _surnameLookup = _surnames.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public ActorEntry? Lookup(string name) => _names.GetValueOrDefault(Key(name, out _));

    /// <summary>
    /// Finds dictionary names in tokens [first, end) of <paramref name="doc"/>, longest match
    /// first, left to right, without overlaps.
    /// </summary>
    public List<ActorMatch> Match(Sitrep.Text.Doc doc, int first, int end)
    {
        var result = new List<ActorMatch>();
        Span<char> buffer = stackalloc char[256];
        var text = doc.Text.AsSpan();
        var tokens = doc.Tokens;
        var i = first;
        while (i < end)
        {
            var bestEnd = -1;
            ActorEntry? best = null;
            var len = 0;
            var words = 0;
            for (var j = i; j < end && words < _maxTokens; j++)
            {
                var tok = text[tokens[j].Start..tokens[j].End];
                if (j == i && !StartsWord(tok))
                {
                    break;
                }
                var before = len;
                if (!AppendKey(tok, buffer, ref len, ref words))
                {
                    if (IsJoiner(tok) && j > i)
                    {
                        // '-', '.', '&' inside a name: skip it and keep extending.
                        continue;
                    }
                    break;
                }
                if (len == before)
                {
                    break;
                }
                if (_lookup.TryGetValue(buffer[..len], out var entry) && Acceptable(entry, text, tokens, i, j))
                {
                    best = entry;
                    bestEnd = j + 1;
                }
                else if (len > 4 && buffer[len - 1] == 's' && _lookup.TryGetValue(buffer[..(len - 1)], out var singular)
                         && singular.Kind == "country" && Acceptable(singular, text, tokens, i, j))
                {
                    // Plural demonyms the dictionaries list only in the singular ("Albanians").
                    best = singular;
                    bestEnd = j + 1;
                }
            }
            if (best is null && i > first && TitledSurname(text, tokens, i) is { } person)
            {
                best = person;
                bestEnd = i + 1;
            }
            if (best is not null)
            {
                result.Add(new ActorMatch(i, bestEnd, best));
                i = bestEnd;
            }
            else
            {
                i++;
            }
        }
        return result;
    }

    private ActorEntry? TitledSurname(ReadOnlySpan<char> text, Sitrep.Text.TokenData[] tokens, int i)
    {
        var tok = text[tokens[i].Start..tokens[i].End];
        var prev = text[tokens[i - 1].Start..tokens[i - 1].End].TrimEnd('.');
        if (tok.Length < 4 || !char.IsUpper(tok[0]) || tok.Length > 64 || !Titles.GetAlternateLookup<ReadOnlySpan<char>>().Contains(prev))
        {
            return null;
        }
        Span<char> lower = stackalloc char[tok.Length];
        tok.ToLowerInvariant(lower);
        return _surnameLookup.TryGetValue(lower, out var entry) ? entry : null;
    }

    private static bool StartsWord(ReadOnlySpan<char> tok) => tok.Length > 0 && char.IsLetterOrDigit(tok[0]);

    private static bool IsJoiner(ReadOnlySpan<char> tok) => tok is "-" or "." or "&" or "'" or "’";

    private static bool AppendKey(ReadOnlySpan<char> tok, Span<char> buffer, ref int len, ref int words)
    {
        if (tok is "'s" or "’s" or "'S")
        {
            // A possessive inside a name ("Democratic People's Republic"): the word "s".
            if (len + 2 >= buffer.Length || len == 0)
            {
                return false;
            }
            buffer[len++] = ' ';
            buffer[len++] = 's';
            words++;
            return true;
        }
        if (!char.IsLetterOrDigit(tok[0]) && !char.IsLetterOrDigit(tok[^1]))
        {
            return false;
        }
        if (len + tok.Length + 1 >= buffer.Length)
        {
            return false;
        }
        if (len > 0)
        {
            buffer[len++] = ' ';
        }
        var start = len;
        foreach (var ch in tok)
        {
            if (char.IsLetterOrDigit(ch))
            {
                buffer[len++] = char.ToLowerInvariant(ch);
            }
            else if (ch is '-' or '\'' or '’' && len > start && buffer[len - 1] != ' ')
            {
                buffer[len++] = ' ';
                words++;
            }
        }
        if (len > start && buffer[len - 1] == ' ')
        {
            len--;
        }
        words++;
        return true;
    }

    /// <summary>
    /// Proper names must be capitalised in the text, and names of three letters or fewer must
    /// be all capitals ("US" is a country, "us" is not); agents are common nouns and match in
    /// any case.
    /// </summary>
    // Arabic article and patronymic particles are written in lower case inside names ("al-Qaeda",
    // "el-Sisi", "bin Laden"); the name is still capitalised after them.
    private static bool IsNameParticle(ReadOnlySpan<char> tok) => tok is "al" or "el" or "ad" or "ar" or "as" or "ash" or "at" or "az" or "an" or "bin" or "ibn";

    private static bool LaterWordCapitalised(ReadOnlySpan<char> text, Sitrep.Text.TokenData[] tokens, int i, int j)
    {
        for (var k = i + 1; k <= j; k++)
        {
            var tok = text[tokens[k].Start..tokens[k].End];
            if (tok.Length > 0 && char.IsLetter(tok[0]))
            {
                return char.IsUpper(tok[0]);
            }
        }
        return false;
    }

    private static bool Acceptable(ActorEntry entry, ReadOnlySpan<char> text, Sitrep.Text.TokenData[] tokens, int i, int j)
    {
        if (entry.IsAgent)
        {
            return true;
        }
        var firstTok = text[tokens[i].Start..tokens[i].End];
        var lettersTotal = 0;
        for (var k = i; k <= j; k++)
        {
            foreach (var ch in text[tokens[k].Start..tokens[k].End])
            {
                if (char.IsLetter(ch))
                {
                    lettersTotal++;
                }
            }
        }
        if (!char.IsUpper(firstTok[0]) && !char.IsDigit(firstTok[0]) && !(IsNameParticle(firstTok) && LaterWordCapitalised(text, tokens, i, j)))
        {
            return false;
        }
        if (lettersTotal <= 3)
        {
            for (var k = i; k <= j; k++)
            {
                foreach (var ch in text[tokens[k].Start..tokens[k].End])
                {
                    if (char.IsLetter(ch) && !char.IsUpper(ch))
                    {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}

/// <summary>A dictionary name found in the text: tokens [Start, End) and the entry.</summary>
public readonly record struct ActorMatch(int Start, int End, ActorEntry Entry);
