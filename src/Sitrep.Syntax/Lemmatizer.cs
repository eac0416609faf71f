namespace Sitrep.Syntax;

/// <summary>
/// Lemmas and morphological features, learnt from UD English treebanks. The lexicon maps
/// (form, XPOS) to (lemma, feats) for every pair seen in training; unseen pairs go through learnt
/// backoffs (a word seen only with other tags, lowercased proper nouns, digit-group commas) and
/// finally suffix edit rules ("-ed" after VBD → strip 2, "-ies" NNS → "y") keyed by XPOS and the
/// longest known suffix, preferring a rule whose output is a lemma seen in training.
/// </summary>
internal sealed class Lemmatizer
{
    public const int MaxSuffix = 6;
    private const int MaxScripts = 3;

    /// <summary>Written first; files of the first format started with a (positive) entry count.</summary>
    private const int FormatVersion = -3;

    /// <summary>
    /// EWT and GUM disagree on some lemmas (people: people vs person, United: United vs Unite);
    /// EWT's counts weigh more so the output follows one convention, the one EWT evaluation uses.
    /// </summary>
    private const int PrimaryWeight = 3;
    private const string SecondaryDocPrefix = "GUM_";

    private readonly Dictionary<ulong, string> _lexicon;
    /// <summary>(exact form, XPOS, UPOS) → features, where they differ from the tag's usual ones.</summary>
    private readonly Dictionary<ulong, string> _feats;
    /// <summary>(XPOS, suffix) → edit scripts, most frequent first.</summary>
    private readonly Dictionary<ulong, List<(int Strip, string Append)>> _rules;
    private readonly Dictionary<string, string> _defaultFeats;
    private readonly Dictionary<(string Xpos, string Upos), string> _featsByTag = new();
    private readonly HashSet<string> _keepCase;
    private readonly HashSet<string> _groupCommaTags;
    /// <summary>Tags whose always-capitalised training words keep their case in the lemma (JJ: American → American).</summary>
    private readonly HashSet<string> _capitalisedKeepCase;
    /// <summary>Lowercased lemmas seen in training: evidence that a rule's output is a real word.</summary>
    private readonly HashSet<ulong> _knownLemmas = new();
    /// <summary>Lowercased form → the tags it took in training (non-proper tags only).</summary>
    private readonly Dictionary<ulong, List<string>> _formTags = new();
    /// <summary>(lowercased form, first two letters of XPOS) or (lowercased form, "") → most frequent lemma.</summary>
    private readonly Dictionary<ulong, (string Lemma, int Count)> _backoff = new();
    /// <summary>(lowercased form, NNP/NNPS) → the cased lemma of that proper noun ("mexico" → Mexico).</summary>
    private readonly Dictionary<ulong, (string Lemma, int Count)> _proper = new();
    private readonly List<LexEntry> _entries;
    private readonly List<FeatEntry> _featEntries;
    private readonly List<RuleEntry> _ruleEntries;

    /// <summary>A training (form, XPOS) pair: form lowercased unless the tag keeps case; Count is the weighted frequency.</summary>
    public sealed record LexEntry(string Form, string Xpos, string Lemma, int Count);
    public sealed record FeatEntry(string Form, string Xpos, string Upos, string Feats);
    public sealed record RuleEntry(string Xpos, string Suffix, int Strip, string Append);

    public Lemmatizer(List<LexEntry> entries, List<FeatEntry> featEntries, List<RuleEntry> rules, Dictionary<string, string> defaultFeats, HashSet<string> keepCase, HashSet<string> groupCommaTags,
        HashSet<string> capitalisedKeepCase)
    {
        _entries = entries;
        _featEntries = featEntries;
        _feats = new Dictionary<ulong, string>(featEntries.Count);
        foreach (var e in featEntries)
        {
            _feats[FeatKey(e.Form, e.Xpos, e.Upos)] = string.Intern(e.Feats);
        }
        _ruleEntries = rules;
        _defaultFeats = defaultFeats;
        _keepCase = keepCase;
        _groupCommaTags = groupCommaTags;
        _capitalisedKeepCase = capitalisedKeepCase;
        _lexicon = new Dictionary<ulong, string>(entries.Count);
        foreach (var e in entries)
        {
            var lemma = string.Intern(e.Lemma);
            _lexicon[Key(e.Form, e.Xpos)] = lemma;
            _knownLemmas.Add(Hashing.OfLower(lemma));
            var lower = e.Form.ToLowerInvariant();
            if (KeepsCase(e.Xpos))
            {
                if (e.Xpos is "NNP" or "NNPS")
                {
                    Better(_proper, Key(lower, e.Xpos), lemma, e.Count);
                }
                continue;
            }
            var formKey = Hashing.Of(lower);
            if (!_formTags.TryGetValue(formKey, out var tags))
            {
                _formTags[formKey] = tags = [];
            }
            tags.Add(e.Xpos);
            Better(_backoff, Key(lower, e.Xpos[..Math.Min(2, e.Xpos.Length)]), lemma, e.Count);
            Better(_backoff, Key(lower, ""), lemma, e.Count);
        }
        foreach (var (tag, feats) in defaultFeats)
        {
            var bar = tag.IndexOf('|');
            _featsByTag[(tag[..bar], tag[(bar + 1)..])] = string.Intern(feats);
        }
        _rules = new Dictionary<ulong, List<(int, string)>>(rules.Count);
        foreach (var r in rules)
        {
            var key = RuleKey(r.Xpos, r.Suffix);
            if (!_rules.TryGetValue(key, out var scripts))
            {
                _rules[key] = scripts = new(1);
            }
            scripts.Add((r.Strip, string.Intern(r.Append)));
        }
    }

