namespace Sitrep.Syntax;

/// <summary>
/// Lemmas and morphological features. A lexicon learnt from the treebanks maps (form, XPOS) to
/// (lemma, feats); words it lacks get a lemma from suffix edit rules ("-ed" after VBD → strip 2,
/// "-ies" NNS → "y") keyed by XPOS and the longest known suffix, and the features most often
/// seen with their tag. The lexicon keeps only entries the rules and defaults get wrong.
/// </summary>
internal sealed class Lemmatizer
{
    public const int MaxSuffix = 6;
    private readonly Dictionary<ulong, (string Lemma, string Feats)> _lexicon;
    private readonly Dictionary<ulong, (int Strip, string Append)> _rules;
    private readonly Dictionary<string, string> _defaultFeats;
    private readonly Dictionary<(string Xpos, string Upos), string> _featsByTag = new();
    private readonly List<LexEntry> _entries;
    private readonly List<RuleEntry> _ruleEntries;

    public sealed record LexEntry(string Form, string Xpos, string Lemma, string Feats);
    public sealed record RuleEntry(string Xpos, string Suffix, int Strip, string Append);

    public Lemmatizer(List<LexEntry> entries, List<RuleEntry> rules, Dictionary<string, string> defaultFeats)
    {
        _entries = entries;
        _ruleEntries = rules;
        _defaultFeats = defaultFeats;
        _lexicon = new Dictionary<ulong, (string, string)>(entries.Count);
        foreach (var e in entries)
        {
            _lexicon[Key(e.Form, e.Xpos)] = (string.Intern(e.Lemma), string.Intern(e.Feats));
        }
        foreach (var (tag, feats) in defaultFeats)
        {
            var bar = tag.IndexOf('|');
            _featsByTag[(tag[..bar], tag[(bar + 1)..])] = string.Intern(feats);
        }
        _rules = new Dictionary<ulong, (int, string)>(rules.Count);
        foreach (var r in rules)
        {
            _rules[RuleKey(r.Xpos, r.Suffix)] = (r.Strip, string.Intern(r.Append));
        }
    }

    private static ulong Key(ReadOnlySpan<char> form, string xpos) => Hashing.F(1, Hashing.Of(form), Hashing.Of(xpos));

    private static ulong RuleKey(string xpos, ReadOnlySpan<char> suffix) => Hashing.F(2, Hashing.Of(suffix), Hashing.Of(xpos));

    /// <summary>Proper nouns keep their case; everything else is lemmatised lowercased, as UD English does.</summary>
    public static bool KeepsCase(string xpos) => xpos is "NNP" or "NNPS";

    public (string Lemma, string Feats) Lookup(ReadOnlySpan<char> form, string xpos, string upos)
    {
        if (_lexicon.TryGetValue(Key(form, xpos), out var hit))
        {
            return hit;
        }
        var feats = _featsByTag.GetValueOrDefault((xpos, upos)) ?? "_";
        Span<char> lower = stackalloc char[Math.Min(form.Length, 256)];
        scoped ReadOnlySpan<char> w = form[..lower.Length];
        if (!KeepsCase(xpos))
        {
            w.ToLowerInvariant(lower);
            w = lower;
            if (_lexicon.TryGetValue(Key(w, xpos), out hit))
            {
                return hit;
            }
        }
        return (ApplyRules(w, xpos), feats);
    }

    public string ApplyRules(ReadOnlySpan<char> w, string xpos)
    {
        for (var k = Math.Min(MaxSuffix, w.Length); k >= 0; k--)
        {
            if (_rules.TryGetValue(RuleKey(xpos, w[^k..]), out var rule) && rule.Strip <= w.Length)
            {
                return rule.Strip == 0 && rule.Append.Length == 0 ? new string(w) : string.Concat(w[..^rule.Strip], rule.Append);
            }
        }
        return new string(w);
    }

