namespace Sitrep.Coding;

/// <summary>
/// One event pattern: a trigger lemma (verb or noun), groups of words that must all occur among
/// the trigger's dependents, and the CAMEO code (null for "---": explicitly not an event).
/// </summary>
public sealed class EventRule
{
    public required char Kind { get; init; }
    public required string Lemma { get; init; }
    /// <summary>Each group is a list of alternatives; an alternative is a list of words that must all occur.</summary>
    public required IReadOnlyList<IReadOnlyList<string[]>> Groups { get; init; }
    public required string? Code { get; init; }
    public required string Entry { get; init; }
    public required string Text { get; init; }
    public int Order { get; init; }

    public int Specificity
    {
        get
        {
            var n = 0;
            foreach (var g in Groups)
            {
                var min = int.MaxValue;
                foreach (var alt in g)
                {
                    min = Math.Min(min, alt.Length);
                }
                n += min;
            }
            return n;
        }
    }
}

/// <summary>
/// Verb and noun event dictionaries in Sitrep's text format (see docs/coding.md):
/// <code>
/// &amp;MILITARY = army | troops | soldier
/// V slam => 111
/// V call up + &amp;MILITARY => 154
/// V launch + invasion => 190
/// N protest => 141
/// </code>
/// Lines are keyed by kind, lemma and dependent words: a later line with the same key (for
/// example in a user dictionary) replaces the earlier one.
/// </summary>
public sealed class VerbDictionary
{
    private readonly Dictionary<string, List<EventRule>> _verbs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<EventRule>> _nouns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string[]>> _sets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal);
    private int _order;

    public int Count { get; private set; }

    public IReadOnlyList<EventRule> Verb(string lemma) => _verbs.TryGetValue(lemma, out var l) ? l : [];
    public IReadOnlyList<EventRule> Noun(string lemma) => _nouns.TryGetValue(lemma, out var l) ? l : [];

    internal static VerbDictionary Load(IEnumerable<DictionaryFile> files, Ontology ontology, List<DictIssue> issues)
    {
        var d = new VerbDictionary();
        var list = files.Where(f => f.Kind == "verbs").ToList();
        // Sets first, from every file, so a pattern may use a set defined in any file.
        foreach (var f in list)
        {
            d.ReadSets(f, issues);
        }
        foreach (var f in list)
        {
            d.ReadRules(f, ontology, issues);
        }
        return d;
    }

    private void ReadSets(DictionaryFile file, List<DictIssue> issues)
    {
        foreach (var (n, raw) in file.Lines())
        {
            var line = Ontology.StripComment(raw);
            if (!line.StartsWith('&'))
            {
                continue;
            }
            var eq = line.IndexOf('=');
            var name = eq < 0 ? "" : line[1..eq].Trim();
            if (eq < 0 || name.Length == 0 || name.Contains(' '))
            {
                issues.Add(new DictIssue(file.Name, n, "a set is written '&NAME = word | two words | ...'"));
                continue;
            }
            var members = line[(eq + 1)..].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(m => m.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Norm).ToArray())
                .Where(m => m.Length > 0)
                .ToList();
            if (members.Count == 0)
            {
                issues.Add(new DictIssue(file.Name, n, $"set &{name} is empty"));
                continue;
            }
            _sets[name.ToUpperInvariant()] = members;
        }
    }

    private void ReadRules(DictionaryFile file, Ontology ontology, List<DictIssue> issues)
    {
        var shortName = Ontology.ShortName(file.Name);
        foreach (var (n, raw) in file.Lines())
        {
            var line = Ontology.StripComment(raw);
            if (line.Length == 0 || line.StartsWith('&'))
            {
                continue;
            }
            if (line.Length < 3 || line[0] is not ('V' or 'N') || line[1] != ' ')
            {
                issues.Add(new DictIssue(file.Name, n, "a rule starts with 'V ' (verb) or 'N ' (noun): 'V lemma [+ words]... => CODE'"));
                continue;
            }
            var arrow = line.IndexOf("=>", StringComparison.Ordinal);
            if (arrow < 0)
            {
                issues.Add(new DictIssue(file.Name, n, "missing '=> CODE'"));
                continue;
            }
            var codeText = line[(arrow + 2)..].Trim();
            string? code = codeText == "---" ? null : codeText;
            if (code is not null && ontology.Get(code) is null)
            {
                issues.Add(new DictIssue(file.Name, n, $"unknown CAMEO code '{codeText}' (see data/ontology/cameo.txt)"));
                continue;
            }
            var parts = line[2..arrow].Split('+', StringSplitOptions.TrimEntries);
            var trigger = parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (trigger.Length == 0)
            {
                issues.Add(new DictIssue(file.Name, n, "no trigger lemma"));
                continue;
            }
            var groups = new List<IReadOnlyList<string[]>>();
            var ok = true;
            // Extra trigger words ("call up") are required like a dependent group.
            if (trigger.Length > 1)
            {
                groups.Add([trigger[1..].Select(Norm).ToArray()]);
            }
            for (var p = 1; p < parts.Length && ok; p++)
            {
                if (parts[p].Length == 0)
                {
                    issues.Add(new DictIssue(file.Name, n, "empty '+' group"));
                    ok = false;
                    break;
                }
                foreach (var word in parts[p].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (word.StartsWith('&'))
                    {
                        if (!_sets.TryGetValue(word[1..].ToUpperInvariant(), out var set))
                        {
                            issues.Add(new DictIssue(file.Name, n, $"unknown set {word}"));
                            ok = false;
                            break;
                        }
                        groups.Add(set);
                    }
                    else
                    {
                        groups.Add([[Norm(word)]]);
                    }
                }
            }
            if (!ok)
            {
                continue;
            }
            var rule = new EventRule
            {
                Kind = line[0],
                Lemma = Norm(trigger[0]),
                Groups = groups,
                Code = code,
                Entry = $"{shortName}:{n}",
                Text = line,
                Order = _order++,
            };
            var index = rule.Kind == 'V' ? _verbs : _nouns;
            if (!index.TryGetValue(rule.Lemma, out var rules))
            {
                index[rule.Lemma] = rules = [];
            }
            var key = line[0] + " " + RuleKey(line[2..arrow]);
            if (_byKey.TryGetValue(key, out var existing))
            {
                rules[existing] = rule;
            }
            else
            {
                _byKey[key] = rules.Count;
                rules.Add(rule);
                Count++;
            }
        }
    }

    private static string RuleKey(string lhs) =>
        string.Join(' ', lhs.Split([' ', '+'], StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()));

    /// <summary>Normal form of a pattern or text word: lower case, simple plural stripped.</summary>
    public static string Norm(string word)
    {
        var w = word.ToLowerInvariant().Trim('_');
        if (w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal))
        {
            return w[..^3] + "y";
        }
        if (w.Length > 4 && (w.EndsWith("sses", StringComparison.Ordinal) || w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("shes", StringComparison.Ordinal)))
        {
            return w[..^2];
        }
        if (w.Length > 3 && w[^1] == 's' && w[^2] is not ('s' or 'u' or 'i'))
        {
            return w[..^1];
        }
        return w;
    }
}