    // Entries arrive in a fixed order, so ties keep the first: deterministic.
    private static void Better(Dictionary<ulong, (string Lemma, int Count)> map, ulong key, string lemma, int count)
    {
        if (!map.TryGetValue(key, out var old) || count > old.Count)
        {
            map[key] = (lemma, count);
        }
    }

    private static ulong Key(ReadOnlySpan<char> form, string xpos) => Hashing.F(1, Hashing.Of(form), Hashing.Of(xpos));

    private static ulong FeatKey(ReadOnlySpan<char> form, string xpos, string upos) => Hashing.F(3, Hashing.Of(form), Hashing.Of(xpos), Hashing.Of(upos));

    private static ulong RuleKey(string xpos, ReadOnlySpan<char> suffix) => Hashing.F(2, Hashing.Of(suffix), Hashing.Of(xpos));

    /// <summary>Tags whose lemmas keep the form's case (proper nouns, addresses, foreign words), learnt from training.</summary>
    public bool KeepsCase(string xpos) => _keepCase.Contains(xpos);

    public (string Lemma, string Feats) Lookup(ReadOnlySpan<char> form, string xpos, string upos)
    {
        var keep = KeepsCase(xpos);
        Span<char> buffer = stackalloc char[Math.Min(form.Length, 256)];
        var lower = buffer[..form[..buffer.Length].ToLowerInvariant(buffer)];
        var cased = form[..buffer.Length];
        var w = keep ? cased : lower;
        // Features depend on case ("Go" starting a sentence is imperative) and UPOS ("that" DET vs PRON).
        var feats = _feats.GetValueOrDefault(FeatKey(form, xpos, upos)) ?? _featsByTag.GetValueOrDefault((xpos, upos)) ?? "_";
        return (_lexicon.TryGetValue(Key(w, xpos), out var hit) ? hit : Unseen(cased, w, lower, xpos, keep), feats);
    }

    /// <summary>The lemma of a (form, tag) pair training never saw.</summary>
    private string Unseen(ReadOnlySpan<char> cased, ReadOnlySpan<char> w, ReadOnlySpan<char> lower, string xpos, bool keep)
    {
        if (_groupCommaTags.Contains(xpos) && IsDigitGroups(w))
        {
            return w.ToString().Replace(",", "", StringComparison.Ordinal);
        }
        var formKey = Hashing.Of(lower);
        var commonWord = _formTags.TryGetValue(formKey, out var tags);
        if (!keep && !commonWord && cased.Length > 0 && char.IsUpper(cased[0]) && _capitalisedKeepCase.Contains(xpos))
        {
            // A capitalised word training never saw, tagged like the always-capitalised words
            // whose lemmas keep their case there ("Baloch passengers" as "Iraqi forces").
            return ApplyRules(cased, xpos);
        }
        if (keep)
        {
            // "mexico" tagged NNP: the proper noun's usual spelling, unless the word is also a common noun ("lake").
            if (!commonWord && w.SequenceEqual(lower) && _proper.TryGetValue(Key(lower, xpos), out var proper))
            {
                return proper.Lemma;
            }
        }
        else if (commonWord && BackoffFamily(tags!, xpos) is { } family)
        {
            // A known word with a tag it never took is more likely mistagged than a new use:
            // take its lemma under the nearest tag (same two-letter family, else any).
            return _backoff.TryGetValue(Key(lower, family), out var b) ? b.Lemma : _backoff[Key(lower, "")].Lemma;
        }
        return ApplyRules(w, xpos);
    }

