using System.Security.Cryptography;
using System.Text;
using Sitrep.Text;

namespace Sitrep.Coding;

/// <summary>
/// Codes PLOVER/CAMEO events from dependency-parsed sentences: finds triggers with the event
/// dictionaries (verb lemma plus dependents, or a nominal trigger), takes the source from the
/// subject (or passive agent) and the target from the object, indirect object or the right
/// prepositional phrase, follows control chains, coordination, relative clauses and reported
/// speech, and applies negation and modality (intent, threat, demand, future).
/// </summary>
public sealed class EventCoder : IDocComponent
{
    private static readonly HashSet<string> SayVerbs = new(StringComparer.Ordinal)
    {
        "say", "tell", "announce", "state", "claim", "report", "add", "declare", "insist", "note", "stress",
        "confirm", "assert", "conclude", "reiterate", "indicate", "explain", "write", "acknowledge", "argue",
        "allege", "maintain", "believe", "think", "contend", "suggest", "reply", "respond", "recall", "emphasize",
    };

    // Matrix verbs whose xcomp is an intended, not an accomplished, act ("plans to attack").
    private static readonly HashSet<string> IntentVerbs = new(StringComparer.Ordinal)
    {
        "plan", "intend", "want", "aim", "seek", "prepare", "decide", "hope", "expect", "vow", "pledge", "promise",
        "swear", "agree", "offer", "propose", "resolve", "undertake", "wish", "mean", "threaten", "go", "consider",
        "willing", "ready", "prepared", "determined", "eager", "committed", "set", "poised",
    };

