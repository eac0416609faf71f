namespace Sitrep.Syntax;

/// <summary>
/// Beam search over arc-hybrid transitions (Zhang &amp; Nivre 2011): every item is expanded by
/// each valid move class, the <see cref="Width"/> best by summed move score survive, and the
/// labeller names the "other" arcs of the survivors (labels add no score); ties go to
/// the earlier item and transition, so decoding is deterministic. Every derivation of an n-word
/// sentence takes exactly 2n transitions, so the items stay in step. Items are whole states
/// (only the first n+2 cells are copied, the word and tag arrays are shared), and each step's
/// parent pointers and transitions are kept so training can replay any item's derivation.
/// Forced transitions (see <see cref="Parser.Forced"/>) add no score.
/// Not thread-safe: one per thread.
/// </summary>
internal sealed class BeamSearch
{
    /// <summary>Candidate classes of forced transitions, which take no scoring.</summary>
    private const int ForcedShift = -1;
    private const int ForcedRoot = -2;
    private ParseState[] _states;
    private ParseState[] _next;
    private double[] _score;
    private double[] _nextScore;
    private bool[] _gold;
    private bool[] _nextGold;
    private readonly double[] _candScore;
    private readonly int[] _candItem;
    private readonly int[] _candClass;
    private readonly float[] _scores;
    private readonly float[] _labelScores;
    private readonly ulong[] _labelFeats = new ulong[Parser.MaxLabelFeatures];
    private readonly ulong[] _feats;
    private readonly int[] _featCount;
    private int[] _parent = new int[256];
    private int[] _trans = new int[256];
    private int[] _class = new int[256];
    private int _count;

    public BeamSearch(int width, MoveSet set)
    {
        if (width < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "beam width must be at least 1");
        }
        Width = width;
        Set = set;
        _states = new ParseState[width];
        _next = new ParseState[width];
        for (var i = 0; i < width; i++)
        {
            _states[i] = new ParseState();
            _next[i] = new ParseState();
        }
        _score = new double[width];
        _nextScore = new double[width];
        _gold = new bool[width];
        _nextGold = new bool[width];
        _candScore = new double[width];
        _candItem = new int[width];
        _candClass = new int[width];
        _scores = new float[set.Classes.Length];
        _labelScores = new float[set.L];
        _feats = new ulong[width * Parser.MaxFeatures];
        _featCount = new int[width];
    }

    public int Width { get; }
    /// <summary>The move classes and labels this beam uses (the weights are passed per call).</summary>
    public MoveSet Set { get; }
    /// <summary>Transitions taken so far.</summary>
    public int Steps { get; private set; }
    public ParseState Best => _states[0];
    public double BestScore => _score[0];
    public bool Done => _states[0].Terminal;

    /// <summary>Index of the item that has followed the gold transitions so far, -1 when it fell off the beam.</summary>
    public int GoldIndex
    {
        get
        {
            for (var i = 0; i < _count; i++)
            {
                if (_gold[i])
                {
                    return i;
                }
            }
            return -1;
        }
    }

    public void Start(ParseState init)
    {
        _states[0].CopyFrom(init);
        _score[0] = 0;
        _gold[0] = true;
        _count = 1;
        Steps = 0;
        var need = 2 * (init.N + 1) * Width;
        if (_parent.Length < need)
        {
            _parent = new int[need];
            _trans = new int[need];
            _class = new int[need];
        }
    }

    /// <summary>Parses <paramref name="s"/> (prepared by Reset) and leaves the best analysis in it.</summary>
    public void Decode(IScorer moves, IScorer labeler, ParseState s)
    {
        Start(s);
        while (!Done)
        {
            Step(moves, labeler, -1);
        }
        s.CopyFrom(Best);
    }

    /// <summary>
    /// One transition for every item. <paramref name="goldClass"/> tracks the gold item when
    /// training (-1 otherwise, and for forced transitions): the beam competes on move classes.
    /// </summary>
    public void Step(IScorer moves, IScorer labeler, int goldClass)
    {
        var set = Set;
        // Features of every item first, and their weights prefetched, so the items' cache misses overlap.
        for (var i = 0; i < _count; i++)
        {
            var s = _states[i];
            if (!Parser.Forced(s))
            {
                var feats = _feats.AsSpan(i * Parser.MaxFeatures, Parser.MaxFeatures);
                _featCount[i] = Parser.Features(s, feats);
                moves.Prefetch(feats[.._featCount[i]]);
            }
        }
        var cands = 0;
        for (var i = 0; i < _count; i++)
        {
            var s = _states[i];
            var baseScore = _score[i];
            if (s.Sp == 0)
            {
                Offer(ref cands, baseScore, i, ForcedShift);
                continue;
            }
            if (s.Sp == 1 && s.B == s.N)
            {
                Offer(ref cands, baseScore, i, ForcedRoot);
                continue;
            }
            moves.Score(_feats.AsSpan(i * Parser.MaxFeatures, _featCount[i]), _scores);
            for (var c = 0; c < _scores.Length; c++)
            {
                if (Parser.Valid(s, set.Classes[c].Move))
                {
                    Offer(ref cands, baseScore + _scores[c], i, c);
                }
            }
        }
        var row = Steps * Width;
        for (var c = 0; c < cands; c++)
        {
            var item = _candItem[c];
            var cls = _candClass[c];
            var parent = _states[item];
            var t = cls switch
            {
                ForcedShift => 0,
                ForcedRoot => 1 + set.RootLabel,
                _ => set.Transition(cls, labeler, parent, _labelFeats, _labelScores),
            };
            var next = _next[c];
            next.CopyFrom(parent);
            Parser.Apply(next, t, set.L);
            _nextScore[c] = _candScore[c];
            _nextGold[c] = _gold[item] && (cls < 0 || cls == goldClass);
            _parent[row + c] = item;
            _trans[row + c] = t;
            _class[row + c] = cls < 0 ? -1 : cls;
        }
        (_states, _next) = (_next, _states);
        (_score, _nextScore) = (_nextScore, _score);
        (_gold, _nextGold) = (_nextGold, _gold);
        _count = cands;
        Steps++;
    }

    /// <summary>Keeps the candidate if it is among the best so far; equal scores keep the earlier one ahead.</summary>
    private void Offer(ref int count, double score, int item, int cls)
    {
        if (count == Width && score <= _candScore[Width - 1])
        {
            return;
        }
        var pos = count < Width ? count++ : Width - 1;
        while (pos > 0 && _candScore[pos - 1] < score)
        {
            _candScore[pos] = _candScore[pos - 1];
            _candItem[pos] = _candItem[pos - 1];
            _candClass[pos] = _candClass[pos - 1];
            pos--;
        }
        _candScore[pos] = score;
        _candItem[pos] = item;
        _candClass[pos] = cls;
    }

    /// <summary>The transitions (encoded) and move classes (-1 where forced) that led to the current best item, Steps of each.</summary>
    public void BestDerivation(Span<int> transitions, Span<int> classes)
    {
        var item = 0;
        for (var step = Steps - 1; step >= 0; step--)
        {
            transitions[step] = _trans[step * Width + item];
            classes[step] = _class[step * Width + item];
            item = _parent[step * Width + item];
        }
    }
}