    /// <summary>The tag family to back off to, or null to use the rules for the predicted tag.</summary>
    private static string? BackoffFamily(List<string> tags, string xpos)
    {
        var family = xpos[..Math.Min(2, xpos.Length)];
        var sameFamily = false;
        foreach (var t in tags)
        {
            if (t == xpos)
            {
                return null;
            }
            sameFamily |= t.StartsWith(family, StringComparison.Ordinal);
        }
        // A verb tag on a word only seen as noun or adjective ("shouting", "voting") is as often a
        // new verb use as a tagging error; the verb rules do better there.
        return !sameFamily && xpos.StartsWith("VB", StringComparison.Ordinal) ? null : family;
    }

    private static bool IsDigitGroups(ReadOnlySpan<char> w)
    {
        // 1,100 / 300,000 / 12,500.75: UD lemmas drop the thousands separators.
        var firstComma = w.IndexOf(',');
        if (firstComma is < 1 or > 3)
        {
            return false;
        }
        var end = w.IndexOf('.');
        var digits = end < 0 ? w : w[..end];
        for (var i = 0; i < digits.Length; i++)
        {
            var inGroupSlot = i >= firstComma && (i - firstComma) % 4 == 0;
            if (inGroupSlot ? digits[i] != ',' : !char.IsAsciiDigit(digits[i]))
            {
                return false;
            }
        }
        if ((digits.Length - firstComma) % 4 != 0)
        {
            return false;
        }
        foreach (var c in end < 0 ? [] : w[(end + 1)..])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The top script of the longest known suffix; when its output is not a lemma seen in training
    /// ("provok", "brav"), the first script, by suffix length then frequency, whose output is
    /// ("provoke", "brave"). A word the top script leaves unchanged stays unchanged.
    /// </summary>
    private string ApplyRules(ReadOnlySpan<char> w, string xpos)
    {
        (int Strip, string Append)? first = null;
        for (var k = Math.Min(MaxSuffix, w.Length); k >= 0; k--)
        {
            if (!_rules.TryGetValue(RuleKey(xpos, w[^k..]), out var scripts))
            {
                continue;
            }
            foreach (var (strip, append) in scripts)
            {
                if (strip > w.Length)
                {
                    continue;
                }
                var stem = w[..^strip];
                if (first is null && strip == 0 && append.Length == 0)
                {
                    return new string(w);
                }
                if (IsKnown(stem, append))
                {
                    return string.Concat(stem, append);
                }
                first ??= (strip, append);
            }
        }
        return first is var (s, a) ? string.Concat(w[..^s], a) : new string(w);
    }

    private bool IsKnown(ReadOnlySpan<char> stem, string append)
    {
        Span<char> buffer = stackalloc char[Math.Min(stem.Length + append.Length, 256)];
        if (stem.Length + append.Length > buffer.Length)
        {
            return false;
        }
        stem.ToLowerInvariant(buffer);
        append.AsSpan().ToLowerInvariant(buffer[stem.Length..]);
        return _knownLemmas.Contains(Hashing.Of(buffer));
    }

    public void Write(BinaryWriter output)
    {
        output.Write(FormatVersion);
        output.Write(_entries.Count);
        foreach (var e in _entries)
        {
            output.Write(e.Form);
            output.Write(e.Xpos);
            output.Write(e.Lemma);
            output.Write(e.Count);
        }
        output.Write(_featEntries.Count);
        foreach (var e in _featEntries)
        {
            output.Write(e.Form);
            output.Write(e.Xpos);
            output.Write(e.Upos);
            output.Write(e.Feats);
        }
        output.Write(_ruleEntries.Count);
        foreach (var r in _ruleEntries)
        {
            output.Write(r.Xpos);
            output.Write(r.Suffix);
            output.Write(r.Strip);
            output.Write(r.Append);
        }
        output.Write(_defaultFeats.Count);
        foreach (var (k, v) in _defaultFeats.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.Write(k);
            output.Write(v);
        }
        WriteSet(output, _keepCase);
        WriteSet(output, _groupCommaTags);
        WriteSet(output, _capitalisedKeepCase);
    }

    private static void WriteSet(BinaryWriter output, HashSet<string> set)
    {
        output.Write(set.Count);
        foreach (var s in set.Order(StringComparer.Ordinal))
        {
            output.Write(s);
        }
    }

    private static HashSet<string> ReadSet(BinaryReader input)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var n = input.ReadInt32();
        for (var i = 0; i < n; i++)
        {
            set.Add(string.Intern(input.ReadString()));
        }
        return set;
    }