    private static readonly HashSet<string> Temporal = new(StringComparer.OrdinalIgnoreCase)
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow", "tonight",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "week", "weekend", "month", "year", "day", "night", "morning", "evening", "afternoon",
    };

    private static readonly HashSet<string> RejectVerbs = new(StringComparer.Ordinal) { "refuse", "decline", "fail", "reject", "oppose" };

    private static readonly HashSet<string> DemandModals = new(StringComparer.Ordinal) { "must", "should", "ought" };
    private static readonly HashSet<string> FutureAux = new(StringComparer.Ordinal) { "will", "would", "shall", "'ll" };
    private static readonly HashSet<string> Negators = new(StringComparer.Ordinal) { "not", "n't", "never", "no" };

    // Prepositions that introduce a target, best first.
    private static readonly string[] TargetPreps = ["against", "on", "upon", "with", "to", "toward", "towards", "into", "at", "over", "from", "for", "in", "of"];

    private static readonly string[] OrgWords =
    [
        "party", "group", "union", "council", "committee", "front", "movement", "organization", "organisation", "association",
        "company", "corporation", "ministry", "agency", "bank", "court", "parliament", "assembly", "commission", "institute",
        "forum", "office", "department", "federation", "league", "network", "church", "university", "service", "congress",
    ];

    private static readonly string[] NgoWords = ["association", "forum", "foundation", "society", "institute", "federation", "committee", "league", "network", "watch"];

    private static readonly string[] ArmedWords = ["brigade", "brigades", "militia", "army", "rebels", "forces", "battalion", "jihad", "taliban", "guerrillas"];

    public Ontology Ontology { get; }
    public ActorDictionary Actors { get; }
    public VerbDictionary Rules { get; }
    public IReadOnlyList<DictIssue> Warnings { get; }

    public string Name => "coder";

    private EventCoder(Ontology ontology, ActorDictionary actors, VerbDictionary rules, IReadOnlyList<DictIssue> warnings)
    {
        Ontology = ontology;
        Actors = actors;
        Rules = rules;
        Warnings = warnings;
    }

    /// <summary>The coder with the shipped ontologies and dictionaries.</summary>
    public static EventCoder LoadDefault() => Load([]);

    /// <summary>
    /// The shipped dictionaries plus user dictionary directories (loaded in order; their
    /// entries add to or override the shipped ones). Throws <see cref="DictionaryException"/>
    /// listing every error with file:line.
    /// </summary>
    public static EventCoder Load(IEnumerable<string> userDictionaryDirs)
    {
        var files = DictionaryFile.BuiltIn().ToList();
        foreach (var dir in userDictionaryDirs)
        {
            files.AddRange(DictionaryFile.FromDirectory(dir));
        }
        var (coder, issues) = Check(files);
        if (coder is null)
        {
            throw new DictionaryException(issues);
        }
        return coder;
    }

    /// <summary>Loads and validates dictionary files; the coder is null when any error was found.</summary>
    public static (EventCoder? Coder, IReadOnlyList<DictIssue> Issues) Check(IReadOnlyList<DictionaryFile> files)
    {
        var issues = new List<DictIssue>();
        var ontology = Ontology.Load(files, issues);
        var actors = ActorDictionary.Load(files, issues);
        var rules = VerbDictionary.Load(files, ontology, issues);
        if (issues.Any(i => i.IsError))
        {
            return (null, issues);
        }
        return (new EventCoder(ontology, actors, rules, issues), issues);
    }

    void IDocComponent.Process(Doc doc) => Code(doc);

    public IReadOnlyList<CodedEvent> Code(Doc doc) => Code(doc, []);

    /// <summary>Codes the document; <paramref name="places"/> (from a gazetteer) add to the countries each sentence names.</summary>
    public IReadOnlyList<CodedEvent> Code(Doc doc, IReadOnlyList<NamedPlace> places)
    {
        var events = new List<CodedEvent>();
        if (!doc.IsParsed && doc.Tokens.Length > 0 && doc.Tokens[0].DepRel is null)
        {
            return events;
        }
        var ctx = new DocContext(this, doc, places);
        for (var s = 0; s < doc.Sentences.Length; s++)
        {
            ctx.CodeSentence(s, events);
        }
        return events;
    }

    /// <summary>Per-document state: child lists, dictionary matches and recent actors for pronouns.</summary>
    private sealed class DocContext
    {
        private readonly EventCoder _c;
        private readonly Doc _doc;
        private readonly TokenData[] _t;
        private readonly int[] _firstChild;
        private readonly int[] _nextSibling;
        private readonly int[] _matchOf;
        private readonly List<ActorMatch> _matches = [];
        private readonly DateOnly? _date;
        private ActorMention? _lastActor;
        private bool _lastActorPlural;
        private readonly Dictionary<int, Trigger> _triggers = [];
        /// <summary>The countries the sentence names (countries, demonyms, capitals, national groups, gazetteer places), in text order.</summary>
        private readonly List<(ActorMatch Match, string Country)> _sentenceCountries = [];
        private readonly IReadOnlyList<NamedPlace> _places;

        private sealed class Trigger
        {
            public required int Token;
            public required EventRule Rule;
            public required string Code { get; set; }
            public bool Consumed;
            public List<string> Why { get; } = [];
        }

        public DocContext(EventCoder c, Doc doc, IReadOnlyList<NamedPlace> places)
        {
            _c = c;
            _doc = doc;
            _places = places;
            _t = doc.Tokens;
            var n = _t.Length;
            _firstChild = new int[n];
            _nextSibling = new int[n];
            _matchOf = new int[n];
            Array.Fill(_firstChild, -1);
            Array.Fill(_nextSibling, -1);
            Array.Fill(_matchOf, -1);
            // Children in text order: link from the last token backwards.
            for (var i = n - 1; i >= 0; i--)
            {
                var h = _t[i].Head;
                if (h >= 0 && h < n && h != i)
                {
                    _nextSibling[i] = _firstChild[h];
                    _firstChild[h] = i;
                }
            }
            if (doc.Article.Published is { } p)
            {
                _date = DateOnly.FromDateTime(p.UtcDateTime);
            }
        }

        private string Rel(int i) => _t[i].DepRel ?? "";
        private string Lemma(int i) => (_t[i].Lemma ?? Text(i)).ToLowerInvariant();
        private string Text(int i) => _doc.Text.Substring(_t[i].Start, _t[i].End - _t[i].Start);
        private string Upos(int i) => _t[i].Upos ?? "";

        private IEnumerable<int> Children(int i)
        {
            for (var c = _firstChild[i]; c >= 0; c = _nextSibling[c])
            {
                yield return c;
            }
        }

        private int Child(int i, string rel)
        {
            for (var c = _firstChild[i]; c >= 0; c = _nextSibling[c])
            {
                if (Rel(c) == rel)
                {
                    return c;
                }
            }
            return -1;
        }

        private int ChildWithLemma(int i, string rel, HashSet<string> lemmas)
        {
            for (var c = _firstChild[i]; c >= 0; c = _nextSibling[c])
            {
                if (Rel(c).StartsWith(rel, StringComparison.Ordinal) && lemmas.Contains(Lemma(c)))
                {
                    return c;
                }
            }
            return -1;
        }

        private string? CaseOf(int i)
        {
            for (var c = _firstChild[i]; c >= 0; c = _nextSibling[c])
            {
                if (Rel(c) is "case")
                {
                    // The word, not the lemma: "according" is lemmatised "accord".
                    return Text(c).ToLowerInvariant();
                }
            }
            return null;
        }

        public void CodeSentence(int s, List<CodedEvent> output)
        {
            var sent = _doc.Sentences[s];
            _matches.Clear();
            _triggers.Clear();
            _sentenceCountries.Clear();
            foreach (var m in _c.Actors.Match(_doc, sent.FirstToken, sent.EndToken))
            {
                for (var k = m.Start; k < m.End; k++)
                {
                    _matchOf[k] = _matches.Count;
                }
                _matches.Add(m);
                if (!m.Entry.IsAgent && m.Entry.CodeOn(_date) is { Length: >= 3 } code && _c.Actors.CountryCodes.Contains(code[..3]))
                {
                    _sentenceCountries.Add((m, code[..3]));
                }
            }
            AddGazetteerPlaces(sent);
            // 1. Triggers.
            for (var i = sent.FirstToken; i < sent.EndToken; i++)
            {
                var misparsed = IsMisparsedPastVerb(i, sent.FirstToken);
                var upos = misparsed ? "VERB" : Upos(i);
                if (upos is not ("VERB" or "NOUN") || Rel(i) is "case" or "mark" or "advmod" or "det" or "compound" or "fixed" or "flat" || Rel(i) == "amod" && !misparsed)
                {
                    // "according to", "the besieged town": not predicates.
                    continue;
                }
                var rules = RulesFor(i, upos == "VERB");
                if (rules.Count == 0)
                {
                    continue;
                }
                var best = BestRule(i, rules);
                if (best?.Code is null)
                {
                    continue;
                }
                var tr = new Trigger { Token = i, Rule = best, Code = best.Code };
                tr.Why.Add($"trigger '{Text(i)}' (lemma {Lemma(i)}, {upos}) matches [{best.Text}] at {best.Entry}");
                if (upos == "VERB" && best.Groups.Count == 0 && best.Code is "010" or "020" or "040" or "050" or "060" or "100")
                {
                    // A verb with only a generic default ("converging for a rally", "organized a
                    // strike") takes the more specific event its object or oblique names.
                    foreach (var c in Children(i))
                    {
                        if (Rel(c) is "obj" || Rel(c).StartsWith("obl", StringComparison.Ordinal) && Rel(c) != "obl:tmod")
                        {
                            if (Upos(c) == "NOUN" && RulesFor(c, verb: false) is { Count: > 0 } nominal && BestRule(c, nominal) is { Code: { } nc } nr && nc != best.Code
                                && (best.Code != "100" || CodeMaps.Root(nc) >= 14))
                            {
                                // "ordered a partial mobilisation", "ordered the arrest": the order is the act.
                                tr.Code = nc;
                                tr.Why.Add($"generic verb takes the nominal event '{Text(c)}' [{nr.Text}] at {nr.Entry}");
                                break;
                            }
                        }
                    }
                }
                _triggers[i] = tr;
            }
            // 2. Events, in text order.
            var produced = new List<CodedEvent>();
            foreach (var i in _triggers.Keys.Order().ToList())
            {
                var tr = _triggers[i];
                if (tr.Consumed)
                {
                    continue;
                }
                BuildEvents(s, tr, produced);
            }
            // Deterministic de-duplication: one event per (trigger, code, source, target).
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in produced)
            {
                if (seen.Add(e.Id))
                {
                    output.Add(e);
                }
            }
            for (var k = sent.FirstToken; k < sent.EndToken; k++)
            {
                _matchOf[k] = -1;
            }
            // Remember the last named actor for pronouns in the next sentences.
            for (var k = _matches.Count - 1; k >= 0; k--)
            {
                var m = _matches[k];
                if (!m.Entry.IsAgent && !m.Entry.IsDiscard)
                {
                    _lastActor = MentionFromMatch(m);
                    _lastActorPlural = IsPlural(m.End - 1);
                    break;
                }
            }
        }

        /// <summary>Gazetteer places of the sentence that no dictionary entry covers: country evidence, and actors.</summary>
        private void AddGazetteerPlaces(SentenceData sent)
        {
            if (_places.Count == 0)
            {
                return;
            }
            var start = _t[sent.FirstToken].Start;
            var end = _t[sent.EndToken - 1].End;
            foreach (var place in _places)
            {
                if (!place.Locative || place.Span.Start < start || place.Span.End > end || !_c.Actors.CountryCodes.Contains(place.Country))
                {
                    continue;
                }
                int first = -1, last = -1;
                for (var k = sent.FirstToken; k < sent.EndToken; k++)
                {
                    if (_t[k].Start >= place.Span.Start && _t[k].End <= place.Span.End)
                    {
                        first = first < 0 ? k : first;
                        last = k;
                    }
                }
                if (first < 0 || Enumerable.Range(first, last - first + 1).Any(k => _matchOf[k] >= 0))
                {
                    continue;
                }
                var entry = new ActorEntry
                {
                    Name = _doc.Text[place.Span.Start..place.Span.End],
                    Kind = "place",
                    Codes = [new DatedCode(place.Country, null, null)],
                    Entry = "gazetteer",
                };
                var match = new ActorMatch(first, last + 1, entry);
                var at = _sentenceCountries.FindIndex(x => x.Match.Start > first);
                _sentenceCountries.Insert(at < 0 ? _sentenceCountries.Count : at, (match, place.Country));
                // The place is also an actor, as the capitals and cities of the actor dictionaries
                // are: "shelled Kherson", "targets in Jericho", "residents of Beledweyne".
                for (var k = first; k <= last; k++)
                {
                    _matchOf[k] = _matches.Count;
                }
                _matches.Add(match);
            }
        }

        /// <summary>
        /// "Irish guerrillas wounded two British soldiers" parsed with "wounded" as an adjective of
        /// "soldiers": a past form right after a subject-like noun and before the noun it is said
        /// to modify is the clause's verb. "the besieged town" (after a determiner) is not.
        /// </summary>
        private bool IsMisparsedPastVerb(int i, int first)
        {
            if (Rel(i) != "amod" || Upos(i) is not ("VERB" or "ADJ") || i <= first || _t[i].Head <= i)
            {
                return false;
            }
            var text = Text(i);
            // Lower case, and a word of its own ("war-torn", "Israeli-occupied" are compounds).
            return char.IsLower(text[0]) && _t[i].Start > 0 && char.IsWhiteSpace(_doc.Text[_t[i].Start - 1])
                && text.EndsWith("ed", StringComparison.Ordinal) && Upos(i - 1) is "NOUN" or "PROPN" && Rel(i - 1) is not ("compound" or "amod" or "flat")
                && (_t[i - 1].Head != _t[i].Head || Rel(i - 1).StartsWith("nsubj", StringComparison.Ordinal)) && Upos(i + 1) is "DET" or "NUM" or "ADJ" or "NOUN" or "PROPN" or "PRON";
        }

        /// <summary>Rules for the token's lemma; if none, for simple forms of its text (guards against lemmatiser slips).</summary>
        private IReadOnlyList<EventRule> RulesFor(int i, bool verb)
        {
            var rules = verb ? _c.Rules.Verb(VerbDictionary.Norm(Lemma(i))) : _c.Rules.Noun(VerbDictionary.Norm(Lemma(i)));
            if (rules.Count > 0)
            {
                return rules;
            }
            var w = Text(i).ToLowerInvariant();
            string[] candidates = verb
                ? [w, w.EndsWith("ied", StringComparison.Ordinal) ? w[..^3] + "y" : "", w.EndsWith("ed", StringComparison.Ordinal) ? w[..^2] : "", w.EndsWith("ed", StringComparison.Ordinal) ? w[..^1] : "",
                   w.EndsWith("ing", StringComparison.Ordinal) ? w[..^3] : "", w.EndsWith("ing", StringComparison.Ordinal) ? w[..^3] + "e" : "", w.EndsWith('s') ? w[..^1] : ""]
                : [VerbDictionary.Norm(w)];
            foreach (var c in candidates)
            {
                if (c.Length < 3)
                {
                    continue;
                }
                rules = verb ? _c.Rules.Verb(c) : _c.Rules.Noun(c);
                if (rules.Count > 0)
                {
                    return rules;
                }
            }
            return [];
        }

        private EventRule? BestRule(int i, IReadOnlyList<EventRule> rules)
        {
            HashSet<string>? words = null;
            EventRule? best = null;
            var bestScore = -1;
            foreach (var r in rules)
            {
                if (r.Groups.Count > 0)
                {
                    words ??= RegionWords(i);
                    if (!Matches(r, words))
                    {
                        continue;
                    }
                }
                var score = r.Specificity;
                if (score > bestScore || score == bestScore && r.Order > best!.Order)
                {
                    best = r;
                    bestScore = score;
                }
            }
            return best;
        }

        private static bool Matches(EventRule r, HashSet<string> words)
        {
            foreach (var g in r.Groups)
            {
                var any = false;
                foreach (var alt in g)
                {
                    var all = true;
                    foreach (var w in alt)
                    {
                        if (!words.Contains(w))
                        {
                            all = false;
                            break;
                        }
                    }
                    if (all)
                    {
                        any = true;
                        break;
                    }
                }
                if (!any)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// Words of the trigger's own dependents, down to three levels, not entering other clauses
        /// (a pattern describes the verb's phrase, not a clause embedded in its object).
        /// </summary>
        private HashSet<string> RegionWords(int i)
        {
            var words = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<(int Token, int Depth)>();
            foreach (var c in Children(i))
            {
                if (IsClauseRel(Rel(c)) || Rel(c) is "nsubj" or "csubj" or "cc" or "punct")
                {
                    continue;
                }
                stack.Push((c, 1));
            }
            if (IsMisparsedPastVerb(i, _doc.Sentences[_t[i].Sentence].FirstToken))
            {
                // "people blocked streets" read as "blocked streets": the noun is the verb's object.
                stack.Push((_t[i].Head, 1));
            }
            // Subjects count only through their head word ("- &MILITARY *" patterns).
            var subj = Child(i, "nsubj");
            if (subj >= 0)
            {
                words.Add(VerbDictionary.Norm(Lemma(subj)));
            }
            var count = 0;
            while (stack.Count > 0 && count++ < 60)
            {
                var (k, depth) = stack.Pop();
                words.Add(VerbDictionary.Norm(Lemma(k)));
                words.Add(VerbDictionary.Norm(Text(k)));
                if (depth >= 3)
                {
                    continue;
                }
                foreach (var c in Children(k))
                {
                    if (!IsClauseRel(Rel(c)) && Rel(c) != "punct" && c != i)
                    {
                        stack.Push((c, depth + 1));
                    }
                }
            }
            return words;
        }

        private static bool IsClauseRel(string rel) =>
            rel is "conj" or "parataxis" or "advcl" or "ccomp" or "acl" or "acl:relcl" or "csubj" or "list" or "reparandum";

        private void BuildEvents(int s, Trigger tr, List<CodedEvent> output)
        {
            var i = tr.Token;
            var code = tr.Code;
            string? modality = null;
            var negated = ChildWithLemma(i, "advmod", Negators) >= 0 || ChildWithLemma(i, "neg", Negators) >= 0;
            var why = tr.Why;
            var triggerEnd = i;
            var isNoun = tr.Rule.Kind == 'N';

            // Nominal triggers: only when no coded verb already governs them.
            var lightVerb = -1;
            if (isNoun)
            {
                var h = _t[i].Head;
                var rel = Rel(i);
                if (rel is not ("obj" or "nsubj" or "nsubj:pass" or "root" or "conj" or "appos" or "dep"))
                {
                    return;
                }
                if (h >= 0 && _triggers.TryGetValue(h, out var governing) && CodeMaps.Root(governing.Code) != 1)
                {
                    return;
                }
                if (h >= 0 && rel == "obj" && Upos(h) == "VERB" && !IsSay(h))
                {
                    lightVerb = h;
                }
                if (Child(i, "det") is var det && det >= 0 && Lemma(det) == "no")
                {
                    negated = true;
                }
            }
            var pivot = lightVerb >= 0 ? lightVerb : i;
            if (lightVerb >= 0)
            {
                // "promised to continue military aid": the noun is part of a coded verb's complement.
                for (var up = lightVerb; up >= 0 && Rel(up) is "xcomp" or "ccomp" or "conj";)
                {
                    up = _t[up].Head;
                    if (up >= 0 && _triggers.ContainsKey(up))
                    {
                        return;
                    }
                }
                negated |= ChildWithLemma(lightVerb, "advmod", Negators) >= 0;
                why.Add($"nominal trigger is the object of '{Text(lightVerb)}'");
            }

            // Matrix verb + xcomp: "threatened to attack", "refused to meet", "plans to invade".
            var xcomp = isNoun ? -1 : Child(i, "xcomp");
            if (xcomp >= 0 && _triggers.TryGetValue(xcomp, out var inner) && !inner.Consumed)
            {
                var root = CodeMaps.Root(code);
                var lemma = Lemma(i);
                string? combined = null;
                if (root == 13 || lemma == "threaten")
                {
                    combined = CodeMaps.Threat(inner.Code);
                    if (combined == "130" && root == 13)
                    {
                        // "threatened force to break ...": the matrix rule is the more specific threat.
                        combined = code;
                    }
                    modality = "threaten";
                }
                else if (root == 12 || RejectVerbs.Contains(lemma))
                {
                    combined = CodeMaps.Reject(inner.Code);
                }
                else if (root == 3 || root == 1 || IntentVerbs.Contains(lemma))
                {
                    combined = CodeMaps.IsCooperative(inner.Code) ? CodeMaps.Intent(inner.Code) : CodeMaps.Root(inner.Code) >= 14 ? CodeMaps.Threat(inner.Code) : inner.Code;
                    modality = CodeMaps.Root(combined) == 13 ? "threaten" : "intend";
                }
                else if (root is 2 or 10)
                {
                    // "urged X to withdraw": the matrix request stands; the act is only requested.
                    inner.Consumed = true;
                    why.Add($"xcomp '{Text(xcomp)}' is what is requested, not an event");
                }
                if (combined is not null)
                {
                    why.Add($"'{Text(i)} ... {Text(xcomp)}': {code} + {inner.Code} -> {combined}");
                    code = combined;
                    inner.Consumed = true;
                    triggerEnd = xcomp;
                    negated |= ChildWithLemma(xcomp, "advmod", Negators) >= 0;
                }
            }
            else if (xcomp >= 0 && CodeMaps.Root(code) == 1)
            {
                return;
            }
            if (!isNoun && Rel(i) == "xcomp" && _t[i].Head is var mh && mh >= 0 && !_triggers.ContainsKey(mh))
            {
                // "is willing to withdraw", "failed to reach", "plans to attack": the matrix word is no
                // event of its own but makes this one an intention, threat or refusal.
                var ml = Lemma(mh);
                string? changed = null;
                if (RejectVerbs.Contains(ml))
                {
                    changed = CodeMaps.Reject(code);
                }
                else if (IntentVerbs.Contains(ml))
                {
                    changed = CodeMaps.IsCooperative(code) ? CodeMaps.Intent(code) : CodeMaps.Root(code) >= 14 ? CodeMaps.Threat(code) : null;
                    modality = changed is not null && CodeMaps.Root(changed) == 13 ? "threaten" : "intend";
                }
                if (changed is not null && changed != code)
                {
                    why.Add($"'{Text(mh)} ... {Text(i)}': {code} -> {changed}");
                    code = changed;
                }
                else if (modality is not null)
                {
                    why.Add($"'{Text(mh)} ... {Text(i)}': {modality}");
                }
                negated |= ChildWithLemma(mh, "advmod", Negators) >= 0;
            }

            // Reported speech with a modal: "Russia said Sudan must return the helicopter" is a demand.
            var head = _t[pivot].Head;
            var reporter = -1;
            if (head >= 0 && Rel(pivot) is "ccomp" && IsSay(head))
            {
                reporter = head;
            }
            var modal = ChildWithLemma(pivot, "aux", DemandModals);
            if (modal >= 0 && reporter >= 0)
            {
                var demanded = CodeMaps.Demand(code);
                why.Add($"'{Text(reporter)} ... {Text(modal)} {Text(pivot)}': reported obligation -> demand {demanded}");
                code = demanded;
                modality = "demand";
            }
            else if (ChildWithLemma(pivot, "aux", FutureAux) >= 0 || IsGoingTo(pivot))
            {
                if (negated && CodeMaps.IsCooperative(code))
                {
                    var rejected = CodeMaps.Reject(code);
                    why.Add($"negated future cooperative act '{Text(pivot)}' -> reject {rejected}");
                    code = rejected;
                    negated = false;
                }
                else if (CodeMaps.IsCooperative(code) && CodeMaps.Root(code) != 3)
                {
                    var intent = CodeMaps.Intent(code);
                    why.Add($"future '{Text(pivot)}' of a cooperative act -> intent {intent}");
                    code = intent;
                }
                else if (CodeMaps.Root(code) >= 14 && CodeMaps.Root(code) != 15)
                {
                    // A mobilisation reported in the future ("the mobilisation, which will call up
                    // 300,000 reservists") is announced, not threatened: it keeps its type. A future
                    // boycott or attack is a threat (the PLOVER gold codes "would boycott" THREATEN).
                    var threat = CodeMaps.Threat(code);
                    why.Add($"future '{Text(pivot)}' of a hostile act -> threat {threat}");
                    code = threat;
                }
                modality ??= "future";
            }
            if (ChildWithLemma(pivot, "mark", IfWords) >= 0)
            {
                modality = "hypothetical";
            }

            var info = _c.Ontology.Get(code) ?? _c.Ontology.Get(code[..Math.Min(3, code.Length)]) ?? _c.Ontology.Get(code[..2]);
            if (info?.PloverType is null)
            {
                return;
            }

            // Source and target.
            List<ActorMention?> sources;
            List<ActorMention?> targets;
            if (isNoun && lightVerb < 0)
            {
                sources = NominalSource(i, why);
                targets = NominalTarget(i, why);
            }
            else
            {
                sources = SourceOf(pivot, why, 0);
                targets = TargetOf(i, triggerEnd, why);
                if (isNoun && targets.Count == 0)
                {
                    targets = NominalTarget(i, why);
                }
            }
            if (modality == "demand" && reporter >= 0)
            {
                // The speaker demands; the embedded subject is who is asked to act.
                targets = sources;
                sources = SourceOf(reporter, why, 0);
                reporter = -1;
            }
            var reportedBy = ReportedBy(pivot, why);
            var passiveClause = Child(pivot, "nsubj:pass") >= 0 || Child(pivot, "aux:pass") >= 0 || IsReducedPassive(pivot);
            if (sources.Count == 0 && passiveClause && CodeMaps.Root(code) == 17 && PlaceOfPassive(pivot) is { } place)
            {
                // "was arrested in Lebanon": with no agent, the authorities of the place did it.
                sources.Add(place);
                why.Add($"source: passive coercion with no agent, the authorities of '{place.Text}'");
            }
            if (sources.Count == 0 && !isNoun && !passiveClause && NearestActorLeft(pivot) is var left && left >= 0)
            {
                // A parser slip often loses the subject; the nearest named actor to the left of the
                // verb in the same clause is the best guess.
                sources = ActorsOf(left, why);
                why.Add($"source: nearest actor left of the verb, '{Text(left)}' (no subject in the parse)");
            }
            if (sources.Count == 0 && reportedBy.Count > 0 && !isNoun && !passiveClause)
            {
                // "Syria says it is willing to withdraw": with no usable subject in the reported
                // clause, the speaker is the actor.
                sources.Add(reportedBy[^1]);
                why.Add($"source: the speaker '{reportedBy[^1].Text}' (no subject in the reported clause)");
            }

            if (sources.Count > 0 && targets.All(a => a?.Country is null))
            {
                if (NearestActorInside(i, triggerEnd, sources) is var inside && inside >= 0)
                {
                    // No target with a country in the direct relations: the first named actor inside
                    // the trigger's own phrase ("aid to refugees fleeing the war in Liberia",
                    // "withdraw its troops from neighboring Lebanon") names who is acted upon.
                    targets = WithCountry(targets, ActorsOf(inside, why).Where(a => a?.Country is not null).ToList());
                    why.Add($"target: first named actor inside the trigger's phrase, '{Text(inside)}'");
                }
                else if (NearestActorRight(i, triggerEnd, sources) is var right && right >= 0)
                {
                    // The parse gives no path at all (a common parser slip on long sentences): the
                    // first named actor right of the trigger in the same clause, as PETRARCH does.
                    targets = [MentionFromMatch(_matches[_matchOf[right]])];
                    why.Add($"target: nearest actor right of the trigger, '{Text(right)}' (no target in the parse)");
                }
            }
            sources = InContext(sources, targets, "source", why);
            targets = InContext(targets, sources, "target", why);
            if (sources.All(a => a?.Code is null) && targets.All(a => a?.Code is null) && sources.Concat(targets).All(a => a is null))
            {
                // PLOVER events need an actor: a trigger with no actor at all is ordinary prose.
                return;
            }
            if (sources.Count == 0)
            {
                sources.Add(null);
            }
            if (targets.Count == 0)
            {
                targets.Add(null);
            }
            var bombing = isNoun ? -1 : BombingOf(pivot);
            var start = Math.Min(_t[i].Start, _t[triggerEnd].Start);
            var end = Math.Max(_t[i].End, _t[triggerEnd].End);
            var span = new TextSpan(start, end);
            var triggerText = triggerEnd == i ? Text(i) : _doc.Text[start..end];
            var count = 0;
            foreach (var src in sources)
            {
                foreach (var tgt in targets)
                {
                    var target = tgt;
                    if (src is not null && tgt is not null && (src.Span == tgt.Span || src.Span.Contains(tgt.Span) || tgt.Span.Contains(src.Span)))
                    {
                        // An actor acting on itself ("their cease-fire") has no separate target.
                        target = null;
                    }
                    if (count++ >= 8)
                    {
                        break;
                    }
                    var ev = info;
                    if (bombing >= 0 && ev.Code is "190" or "180" or "195" or "1823")
                    {
                        // CAMEO 183: killing or wounding by a bomb is a non-military bombing (ASSAULT).
                        ev = _c.Ontology.Get("183") ?? ev;
                        why = [.. why, $"done by '{Text(bombing)}' -> 183 bombing"];
                    }
                    else if (CodeMaps.Root(ev.Code) == 19 && ev.Code is not ("191" or "192") && target?.Sectors is { } ts && (ts.Contains("CVL") || ts.Contains("REF")))
                    {
                        // PLOVER: violence against civilians is one-sided (ASSAULT), not a fight.
                        ev = _c.Ontology.Get("180") ?? ev;
                        why = [.. why, $"military force against civilians ({target.Text}) -> 180 ASSAULT"];
                    }
                    var id = EventId(_doc.Article.Id, s, span, ev.Code, src?.Span, target?.Span);
                    output.Add(new CodedEvent(
                        id, _doc.Article.Id, s, span, triggerText, ev.Code, ev.Label, ev.Quad, ev.Goldstein,
                        ev.PloverType!, ev.PloverMode, src, target, negated, modality, reportedBy, why.ToList()));
                }
            }
        }

        /// <summary>
        /// An actor named only by its role ("the president", "police", "opposition parties") or by a
        /// title and a name no dictionary knows ("Judge Alejandro Rivera") is placed in the country
        /// the sentence gives it: its counterpart's country when the role is a domestic one and the
        /// counterpart has a country, else the one country the sentence names. The PLOVER gold
        /// standard codes such actors this way; the trace records the inference.
        /// </summary>
        private List<ActorMention?> InContext(List<ActorMention?> actors, List<ActorMention?> counterparts, string role, List<string> why)
        {
            List<ActorMention?>? result = null;
            for (var k = 0; k < actors.Count; k++)
            {
                var a = actors[k];
                if (a?.Country is { } own && IsEthnic(a) && NearestOtherCountry(a, own) is { } home)
                {
                    // "ethnic Albanians" in Macedonia: an ethnic group is coded by the country it lives in.
                    result ??= [.. actors];
                    result[k] = a with { Code = home.Country + (a.Code is { Length: > 3 } c ? c[3..] : ""), Country = home.Country };
                    why.Add($"{role} '{a.Text}' is an ethnic group: {home.Country}, the country the sentence places it in ('{home.Text}')");
                    continue;
                }
                if (a is null || a.Country is not null || a.Kind is not ("agent" or "person") || a.Kind == "person" && a.Code is null && !a.Sectors.Any())
                {
                    continue;
                }
                string? country = null;
                string? evidence = null;
                if (DiplomaticWords.Any(w => a.Text.Contains(w, StringComparison.OrdinalIgnoreCase)))
                {
                    // A foreign minister or an envoy acts abroad: the sentence's other country is
                    // as likely the host as the home.
                    continue;
                }
                if (a.Sectors.Any(DomesticSectors.Contains))
                {
                    foreach (var c in counterparts)
                    {
                        if (c?.Country is { } cc && _c.Actors.CountryCodes.Contains(cc))
                        {
                            country = cc;
                            evidence = $"its counterpart '{c.Text}'";
                            break;
                        }
                    }
                }
                if (country is null && _sentenceCountries.Count > 0)
                {
                    var only = _sentenceCountries[0].Country;
                    var unique = true;
                    foreach (var (_, c) in _sentenceCountries)
                    {
                        unique &= c == only;
                    }
                    if (unique)
                    {
                        country = only;
                        var m = _sentenceCountries[0].Match;
                        evidence = $"'{_doc.Text[_t[m.Start].Start.._t[m.End - 1].End]}', the only country the sentence names";
                    }
                }
                if (country is null)
                {
                    continue;
                }
                result ??= [.. actors];
                result[k] = a with { Code = country + (a.Code ?? ""), Country = country };
                why.Add($"{role} '{a.Text}' has no country of its own: {country} from {evidence}");
            }
            return result ?? actors;
        }

        private bool IsEthnic(ActorMention a)
        {
            if (a.Text.Contains("ethnic ", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            var before = _doc.Text.AsSpan(0, a.Span.Start).TrimEnd();
            return before.EndsWith("ethnic", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>The country named nearest to <paramref name="a"/> in the sentence other than <paramref name="own"/>.</summary>
        private (string Country, string Text)? NearestOtherCountry(ActorMention a, string own)
        {
            (string, string)? best = null;
            var bestDistance = int.MaxValue;
            foreach (var (m, c) in _sentenceCountries)
            {
                if (c == own)
                {
                    continue;
                }
                var at = _t[m.Start].Start;
                var distance = at >= a.Span.End ? at - a.Span.End : a.Span.Start - _t[m.End - 1].End;
                if (distance >= 0 && distance < bestDistance)
                {
                    bestDistance = distance;
                    best = (c, _doc.Text[at.._t[m.End - 1].End]);
                }
            }
            return best;
        }

        private static readonly string[] DiplomaticWords = ["foreign", "ambassador", "envoy", "diplomat", "embassy", "consul"];

        /// <summary>Roles that act within their own country: a police force arrests, a judge orders, an opposition protests at home.</summary>
        private static readonly HashSet<string> DomesticSectors = new(StringComparer.Ordinal) { "GOV", "COP", "JUD", "OPP", "PTY", "CVL", "ELI", "LEG", "SPY", "LAB", "EDU" };

        /// <summary>
        /// A bare past participle with no subject or auxiliary ("... is dead, killed in a joint
        /// operation"): passive in meaning, so the nearest name to its left is not its agent.
        /// </summary>
        private bool IsReducedPassive(int v) =>
            (_t[v].Xpos == "VBN" || (_t[v].Feats?.Contains("VerbForm=Part", StringComparison.Ordinal) ?? false) && (_t[v].Feats?.Contains("Tense=Past", StringComparison.Ordinal) ?? false))
            && Rel(v) is "conj" or "advcl" or "parataxis" && Child(v, "nsubj") < 0 && Child(v, "aux") < 0 && Child(v, "obj") < 0;

        /// <summary>
        /// A bare past participle adjoined to a predicate of state ("is dead, killed in ...",
        /// "are missing, abducted by ..."): the subject of that predicate underwent the act. Not
        /// for participles next to verbs, where the parser's VBN is often a past tense.
        /// </summary>
        private bool IsParticipleOfState(int v) =>
            IsReducedPassive(v) && Rel(v) == "advcl" && _t[v].Head >= 0 && Upos(_t[v].Head) is "ADJ" or "NOUN" or "PROPN" && Child(_t[v].Head, "cop") >= 0;

        /// <summary>The country of an "in X" oblique of <paramref name="v"/> naming a country, or null.</summary>
        private ActorMention? PlaceOfPassive(int v)
        {
            foreach (var c in Children(v))
            {
                if (Rel(c) != "obl" || CaseOf(c) != "in")
                {
                    continue;
                }
                if (_matchOf[c] >= 0 && _matches[_matchOf[c]] is var m && m.Entry.Kind == "country" && m.Entry.CodeOn(_date) is { Length: 3 })
                {
                    return MentionFromMatch(m);
                }
                foreach (var (pm, _) in _sentenceCountries)
                {
                    if (pm.Entry.Kind == "place" && pm.Start <= c && c < pm.End)
                    {
                        // "was detained in Quetta": the gazetteer's country.
                        return MentionFromMatch(pm);
                    }
                }
            }
            return null;
        }

        private static readonly HashSet<string> BombWords = new(StringComparer.Ordinal) { "bomb", "bombing", "blast", "explosion", "explosive", "ied", "bomber" };

        /// <summary>The bomb that did it: the subject ("a roadside bombing killed") or the means ("in a bomb attack"), or -1.</summary>
        private int BombingOf(int v)
        {
            foreach (var c in Children(v))
            {
                var rel = Rel(c);
                if (rel is "nsubj" or "obl" or "obl:agent" && IsBomb(c))
                {
                    return c;
                }
                if (rel == "obj")
                {
                    // "wounded two soldiers in a bomb attack", the means attached to the object.
                    foreach (var m in Children(c))
                    {
                        if (Rel(m) == "nmod" && CaseOf(m) is "in" or "by" && IsBomb(m))
                        {
                            return m;
                        }
                    }
                }
            }
            if (Rel(v) == "amod" && _t[v].Head is var noun && noun >= 0)
            {
                // The misparsed verb of "guerrillas wounded two soldiers in a bomb attack": its object is its head.
                foreach (var m in Children(noun))
                {
                    if (Rel(m) == "nmod" && CaseOf(m) is "in" or "by" && IsBomb(m))
                    {
                        return m;
                    }
                }
            }
            return -1;

            bool IsBomb(int n) => BombWords.Contains(Lemma(n)) || Children(n).Any(m => Rel(m) is "compound" or "amod" && BombWords.Contains(Lemma(m)));
        }

        /// <summary>The head token of the nearest dictionary-named phrase left of <paramref name="v"/> in its clause, or -1.</summary>
        private int NearestActorLeft(int v)
        {
            var first = _doc.Sentences[_t[v].Sentence].FirstToken;
            for (var k = v - 1; k >= first; k--)
            {
                var text = Text(k);
                if (text is ";" or ":" || Upos(k) == "VERB" && (Child(k, "nsubj") >= 0 || IsSay(k)) || Upos(k) == "SCONJ")
                {
                    return -1;
                }
                var m = _matchOf[k];
                // A gazetteer place does not act: "... in the town of Beledweyne and later killed" has no agent there.
                if (m >= 0 && !_matches[m].Entry.IsDiscard && _matches[m].Entry.Kind != "place" && Upos(k) is "PROPN" or "NOUN" or "ADJ")
                {
                    // The match's last token heads an English noun phrase.
                    return _matches[m].End - 1;
                }
            }
            return -1;
        }

        /// <summary>
        /// The first named actor with a country right of the trigger whose dependency path up to
        /// the trigger stays inside its phrase (no subject, adverbial, coordinated, reported or
        /// relative clause, no "according to"), or -1.
        /// </summary>
        private int NearestActorInside(int v, int inner, List<ActorMention?> sources)
        {
            var sentence = _doc.Sentences[_t[v].Sentence];
            for (var k = Math.Max(v, inner) + 1; k < sentence.EndToken; k++)
            {
                var m = _matchOf[k];
                if (m < 0 || _matches[m].Entry.IsDiscard || _matches[m].Entry.IsAgent || Upos(k) is not ("PROPN" or "NOUN" or "ADJ"))
                {
                    continue;
                }
                var code = _matches[m].Entry.CodeOn(_date);
                if (code is not { Length: >= 3 } || !Dominated(k, v, inner))
                {
                    continue;
                }
                var span = _t[k].Start;
                if (sources.Any(a => a is not null && a.Span.Start <= span && span < a.Span.End))
                {
                    continue;
                }
                return k;
            }
            return -1;
        }

        private static readonly HashSet<string> ClauseBreaks = new(StringComparer.OrdinalIgnoreCase)
        {
            ",", ";", ":", "(", "--", "—", "–", "because", "as", "while", "although", "though", "when", "whereas", "if", "unless",
            "after", "before", "since", "until", "who", "which", "whom", "whose", "where", "according", "but", "despite",
        };

        /// <summary>
        /// The first named actor with a country right of the trigger before a clause break (comma,
        /// subordinator, relative pronoun, "according"), or -1.
        /// </summary>
        private int NearestActorRight(int v, int inner, List<ActorMention?> sources)
        {
            var sentence = _doc.Sentences[_t[v].Sentence];
            for (var k = Math.Max(v, inner) + 1; k < sentence.EndToken && k - v <= 15; k++)
            {
                if (ClauseBreaks.Contains(Text(k)) || IsSay(k))
                {
                    return -1;
                }
                var m = _matchOf[k];
                if (m < 0 || _matches[m].Entry.IsDiscard || _matches[m].Entry.IsAgent || Upos(k) is not ("PROPN" or "NOUN" or "ADJ"))
                {
                    continue;
                }
                if (_matches[m].Entry.CodeOn(_date) is not { Length: >= 3 })
                {
                    continue;
                }
                var start = _t[k].Start;
                if (sources.Any(a => a is not null && a.Span.Start <= start && start < a.Span.End))
                {
                    continue;
                }
                return k;
            }
            return -1;
        }

        private static readonly HashSet<string> PrepMarks = new(StringComparer.Ordinal) { "from", "against", "on", "with", "into", "at", "over", "toward", "towards" };

        private bool Dominated(int k, int v, int inner)
        {
            for (var x = k; x >= 0; x = _t[x].Head)
            {
                if (x == v || x == inner)
                {
                    return true;
                }
                if (Rel(x) == "advcl" && ChildWithLemma(x, "mark", PrepMarks) >= 0)
                {
                    // "withdraw its troops from neighboring Lebanon" parsed as a clause "from
                    // neighboring Lebanon": a preposition marks a phrase, not a new clause.
                    continue;
                }
                if (Rel(x) is "nsubj" or "nsubj:pass" or "csubj" or "advcl" or "parataxis" or "ccomp" or "acl:relcl" or "obl:tmod" or "nmod:tmod" or "root" or "dep"
                    || Rel(x) == "conj" && Upos(x) is "VERB" or "AUX"
                    || CaseOf(x) is "according" or "since" or "during" or "after" or "before")
                {
                    return false;
                }
            }
            return false;
        }

        /// <summary>Sector-only targets ("refugees") take the country found inside the phrase.</summary>
        private static List<ActorMention?> WithCountry(List<ActorMention?> targets, List<ActorMention?> found)
        {
            if (found.Count == 0)
            {
                return targets;
            }
            if (targets.Count == 1 && targets[0] is { Kind: "agent", Sectors.Count: > 0 } agent && found.Count == 1 && found[0] is { } f)
            {
                var code = f.Country + string.Concat(agent.Sectors);
                return [agent with { Code = code, Country = f.Country, DictionaryEntry = f.DictionaryEntry + " + " + agent.DictionaryEntry }];
            }
            return found;
        }

        private static readonly HashSet<string> IfWords = new(StringComparer.Ordinal) { "if", "unless" };

        private bool IsGoingTo(int v)
        {
            // "is going to attack": xcomp of 'go' with a 'be' auxiliary.
            var h = _t[v].Head;
            return h >= 0 && Rel(v) == "xcomp" && (Lemma(h) == "go" && Child(h, "aux") >= 0 || Scheduled.Contains(Lemma(h)));
        }

        /// <summary>"is due to meet", "is set to sign", "scheduled to visit": a future event.</summary>
        private static readonly HashSet<string> Scheduled = new(StringComparer.Ordinal) { "due", "set", "scheduled", "slated", "poised" };

        private bool IsSay(int v) => Upos(v) == "VERB" && (SayVerbs.Contains(Lemma(v)) || _triggers.TryGetValue(v, out var tr) && CodeMaps.Root(tr.Code) == 1);

        /// <summary>Who the sentence says reported the event: "X said (that) ...", "..., X said", "according to X".</summary>
        private List<ActorMention> ReportedBy(int v, List<string> why)
        {
            var result = new List<ActorMention>();
            var cur = v;
            var guard = 0;
            while (cur >= 0 && guard++ < 12)
            {
                foreach (var c in Children(cur))
                {
                    if (Rel(c) == "parataxis" && IsSay(c))
                    {
                        AddSubject(c);
                    }
                    if (Rel(c).StartsWith("obl", StringComparison.Ordinal) && CaseOf(c) == "according")
                    {
                        foreach (var a in ActorsOf(c, why))
                        {
                            if (a is not null)
                            {
                                result.Insert(0, a);
                            }
                        }
                    }
                }
                var h = _t[cur].Head;
                if (h < 0)
                {
                    break;
                }
                if (Rel(cur) is "ccomp" && IsSay(h))
                {
                    AddSubject(h);
                }
                if (Rel(cur) is not ("ccomp" or "conj" or "xcomp" or "advcl"))
                {
                    break;
                }
                cur = h;
            }
            return result;

            void AddSubject(int say)
            {
                foreach (var a in SourceOf(say, [], 0))
                {
                    if (a is not null && !result.Any(r => r.Span == a.Span))
                    {
                        result.Insert(0, a);
                        why.Add($"reported by: '{a.Text}' (subject of '{Text(say)}')");
                    }
                }
            }
        }

        /// <summary>The acting party of verb <paramref name="v"/>: subject, passive agent, or inherited through xcomp/conj/advcl/relative clause.</summary>
        private List<ActorMention?> SourceOf(int v, List<string> why, int depth)
        {
            if (depth > 6)
            {
                return [];
            }
            int subj = -1, agent = -1, alt = -1;
            var passive = false;
            foreach (var c in Children(v))
            {
                var rel = Rel(c);
                if (rel is "nsubj" or "csubj" && !Temporal.Contains(Text(c)))
                {
                    subj = c;
                }
                else if (rel is "vocative" or "dislocated" or "nsubj:outer" && subj < 0 && alt < 0 && c < v)
                {
                    alt = c;
                }
                else if (rel is "nsubj:pass")
                {
                    passive = true;
                }
                else if (rel is "obl:agent" || rel.StartsWith("obl", StringComparison.Ordinal) && CaseOf(c) == "by" && agent < 0)
                {
                    agent = c;
                }
            }
            if (passive)
            {
                if (agent >= 0)
                {
                    why.Add($"source: passive agent '{Text(agent)}'");
                    return ActorsOf(agent, why);
                }
                // "were forced to join": the passive subject of a control verb acts in its xcomp.
                return [];
            }
            if (subj < 0 && alt >= 0 && ActorsOf(alt, []) is { Count: > 0 } altActors)
            {
                // "Pakistan, a key U.S. ally, has refused ...": the parser often labels a subject
                // set off by an appositive as vocative or dislocated.
                why.Add($"source: {Rel(alt)} '{Text(alt)}' before the verb (no nsubj)");
                return altActors;
            }
            if (subj >= 0)
            {
                if (IsRelativePronoun(subj) && Rel(v) == "acl:relcl" && _t[v].Head >= 0)
                {
                    why.Add($"source: relative clause head '{Text(_t[v].Head)}'");
                    return ActorsOf(_t[v].Head, why);
                }
                why.Add($"source: nsubj '{Text(subj)}'");
                return ActorsOf(subj, why);
            }
            var h = _t[v].Head;
            if (h < 0)
            {
                return [];
            }
            if (IsParticipleOfState(v))
            {
                // "... is dead, killed in a joint operation": the clause's subject underwent the act.
                why.Add($"source: none, '{Text(v)}' is a bare participle (passive in meaning)");
                return [];
            }
            switch (Rel(v))
            {
                case "xcomp":
                {
                    // Object control ("urged Iran to stop") or subject control ("vowed to fight",
                    // "were forced to join").
                    var obj = Child(h, "obj");
                    if (obj >= 0 && ActorsOf(obj, []) is { Count: > 0 } controlled)
                    {
                        // An object that names no actor ("opened fire to disperse") is not the controller.
                        why.Add($"source: object '{Text(obj)}' of control verb '{Text(h)}'");
                        return controlled;
                    }
                    var pass = Child(h, "nsubj:pass");
                    if (pass >= 0)
                    {
                        why.Add($"source: passive subject '{Text(pass)}' of control verb '{Text(h)}'");
                        return ActorsOf(pass, why);
                    }
                    return SourceOf(h, why, depth + 1);
                }
                case "conj" when Child(h, "nsubj:pass") is var shared && shared >= 0 && Child(v, "aux:pass") < 0:
                    // "was indicted ... and will resign": the shared subject acts in the active conjunct.
                    why.Add($"source: subject '{Text(shared)}' shared with '{Text(h)}'");
                    return ActorsOf(shared, why);
                case "conj" or "advcl":
                    return SourceOf(h, why, depth + 1);
                case "acl" when Child(v, "obj") >= 0 && Rel(h) is "obj" or "obl" && _t[h].Head >= 0 && Upos(_t[h].Head) == "VERB":
                    // "opened fire on demonstrators, killing one": a participle after an object
                    // describes the clause, whose subject acts.
                    return SourceOf(_t[h].Head, why, depth + 1);
                case "acl" when Child(v, "obj") >= 0:
                    // "guerrillas wounding two soldiers": a participle with its own object acts for its head.
                    why.Add($"source: head '{Text(h)}' of the participle clause");
                    return ActorsOf(h, why);
                case "acl" when Rel(h) is "obj" && _t[h].Head >= 0 && Upos(_t[h].Head) == "VERB":
                    // "issued a declaration demanding ...": the declaration's author demands.
                    why.Add($"source: subject of '{Text(_t[h].Head)}' whose object '{Text(h)}' the participle modifies");
                    return SourceOf(_t[h].Head, why, depth + 1);
                case "acl:relcl" or "acl":
                    return [];
                default:
                    return [];
            }
        }

        private bool IsRelativePronoun(int i) => Lemma(i) is "who" or "which" or "that" or "whom";

        private List<ActorMention?> TargetOf(int v, int inner, List<string> why)
        {
            // Passive: the subject is the target.
            var pass = Child(v, "nsubj:pass");
            if (pass >= 0)
            {
                why.Add($"target: passive subject '{Text(pass)}'");
                return ActorsOf(pass, why);
            }
            if (IsParticipleOfState(v) && Child(_t[v].Head, "nsubj") is var undergoer && undergoer >= 0
                && ActorsOf(undergoer, []) is { Count: > 0 })
            {
                why.Add($"target: subject '{Text(undergoer)}' of '{Text(_t[v].Head)}', which the bare participle '{Text(v)}' describes");
                return ActorsOf(undergoer, why);
            }
            foreach (var head in inner != v ? new[] { inner, v } : [v])
            {
                var found = DirectTarget(head, why);
                if (found.Count > 0)
                {
                    return found;
                }
            }
            // "demanded that the US cancel ...": the embedded subject is the target.
            var ccomp = Child(v, "ccomp");
            if (ccomp < 0 && Child(v, "xcomp") is var xc && xc >= 0 && Child(xc, "nsubj") >= 0)
            {
                ccomp = xc;
            }
            if (ccomp >= 0 && !Children(ccomp).Any(c => Lemma(c) is "what" or "whatever"))
            {
                // (Not a free relative misread as a complement: "killed in what officials describe as".)
                var subj = Child(ccomp, "nsubj");
                if (subj < 0)
                {
                    subj = Child(ccomp, "nsubj:pass");
                }
                if (subj >= 0)
                {
                    var a = ActorsOf(subj, why);
                    if (a.Count > 0)
                    {
                        why.Add($"target: subject '{Text(subj)}' of the clause '{Text(ccomp)}'");
                        if (_triggers.TryGetValue(ccomp, out var t))
                        {
                            t.Consumed = CodeMaps.Root(_triggers[v].Code) is 2 or 10 or 12 or 13;
                        }
                        return a;
                    }
                }
            }
            var xcomp = Child(v, "xcomp");
            if (xcomp >= 0 && xcomp != inner)
            {
                var found = DirectTarget(xcomp, why);
                if (found.Count > 0)
                {
                    return found;
                }
            }
            return [];
        }

        private List<ActorMention?> DirectTarget(int v, List<string> why)
        {
            // Candidates in order of preference; a named candidate with a country code beats an
            // earlier one without ("withdraw its troops from Lebanon" targets Lebanon).
            List<ActorMention?>? fallback = null;
            string? fallbackWhy = null;
            foreach (var (token, label) in TargetCandidates(v))
            {
                var a = ActorsOf(token, why);
                if (a.Count == 0)
                {
                    continue;
                }
                // A named actor beats a bare sector noun: "withdraw inspectors from Iraq" targets Iraq.
                if (a.Any(x => x?.Country is not null && x.Kind != "agent"))
                {
                    why.Add($"target: {label}");
                    return a;
                }
                if (fallback is null)
                {
                    fallback = a;
                    fallbackWhy = label;
                }
            }
            if (fallback is not null)
            {
                why.Add($"target: {fallbackWhy}");
                return fallback;
            }
            return [];
        }

        private IEnumerable<(int Token, string Label)> TargetCandidates(int v)
        {
            var obj = Child(v, "obj");
            if (obj >= 0 && !IsRelativePronoun(obj))
            {
                yield return (obj, $"obj '{Text(obj)}'");
                // "demanded the removal of President X", "rejected calls by Belarus".
                foreach (var c in Children(obj))
                {
                    if (Rel(c).StartsWith("nmod", StringComparison.Ordinal) && Rel(c) != "nmod:poss" && CaseOf(c) is not ("by" or "from" or "according"))
                    {
                        yield return (c, $"'{Text(c)}' inside the object '{Text(obj)}'");
                    }
                    else if (Rel(c) == "acl" && Child(c, "obl") is var o && o >= 0)
                    {
                        yield return (o, $"'{Text(o)}' inside the object '{Text(obj)}'");
                    }
                }
            }
            else if (obj >= 0 && Rel(v) == "acl:relcl" && _t[v].Head >= 0)
            {
                yield return (_t[v].Head, $"relative clause head '{Text(_t[v].Head)}'");
            }
            var iobj = Child(v, "iobj");
            if (iobj >= 0)
            {
                yield return (iobj, $"iobj '{Text(iobj)}'");
            }
            foreach (var prep in TargetPreps)
            {
                foreach (var c in Children(v))
                {
                    if (Rel(c).StartsWith("obl", StringComparison.Ordinal) && Rel(c) != "obl:tmod" && CaseOf(c) == prep)
                    {
                        yield return (c, $"'{prep} {Text(c)}'");
                    }
                }
            }
        }

        private List<ActorMention?> NominalSource(int n, List<string> why)
        {
            foreach (var c in Children(n))
            {
                var rel = Rel(c);
                if (rel is "nmod:poss" || rel.StartsWith("nmod", StringComparison.Ordinal) && CaseOf(c) is "by" or "from")
                {
                    var a = ActorsOf(c, why);
                    if (a.Count > 0)
                    {
                        why.Add($"source: '{Text(c)}' ({rel}) of the nominal trigger");
                        return a;
                    }
                }
            }
            // "Iranian protests", "Russian shelling": a country adjective or compound.
            foreach (var c in Children(n))
            {
                if (Rel(c) is "amod" or "compound" && _matchOf[c] >= 0 && !_matches[_matchOf[c]].Entry.IsAgent)
                {
                    why.Add($"source: modifier '{Text(c)}' of the nominal trigger");
                    return ActorsOf(c, why);
                }
            }
            var h = _t[n].Head;
            if (h >= 0 && Rel(n) is "obj" && Upos(h) == "VERB")
            {
                return SourceOf(h, why, 0);
            }
            return [];
        }

        private List<ActorMention?> NominalTarget(int n, List<string> why)
        {
            // "its demand that Israel ease restrictions": the subject of the demanded clause.
            foreach (var c in Children(n))
            {
                if (Rel(c) is "acl" or "ccomp" && (Child(c, "nsubj") is var subj && subj >= 0))
                {
                    var a = ActorsOf(subj, why);
                    if (a.Count > 0)
                    {
                        why.Add($"target: subject '{Text(subj)}' of the clause '{Text(c)}'");
                        return a;
                    }
                }
            }
            foreach (var prep in TargetPreps)
            {
                foreach (var c in Children(n))
                {
                    if (Rel(c).StartsWith("nmod", StringComparison.Ordinal) && CaseOf(c) == prep)
                    {
                        var a = ActorsOf(c, why);
                        if (a.Count > 0)
                        {
                            why.Add($"target: '{prep} {Text(c)}' of the nominal trigger");
                            return a;
                        }
                    }
                }
            }
            return [];
        }

        /// <summary>The actors named by the phrase headed by <paramref name="h"/>: one per conjunct.</summary>
        private List<ActorMention?> ActorsOf(int h, List<string> why)
        {
            var result = new List<ActorMention?>();
            foreach (var a in ActorsOfOne(h, why))
            {
                result.Add(a);
            }
            foreach (var c in Children(h))
            {
                if (Rel(c) == "conj" && Upos(c) is "NOUN" or "PROPN" or "PRON" or "ADJ")
                {
                    foreach (var a in ActorsOfOne(c, why))
                    {
                        if (!result.Any(r => r?.Span == a.Span))
                        {
                            result.Add(a);
                        }
                    }
                }
            }
            return result;
        }

        private IEnumerable<ActorMention> ActorsOfOne(int h, List<string> why)
        {
            if (Upos(h) == "PRON")
            {
                var a = ResolvePronoun(h, why);
                if (a is not null)
                {
                    yield return a;
                }
                yield break;
            }
            if (Temporal.Contains(Text(h)) || Rel(h) is "obl:tmod" or "nmod:tmod" or "obl:npmod")
            {
                yield break;
            }
            // Phrase tokens: the head and its modifiers, not clauses or coordinated phrases.
            var tokens = new List<int>();
            var stack = new Stack<int>();
            stack.Push(h);
            while (stack.Count > 0 && tokens.Count < 40)
            {
                var k = stack.Pop();
                tokens.Add(k);
                foreach (var c in Children(k))
                {
                    if (Rel(c) is "acl:relcl" or "acl" or "conj" or "cc" or "punct" or "appos" or "parataxis" or "advcl" or "ccomp" or "dep" or "obl:tmod" or "nmod:tmod"
                        || Rel(c).StartsWith("obl", StringComparison.Ordinal) || CaseOf(c) is "according" or "since" or "during" or "after" or "before")
                    {
                        continue;
                    }
                    stack.Push(c);
                }
            }
            // Parsers often misattach pre-modifiers; the words directly left of the head that can
            // belong to a noun phrase ("British Defence Secretary Tom King") are part of it.
            var sentence = _doc.Sentences[_t[h].Sentence];
            for (var k = h - 1; k >= sentence.FirstToken && h - k <= 6; k--)
            {
                if (Upos(k) is not ("ADJ" or "NOUN" or "PROPN" or "NUM") && Text(k) is not ("'s" or "’s"))
                {
                    break;
                }
                if (!tokens.Contains(k))
                {
                    tokens.Add(k);
                }
            }
            // Best named match: the one covering the head, else the closest modifier.
            int bestMatch = -1, bestRank = int.MaxValue, agentMatch = -1, agentRank = int.MaxValue;
            foreach (var k in tokens)
            {
                var mi = _matchOf[k];
                if (mi < 0)
                {
                    continue;
                }
                var m = _matches[mi];
                if (m.Entry.IsDiscard)
                {
                    continue;
                }
                var rank = Rank(k, h);
                if (m.Entry.IsAgent)
                {
                    if (rank < agentRank)
                    {
                        agentRank = rank;
                        agentMatch = mi;
                    }
                }
                else if (rank < bestRank)
                {
                    bestRank = rank;
                    bestMatch = mi;
                }
            }
            if (bestMatch < 0 && agentMatch < 0)
            {
                if (Upos(h) == "PROPN")
                {
                    yield return UnknownNamed(h);
                }
                else if (NameOf(h) is var name && name >= 0)
                {
                    // "his colleague Chengeto Chidi": the name in apposition names the actor.
                    yield return UnknownNamed(name);
                }
                yield break;
            }
            var agent = agentMatch >= 0 ? _matches[agentMatch] : (ActorMatch?)null;
            if (bestMatch < 0)
            {
                // A sector word names the actor only as the phrase head ("the soldiers", not "military aid").
                if (agentRank == 0)
                {
                    var composed = Compose(null, agent!.Value, h);
                    if (composed.Country is null && Rel(h) is "nsubj" or "nsubj:pass" && Child(h, "nmod:poss") is var poss && poss >= 0 && Upos(poss) == "PRON"
                        && ResolvePronoun(poss, why) is { Country: { } owner } && _c.Actors.CountryCodes.Contains(owner))
                    {
                        // "Russia denied that its forces attacked": the owner gives the subject's country.
                        // (An object keeps the target rules: "withdraw its troops from Lebanon".)
                        composed = composed with { Code = owner + composed.Code, Country = owner };
                    }
                    yield return composed;
                }
                else if (Upos(h) == "PROPN")
                {
                    // "President Dos Santos", "Judge Alejandro Rivera": an unknown name with its title.
                    yield return UnknownNamed(h, agent!.Value.End <= h && h - agent.Value.End <= 3 ? agent : null);
                }
                else if (NameOf(h) is var name && name >= 0)
                {
                    yield return UnknownNamed(name);
                }
                yield break;
            }
            var named = _matches[bestMatch];
            if (named.Entry.Kind == "person" && _date is { } day && named.Start <= h && h < named.End && !named.Entry.Codes.Any(c => !c.IsUndated && c.Covers(day)))
            {
                // "U.N. mediator Diego Cordovez" on a date the dictionary gives him no role: the
                // affiliation the text states beats a role he held at another time.
                var stated = -1;
                foreach (var k in tokens)
                {
                    var mi = _matchOf[k];
                    if (mi >= 0 && mi != bestMatch && _matches[mi].End <= named.Start && _matches[mi].Entry.Kind is "igo" or "ngo" or "country" or "organization"
                        && (stated < 0 || _matches[mi].End > _matches[stated].End))
                    {
                        stated = mi;
                    }
                }
                if (stated >= 0)
                {
                    why.Add($"'{Text(h)}': no dated role on {day:yyyy-MM-dd}; the stated affiliation '{Text(_matches[stated].Start)}' is used");
                    named = _matches[stated];
                }
            }
            yield return Compose(named, agent, h);
            if (named.Start <= h && h < named.End)
            {
                // The head is the name itself; coordinated heads are handled by ActorsOf.
                yield break;
            }
            // "Hungarian and Romanian officials": coordinated modifiers are separate actors.
            foreach (var c in Children(named.Start))
            {
                if (Rel(c) == "conj" && _matchOf[c] >= 0 && !_matches[_matchOf[c]].Entry.IsAgent && !_matches[_matchOf[c]].Entry.IsDiscard)
                {
                    yield return Compose(_matches[_matchOf[c]], agent, h);
                }
            }
            for (var k = named.Start; k < named.End; k++)
            {
                foreach (var c in Children(k))
                {
                    if (Rel(c) == "conj" && c >= named.End && _matchOf[c] >= 0 && _matchOf[c] != bestMatch
                        && !_matches[_matchOf[c]].Entry.IsAgent && !_matches[_matchOf[c]].Entry.IsDiscard && k != named.Start)
                    {
                        yield return Compose(_matches[_matchOf[c]], agent, h);
                    }
                }
            }
        }

        /// <summary>Lower is closer: the head itself, then direct modifiers (amod, compound, poss, flat), then nested phrases.</summary>
        private int Rank(int k, int head)
        {
            var m = _matchOf[k];
            if (m >= 0)
            {
                var match = _matches[m];
                if (match.Start <= head && head < match.End)
                {
                    return 0;
                }
            }
            var depth = 0;
            var cur = k;
            while (cur >= 0 && cur != head && depth < 20)
            {
                depth++;
                cur = _t[cur].Head;
            }
            if (cur != head && k < head)
            {
                // A pre-modifier the parser attached elsewhere: as close as its distance.
                return (head - k) * 2;
            }
            var rel = Rel(k);
            var direct = rel is "amod" or "compound" or "nmod:poss" or "flat" or "flat:name";
            return depth * 2 + (direct ? 0 : 1);
        }

        private ActorMention Compose(ActorMatch? named, ActorMatch? agent, int head)
        {
            string? code = null;
            var entries = new List<string>();
            var kind = "agent";
            var start = int.MaxValue;
            var end = -1;
            void Cover(int s, int e)
            {
                start = Math.Min(start, _t[s].Start);
                end = Math.Max(end, _t[e - 1].End);
            }
            string? agentCode = null;
            if (agent is { } ag)
            {
                agentCode = ag.Entry.CodeOn(_date);
                entries.Add(ag.Entry.Entry);
                Cover(ag.Start, ag.End);
            }
            if (named is { } nm)
            {
                code = nm.Entry.CodeOn(_date);
                kind = nm.Entry.Kind;
                entries.Insert(0, nm.Entry.Entry);
                Cover(nm.Start, nm.End);
                var headIsNamed = nm.Start <= head && head < nm.End;
                if (code is not null && agentCode is not null && agentCode.StartsWith('~') && (!headIsNamed || code.Length == 3))
                {
                    // "Russian soldiers" = RUS + MIL; "Moscow's army" = RUS + MIL.
                    code = code[..3] + agentCode[1..];
                }
            }
            else if (agentCode is not null)
            {
                code = agentCode.EndsWith('~') ? agentCode[..^1] : agentCode[1..];
            }
            Cover(head, head + 1);
            var country = code is { Length: >= 3 } && (named is not null || agentCode is not null && agentCode.EndsWith('~')) ? code[..3] : null;
            var sectors = new List<string>();
            if (code is not null)
            {
                for (var p = country is null ? 0 : 3; p + 3 <= code.Length; p += 3)
                {
                    sectors.Add(code.Substring(p, 3));
                }
            }
            var span = new TextSpan(start, end);
            return new ActorMention(span, span.Of(_doc.Text), code, country, sectors, kind, entries.Count > 0 ? string.Join(" + ", entries) : null);
        }

        private ActorMention MentionFromMatch(ActorMatch m)
        {
            var code = m.Entry.CodeOn(_date);
            var span = new TextSpan(_t[m.Start].Start, _t[m.End - 1].End);
            var sectors = new List<string>();
            for (var p = 3; code is not null && p + 3 <= code.Length; p += 3)
            {
                sectors.Add(code.Substring(p, 3));
            }
            return new ActorMention(span, span.Of(_doc.Text), code, code?[..3], sectors, m.Entry.Kind, m.Entry.Entry);
        }

        private int NameOf(int h)
        {
            foreach (var c in Children(h))
            {
                if (Rel(c) is "appos" or "flat" or "flat:name" && Upos(c) == "PROPN")
                {
                    return c;
                }
            }
            return -1;
        }

        /// <summary>A name no dictionary knows: output with its text and a guessed kind, no code.</summary>
        private ActorMention UnknownNamed(int h, ActorMatch? title = null)
        {
            var start = h;
            var end = h;
            foreach (var c in Children(h))
            {
                if (Rel(c) is "flat" or "flat:name" or "compound" && Upos(c) == "PROPN")
                {
                    start = Math.Min(start, c);
                    end = Math.Max(end, c);
                }
            }
            if (title is { } tm && tm.Entry.CodeOn(_date) is { } tc && tc.StartsWith('~'))
            {
                // A title gives the sectors, never a country ("President" is GOV of some country).
                var sectors = new List<string>();
                for (var p = 1; p + 3 <= tc.Length; p += 3)
                {
                    sectors.Add(tc.Substring(p, 3));
                }
                var titled = new TextSpan(_t[Math.Min(start, tm.Start)].Start, _t[end].End);
                return new ActorMention(titled, titled.Of(_doc.Text), tc[1..], null, sectors, "person", tm.Entry.Entry);
            }
            var span = new TextSpan(_t[start].Start, _t[end].End);
            var text = span.Of(_doc.Text);
            var lower = text.ToLowerInvariant();
            var words = lower.Split(' ');
            var kind = words.Any(w => ArmedWords.Contains(w)) ? "group"
                : words.Any(w => OrgWords.Contains(w)) || text.All(ch => !char.IsLetter(ch) || char.IsUpper(ch)) ? "organization"
                : "person";
            if (kind == "organization" && words.Any(w => NgoWords.Contains(w)))
            {
                // "Third World Water Forum", "Association of African Jurists": civil-society bodies
                // are NGOs in CAMEO's actor scheme.
                return new ActorMention(span, text, "NGO", "NGO", [], "ngo", null);
            }
            return new ActorMention(span, text, null, null, [], kind, null);
        }

        private bool IsPlural(int i) =>
            _t[i].Xpos is "NNS" or "NNPS" || (_t[i].Feats?.Contains("Number=Plur", StringComparison.Ordinal) ?? false)
            || Upos(i) == "NOUN" && Text(i).EndsWith('s') && !Lemma(i).EndsWith('s');

        private ActorMention? ResolvePronoun(int p, List<string> why)
        {
            var lemma = Lemma(p);
            if (lemma is not ("he" or "she" or "it" or "they" or "we" or "its" or "their" or "his" or "her"))
            {
                return null;
            }
            var person = lemma is "he" or "she" or "his" or "her";
            var plural = lemma is "they" or "we" or "their";
            if (Rel(p) is "nsubj" or "nsubj:pass" && _t[p].Head is var clause && clause >= 0 && Rel(clause) == "ccomp"
                && _t[clause].Head is var say && say >= 0 && IsSay(say) && Child(say, "nsubj") is var speaker && speaker >= 0 && speaker < p)
            {
                // "Militants ... said they attempted ...": the subject of a reported clause is, first of
                // all, the speaker, when person and number agree.
                var speakerPlural = IsPlural(speaker);
                foreach (var a in ActorsOfOne(speaker, why))
                {
                    var agrees = person ? a.Kind == "person" : plural ? speakerPlural || a.Kind is "group" or "organization" : !speakerPlural && a.Kind != "person";
                    if (agrees)
                    {
                        why.Add($"pronoun '{Text(p)}' -> the speaker '{a.Text}'");
                        return a;
                    }
                    break;
                }
            }
            // The nearest named actor before the pronoun in this sentence, else the last one before.
            // "They" is not a country named in the singular ("Ukraine ... they were called up").
            for (var k = _matches.Count - 1; k >= 0; k--)
            {
                var m = _matches[k];
                if (m.Start >= p || m.Entry.IsAgent || m.Entry.IsDiscard)
                {
                    continue;
                }
                if (person != (m.Entry.Kind == "person") || plural && m.Entry.Kind == "country" && !IsPlural(m.End - 1))
                {
                    continue;
                }
                var a = MentionFromMatch(m);
                why.Add($"pronoun '{Text(p)}' -> '{a.Text}'");
                return a;
            }
            if (_lastActor is not null && person == (_lastActor.Kind == "person") && !(plural && _lastActor.Kind == "country" && !_lastActorPlural))
            {
                why.Add($"pronoun '{Text(p)}' -> '{_lastActor.Text}' (previous sentence)");
                return _lastActor;
            }
            return null;
        }
    }

    /// <summary>Stable id: SHA-256 of article id, sentence, trigger span, CAMEO code and actor spans.</summary>
    internal static string EventId(string articleId, int sentence, TextSpan trigger, string code, TextSpan? source, TextSpan? target)
    {
        var key = $"{articleId}|{sentence}|{trigger.Start}-{trigger.End}|{code}|{source?.Start}-{source?.End}|{target?.Start}-{target?.End}";
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return "ev-" + Convert.ToHexStringLower(hash[..8]);
    }
}
