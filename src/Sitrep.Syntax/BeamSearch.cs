namespace Sitrep.Syntax;

/// <summary>
/// Beam search over arc-hybrid transitions (Zhang &amp; Nivre 2011): every item is expanded by
/// SHIFT and its best-labelled LEFT and RIGHT arcs, and the <see cref="Width"/> best by summed score survive; ties go to
/// the earlier item and transition, so decoding is deterministic. Every derivation of an n-word
/// sentence takes exactly 2n transitions, so the items stay in step. Items are whole states
/// (only the first n+2 cells are copied, the word and tag arrays are shared), and each step's
/// parent pointers and transitions are kept so training can replay any item's derivation.
/// Forced transitions (see <see cref="Parser.Parse(IScorer, int, int, ParseState)"/>) add no score.
/// Not thread-safe: one per thread.
/// </summary>
internal sealed class BeamSearch
{
    private readonly int _classes;
    private ParseState[] _states;
    private ParseState[] _next;
    private double[] _score;
    private double[] _nextScore;
    private bool[] _gold;
    private bool[] _nextGold;
    private readonly double[] _candScore;
    private readonly int[] _candItem;
    private readonly int[] _candT;
    private readonly float[] _scores;
    private readonly ulong[] _feats;
    private readonly int[] _featCount;
    private int[] _parent = new int[256];
    private int[] _trans = new int[256];
    private int _count;

    public BeamSearch(int width, int classes)
    {
        if (width < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "beam width must be at least 1");
        }
        Width = width;
        _classes = classes;
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
        _candT = new int[width];
        _scores = new float[classes];
        _feats = new ulong[width * Parser.MaxFeatures];
        _featCount = new int[width];
    }

    private static bool Forced(ParseState s) => s.Sp == 0 || (s.Sp == 1 && s.B == s.N);

    public int Width { get; }
    public int Classes => _classes;
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
        }
    }

    /// <summary>Parses <paramref name="s"/> (prepared by Reset) and leaves the best analysis in it.</summary>
    public void Decode(IScorer weights, int labels, int rootLabel, ParseState s)
    {
        Start(s);
        while (!Done)
        {
            Step(weights, labels, rootLabel, -1);
        }
        s.CopyFrom(Best);
    }

    /// <summary>One transition for every item; <paramref name="goldTransition"/> tracks the gold item (-1 when not training).</summary>
    public void Step(IScorer weights, int labels, int rootLabel, int goldTransition)
    {
        // Features of every item first, and their weights prefetched, so the items' cache misses overlap.
        for (var i = 0; i < _count; i++)
        {
            var s = _states[i];
            if (!Forced(s))
            {
                var feats = _feats.AsSpan(i * Parser.MaxFeatures, Parser.MaxFeatures);
                _featCount[i] = Parser.Features(s, feats);
                weights.Prefetch(feats[.._featCount[i]]);
            }
        }
        var cands = 0;
        for (var i = 0; i < _count; i++)
        {
            var s = _states[i];
            var baseScore = _score[i];
            if (s.Sp == 0)
            {
                Offer(ref cands, baseScore, i, 0);
                continue;
            }
            if (s.Sp == 1 && s.B == s.N)
            {
                Offer(ref cands, baseScore, i, 1 + rootLabel);
                continue;
            }
            weights.Score(_feats.AsSpan(i * Parser.MaxFeatures, _featCount[i]), _scores);
            var scores = _scores;
            // Only the best label of each arc direction competes: otherwise a small beam fills
            // up with one attachment under different labels and keeps no structural alternatives.
            if (s.B < s.N)
            {
                Offer(ref cands, baseScore + scores[0], i, 0);
                var left = BestLabel(scores, 1, rootLabel, labels);
                Offer(ref cands, baseScore + scores[left], i, left);
            }
            if (s.Sp >= 2)
            {
                var right = BestLabel(scores, labels + 1, rootLabel, labels);
                Offer(ref cands, baseScore + scores[right], i, right);
            }
        }
        var row = Steps * Width;
        for (var c = 0; c < cands; c++)
        {
            var item = _candItem[c];
            var t = _candT[c];
            var next = _next[c];
            next.CopyFrom(_states[item]);
            Parser.Apply(next, t, labels);
            _nextScore[c] = _candScore[c];
            _nextGold[c] = _gold[item] && t == goldTransition;
            _parent[row + c] = item;
            _trans[row + c] = t;
        }
        (_states, _next) = (_next, _states);
        (_score, _nextScore) = (_nextScore, _score);
        (_gold, _nextGold) = (_nextGold, _gold);
        _count = cands;
        Steps++;
    }

    /// <summary>The first highest-scoring non-root transition among the <paramref name="labels"/> starting at <paramref name="first"/>.</summary>
    private static int BestLabel(float[] scores, int first, int rootLabel, int labels)
    {
        var best = -1;
        for (var l = 0; l < labels; l++)
        {
            if (l != rootLabel && (best < 0 || scores[first + l] > scores[best]))
            {
                best = first + l;
            }
        }
        return best;
    }

    /// <summary>Keeps the candidate if it is among the best so far; equal scores keep the earlier one ahead.</summary>
    private void Offer(ref int count, double score, int item, int t)
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
            _candT[pos] = _candT[pos - 1];
            pos--;
        }
        _candScore[pos] = score;
        _candItem[pos] = item;
        _candT[pos] = t;
    }

    /// <summary>The transitions that led to the current best item (Steps of them).</summary>
    public void BestDerivation(Span<int> transitions)
    {
        var item = 0;
        for (var step = Steps - 1; step >= 0; step--)
        {
            transitions[step] = _trans[step * Width + item];
            item = _parent[step * Width + item];
        }
    }
}