    public static Lemmatizer Read(BinaryReader input)
    {
        var version = input.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"lemmatizer.bin: format {(version >= 0 ? "1" : -version)} is not the supported format {-FormatVersion}; rebuild it with `sitrep train syntax --lemmatizer-only`");
        }
        var n = input.ReadInt32();
        var entries = new List<LexEntry>(n);
        for (var i = 0; i < n; i++)
        {
            entries.Add(new LexEntry(string.Intern(input.ReadString()), string.Intern(input.ReadString()), input.ReadString(), input.ReadInt32()));
        }
        n = input.ReadInt32();
        var featEntries = new List<FeatEntry>(n);
        for (var i = 0; i < n; i++)
        {
            featEntries.Add(new FeatEntry(input.ReadString(), input.ReadString(), input.ReadString(), input.ReadString()));
        }
        var rules = new List<RuleEntry>();
        n = input.ReadInt32();
        for (var i = 0; i < n; i++)
        {
            rules.Add(new RuleEntry(input.ReadString(), input.ReadString(), input.ReadInt32(), input.ReadString()));
        }
        var feats = new Dictionary<string, string>(StringComparer.Ordinal);
        n = input.ReadInt32();
        for (var i = 0; i < n; i++)
        {
            feats[input.ReadString()] = string.Intern(input.ReadString());
        }
        var keepCase = ReadSet(input);
        var groupCommaTags = ReadSet(input);
        return new Lemmatizer(entries, featEntries, rules, feats, keepCase, groupCommaTags, ReadSet(input));
    }

    /// <summary>Learns the lexicon, case and number conventions, rules and default features from gold sentences.</summary>
    public static Lemmatizer Train(IEnumerable<UdSentence> sentences)
    {
        var data = sentences as IReadOnlyList<UdSentence> ?? sentences.ToList();
        var keepCase = LearnKeepCase(data);
        var lemmaCounts = new Dictionary<(string Form, string Xpos), Dictionary<string, int>>();
        var featCounts = new Dictionary<(string Form, string Xpos, string Upos), Dictionary<string, int>>();
        var featsByTag = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var groupCommas = new Dictionary<string, (int Dropped, int Kept)>(StringComparer.Ordinal);
        foreach (var s in data)
        {
            var weight = s.DocId?.StartsWith(SecondaryDocPrefix, StringComparison.Ordinal) == true ? 1 : PrimaryWeight;
            for (var i = 0; i < s.Length; i++)
            {
                var (form, xpos, lemma) = (s.Forms[i], s.Xpos[i], s.Lemmas[i]);
                var key = (keepCase.Contains(xpos) ? form : form.ToLowerInvariant(), xpos);
                Add(lemmaCounts, key, lemma, weight);
                Add(featCounts, (form, xpos, s.Upos[i]), s.Feats[i], 1);
                Add(featsByTag, xpos + "|" + s.Upos[i], s.Feats[i], 1);
                if (IsDigitGroups(form))
                {
                    var c = groupCommas.GetValueOrDefault(xpos);
                    groupCommas[xpos] = lemma == form.Replace(",", "", StringComparison.Ordinal) ? (c.Dropped + 1, c.Kept) : (c.Dropped, c.Kept + 1);
                }
            }
        }
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (tag, fc) in featsByTag)
        {
            defaults[tag] = Top(fc);
        }
        var groupCommaTags = groupCommas.Where(p => p.Value.Dropped > p.Value.Kept).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

        // Rules: for every (xpos, suffix) the most frequent edit script over word types.
        var scripts = new Dictionary<(string Xpos, string Suffix), Dictionary<(int, string), int>>();
        var entries = new List<LexEntry>();
        foreach (var ((w, xpos), counts) in lemmaCounts.OrderBy(p => p.Key.Form, StringComparer.Ordinal).ThenBy(p => p.Key.Xpos, StringComparer.Ordinal))
        {
            var lemma = Top(counts);
            entries.Add(new LexEntry(w, xpos, lemma, counts.Values.Sum()));
            var common = 0;
            while (common < w.Length && common < lemma.Length && w[common] == lemma[common])
            {
                common++;
            }
            var script = (w.Length - common, lemma[common..]);
            for (var k = script.Item1; k <= Math.Min(MaxSuffix, w.Length); k++)
            {
                Add(scripts, (xpos, w[^k..]), script, 1);
            }
        }
        var rules = new List<RuleEntry>();
        foreach (var ((xpos, suffix), sc) in scripts.OrderBy(p => p.Key.Xpos, StringComparer.Ordinal).ThenBy(p => p.Key.Suffix, StringComparer.Ordinal))
        {
            // The top script, plus runners-up the known-lemma check may prefer. Long suffixes need
            // support from several words, or they just memorise one word; so do runners-up.
            var ranked = sc.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2, StringComparer.Ordinal).Take(MaxScripts).ToList();
            for (var r = 0; r < ranked.Count; r++)
            {
                if ((r > 0 || suffix.Length >= 3) && ranked[r].Value < 2)
                {
                    break;
                }
                rules.Add(new RuleEntry(xpos, suffix, ranked[r].Key.Item1, ranked[r].Key.Item2));
            }
        }
        var featEntries = new List<FeatEntry>();
        foreach (var ((form, xpos, upos), fc) in featCounts.OrderBy(p => p.Key.Form, StringComparer.Ordinal).ThenBy(p => p.Key.Xpos, StringComparer.Ordinal).ThenBy(p => p.Key.Upos, StringComparer.Ordinal))
        {
            var feats = Top(fc);
            if (feats != defaults[xpos + "|" + upos])
            {
                featEntries.Add(new FeatEntry(form, xpos, upos, feats));
            }
        }
        return new Lemmatizer(entries, featEntries, rules, defaults, keepCase, groupCommaTags, LearnCapitalisedKeepCase(data, keepCase));
    }

    /// <summary>
    /// Tags whose lemmas keep the form's case: over (form, tag) types with an uppercase letter,
    /// the lemma equals the form more often than its lowercase (NNP "Kyiv" → Kyiv, NN "Rebels" → rebel).
    /// </summary>
    private static HashSet<string> LearnKeepCase(IReadOnlyList<UdSentence> data)
    {
        var seen = new HashSet<(string, string)>();
        var votes = new Dictionary<string, (int Same, int Lower)>(StringComparer.Ordinal);
        foreach (var s in data)
        {
            for (var i = 0; i < s.Length; i++)
            {
                var form = s.Forms[i];
                var lower = form.ToLowerInvariant();
                if (lower == form || !seen.Add((form, s.Xpos[i])))
                {
                    continue;
                }
                var v = votes.GetValueOrDefault(s.Xpos[i]);
                votes[s.Xpos[i]] = s.Lemmas[i] == form ? (v.Same + 1, v.Lower) : s.Lemmas[i] == lower ? (v.Same, v.Lower + 1) : v;
            }
        }
        return votes.Where(p => p.Value.Same > p.Value.Lower).Select(p => string.Intern(p.Key)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Tags (other than the case-keeping ones) whose words that training only ever saw capitalised
    /// keep that case in their lemmas more often than not, by (form, tag) type.
    /// </summary>
    private static HashSet<string> LearnCapitalisedKeepCase(IReadOnlyList<UdSentence> data, HashSet<string> keepCase)
    {
        var seenLowercase = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in data)
        {
            foreach (var form in s.Forms)
            {
                if (form.Length > 0 && !char.IsUpper(form[0]))
                {
                    seenLowercase.Add(form.ToLowerInvariant());
                }
            }
        }
        var seen = new HashSet<(string, string)>();
        var votes = new Dictionary<string, (int Same, int Lower)>(StringComparer.Ordinal);
        foreach (var s in data)
        {
            for (var i = 0; i < s.Length; i++)
            {
                var (form, xpos) = (s.Forms[i], s.Xpos[i]);
                if (keepCase.Contains(xpos) || form.Length == 0 || !char.IsUpper(form[0]) || seenLowercase.Contains(form.ToLowerInvariant()) || !seen.Add((form, xpos)))
                {
                    continue;
                }
                var v = votes.GetValueOrDefault(xpos);
                votes[xpos] = s.Lemmas[i] == form ? (v.Same + 1, v.Lower) : s.Lemmas[i] == form.ToLowerInvariant() ? (v.Same, v.Lower + 1) : v;
            }
        }
        return votes.Where(p => p.Value.Same > p.Value.Lower).Select(p => string.Intern(p.Key)).ToHashSet(StringComparer.Ordinal);
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, Dictionary<TValue, int>> counts, TKey key, TValue value, int weight)
        where TKey : notnull where TValue : notnull
    {
        if (!counts.TryGetValue(key, out var c))
        {
            counts[key] = c = new();
        }
        c[value] = c.GetValueOrDefault(value) + weight;
    }

    private static string Top(Dictionary<string, int> counts) =>
        counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;
}