    public void Write(BinaryWriter output)
    {
        output.Write(_entries.Count);
        foreach (var e in _entries)
        {
            output.Write(e.Form);
            output.Write(e.Xpos);
            output.Write(e.Lemma);
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
    }

    public static Lemmatizer Read(BinaryReader input)
    {
        var entries = new List<LexEntry>();
        var n = input.ReadInt32();
        for (var i = 0; i < n; i++)
        {
            entries.Add(new LexEntry(input.ReadString(), input.ReadString(), input.ReadString(), input.ReadString()));
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
        return new Lemmatizer(entries, rules, feats);
    }

    /// <summary>Learns rules, default features and the exception lexicon from gold sentences.</summary>
    public static Lemmatizer Train(IEnumerable<UdSentence> sentences)
    {
        var pairs = new Dictionary<(string Form, string Xpos), Dictionary<(string Lemma, string Feats), int>>();
        var featsByTag = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var s in sentences)
        {
            for (var i = 0; i < s.Length; i++)
            {
                var key = (s.Forms[i], s.Xpos[i]);
                if (!pairs.TryGetValue(key, out var counts))
                {
                    pairs[key] = counts = new();
                }
                counts[(s.Lemmas[i], s.Feats[i])] = counts.GetValueOrDefault((s.Lemmas[i], s.Feats[i])) + 1;
                var tag = s.Xpos[i] + "|" + s.Upos[i];
                if (!featsByTag.TryGetValue(tag, out var fc))
                {
                    featsByTag[tag] = fc = new(StringComparer.Ordinal);
                }
                fc[s.Feats[i]] = fc.GetValueOrDefault(s.Feats[i]) + 1;
            }
        }
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (tag, fc) in featsByTag)
        {
            defaults[tag] = fc.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;
        }

        // Rules: for every (xpos, suffix) the most frequent edit script over word types.
        var scripts = new Dictionary<(string Xpos, string Suffix), Dictionary<(int, string), int>>();
        var best = new List<(string Form, string Xpos, string Lemma, string Feats)>();
        foreach (var ((form, xpos), counts) in pairs.OrderBy(p => p.Key.Form, StringComparer.Ordinal).ThenBy(p => p.Key.Xpos, StringComparer.Ordinal))
        {
            var top = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Lemma, StringComparer.Ordinal).First().Key;
            best.Add((form, xpos, top.Lemma, top.Feats));
            var w = KeepsCase(xpos) ? form : form.ToLowerInvariant();
            var lemma = top.Lemma;
            var common = 0;
            while (common < w.Length && common < lemma.Length && w[common] == lemma[common])
            {
                common++;
            }
            var script = (w.Length - common, lemma[common..]);
            for (var k = 0; k <= Math.Min(MaxSuffix, w.Length); k++)
            {
                if (k < script.Item1)
                {
                    continue;
                }
                var sk = (xpos, w[^k..]);
                if (!scripts.TryGetValue(sk, out var sc))
                {
                    scripts[sk] = sc = new();
                }
                sc[script] = sc.GetValueOrDefault(script) + 1;
            }
        }
        var rules = new List<RuleEntry>();
        foreach (var ((xpos, suffix), sc) in scripts.OrderBy(p => p.Key.Xpos, StringComparer.Ordinal).ThenBy(p => p.Key.Suffix, StringComparer.Ordinal))
        {
            var top = sc.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2, StringComparer.Ordinal).First();
            // Long suffixes need support from several words, or they just memorise one word.
            if (suffix.Length >= 3 && top.Value < 2)
            {
                continue;
            }
            rules.Add(new RuleEntry(xpos, suffix, top.Key.Item1, top.Key.Item2));
        }
        var partial = new Lemmatizer([], rules, defaults);
        var entries = new List<LexEntry>();
        foreach (var (form, xpos, lemma, feats) in best)
        {
            // Lookup order: exact form, lowercased form, rules; keep an entry only when it changes the answer.
            var w = KeepsCase(xpos) ? form : form.ToLowerInvariant();
            var upos = featsByTag.Keys.FirstOrDefault(t => t.StartsWith(xpos + "|", StringComparison.Ordinal))?[(xpos.Length + 1)..] ?? "X";
            var ruleLemma = partial.ApplyRules(w, xpos);
            var defFeats = defaults.GetValueOrDefault(xpos + "|" + upos) ?? "_";
            if (ruleLemma != lemma || defFeats != feats)
            {
                entries.Add(new LexEntry(form, xpos, lemma, feats));
            }
        }
        return new Lemmatizer(entries, rules, defaults);
    }
}
