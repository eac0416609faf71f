namespace Sitrep.Syntax;

/// <summary>
/// Mutable arc-hybrid configuration (Kuhlmann et al. 2011) with the root at the end of the
/// buffer, which gives the single-root constraint for free: the root can only take a left
/// dependent when the stack holds exactly one word. Positions n (ROOT) and n+1 (NONE) are
/// sentinels so feature extraction needs no branches.
/// </summary>
internal sealed class ParseState
{
    public int N;
    public int[] Stack = new int[64];
    public int Sp;
    public int B;
    public int[] Head = new int[64];
    public int[] Label = new int[64];
    public int[] Lc1 = new int[64];
    public int[] Lc2 = new int[64];
    public int[] Rc1 = new int[64];
    public int[] Rc2 = new int[64];
    public int[] Nl = new int[64];
    public int[] Nr = new int[64];
    public ulong[] LSet = new ulong[64];
    public ulong[] RSet = new ulong[64];
    public ulong[] W = new ulong[64];
    public ulong[] P = new ulong[64];
    /// <summary>Word cluster feature values (fine and mid level, see <see cref="WordClusters.Levels"/>).</summary>
    public ulong[] C = new ulong[64];
    public ulong[] M = new ulong[64];

    public int Root => N;
    public int None => N + 1;
    public bool Terminal => Sp == 0 && B == N;

    public void Reset(int n)
    {
        N = n;
        var size = n + 2;
        if (Head.Length < size)
        {
            var cap = Grow(size);
            W = new ulong[cap];
            P = new ulong[cap];
            C = new ulong[cap];
            M = new ulong[cap];
        }
        for (var i = 0; i < size; i++)
        {
            Head[i] = -1;
            Label[i] = -1;
            Lc1[i] = Lc2[i] = Rc1[i] = Rc2[i] = None;
            Nl[i] = Nr[i] = 0;
            LSet[i] = RSet[i] = 0;
        }
        W[N] = P[N] = 11;
        W[N + 1] = P[N + 1] = 13;
        // Cluster codes are small numbers, so ROOT and NONE take values none of them can have.
        C[N] = M[N] = 11UL << 32;
        C[N + 1] = M[N + 1] = 13UL << 32;
        Sp = 0;
        B = 0;
    }

    /// <summary>Reallocates the per-position arrays (not the word and tag arrays) for at least <paramref name="size"/> cells; returns the new capacity.</summary>
    private int Grow(int size)
    {
        var cap = Math.Max(size, Head.Length * 2);
        Stack = new int[cap];
        Head = new int[cap];
        Label = new int[cap];
        Lc1 = new int[cap];
        Lc2 = new int[cap];
        Rc1 = new int[cap];
        Rc2 = new int[cap];
        Nl = new int[cap];
        Nr = new int[cap];
        LSet = new ulong[cap];
        RSet = new ulong[cap];
        return cap;
    }

    /// <summary>Copies <paramref name="o"/> (its first N+2 cells); the word, tag and cluster arrays are shared, not copied.</summary>
    public void CopyFrom(ParseState o)
    {
        var size = o.N + 2;
        if (Head.Length < size)
        {
            Grow(size);
        }
        N = o.N;
        Sp = o.Sp;
        B = o.B;
        W = o.W;
        P = o.P;
        C = o.C;
        M = o.M;
        Array.Copy(o.Stack, Stack, o.Sp);
        Array.Copy(o.Head, Head, size);
        Array.Copy(o.Label, Label, size);
        Array.Copy(o.Lc1, Lc1, size);
        Array.Copy(o.Lc2, Lc2, size);
        Array.Copy(o.Rc1, Rc1, size);
        Array.Copy(o.Rc2, Rc2, size);
        Array.Copy(o.Nl, Nl, size);
        Array.Copy(o.Nr, Nr, size);
        Array.Copy(o.LSet, LSet, size);
        Array.Copy(o.RSet, RSet, size);
    }

    public int S(int k) => Sp > k ? Stack[Sp - 1 - k] : None;

    public void Shift() => Stack[Sp++] = B++;

    /// <summary>b0 takes s0 as its (leftmost so far) left dependent.</summary>
    public void Left(int label)
    {
        var d = Stack[--Sp];
        var h = B;
        Head[d] = h;
        Label[d] = label;
        Lc2[h] = Lc1[h];
        Lc1[h] = d;
        Nl[h]++;
        LSet[h] |= 1UL << (label & 63);
    }

    /// <summary>s1 takes s0 as its (rightmost so far) right dependent.</summary>
    public void Right(int label)
    {
        var d = Stack[--Sp];
        var h = Stack[Sp - 1];
        Head[d] = h;
        Label[d] = label;
        Rc2[h] = Rc1[h];
        Rc1[h] = d;
        Nr[h]++;
        RSet[h] |= 1UL << (label & 63);
    }
}

/// <summary>
/// One class of the parser's move classifier: SHIFT, or an arc in one direction with a fixed
/// label, or with <see cref="Label"/> -1, an arc whose label the labeller chooses.
/// </summary>
internal readonly record struct MoveClass(int Move, int Label);

/// <summary>
/// Arc-hybrid dependency parser (greedy, or beam search with <see cref="BeamSearch"/>) in two
/// parts. A move classifier picks SHIFT or an arc from Zhang &amp; Nivre (2011) style features
/// (words, tags, distance, valency, label sets, second-order children) plus word clusters
/// (<see cref="WordClusters"/>), trained with the dynamic oracle of Goldberg &amp; Nivre (2013).
/// Its classes are SHIFT, the most frequent (direction, label) pairs of training, and one
/// "other" arc per direction, whose label a separate labeller chooses. Arc-hybrid attaches a
/// word only once it has all its dependents, so the labeller sees the dependent's whole subtree
/// (its case marker, its subject) and the head's siblings so far.
/// Why: with one class per labelled transition (about 100) the row reads after the hash lookups
/// took about half the parser's time; <see cref="MoveWeights"/> keeps a feature's weights in or
/// beside its hash slot, at most 30 classes so a long row is one cache line. With 3 classes
/// (every label from the labeller) dev UAS fell 0.7 and with 14 GUM dev fell 0.5: frequent
/// labels need weights of their own.
/// Derivations encode a transition as 0 = SHIFT, 1..L = LEFT(label), L+1..2L = RIGHT(label).
/// </summary>
internal sealed class Parser
{
    public const int MaxFeatures = 128;
    public const int MaxLabelFeatures = 64;
    public const int MaxBeam = 256;
    public const int Shift = 0;
    public const int Left = 1;
    public const int Right = 2;

    public Parser(MoveSet set, MoveWeights moves, SparseWeights labeler, int beam)
    {
        if (beam is < 1 or > MaxBeam)
        {
            throw new InvalidDataException($"parser model: beam width {beam} must be between 1 and {MaxBeam}");
        }
        if (labeler.Classes != set.L || moves.Classes != set.Classes.Length)
        {
            throw new InvalidDataException($"parser model: {moves.Classes} move weights for {set.Classes.Length} classes, a labeller of {labeler.Classes} for {set.L} labels");
        }
        Set = set;
        Moves = moves;
        Labeler = labeler;
        Beam = beam;
    }

    public MoveSet Set { get; }
    public string[] Labels => Set.Labels;
    public int L => Set.L;
    public int RootLabel => Set.RootLabel;
    /// <summary>Beam width the model was trained for; 1 = greedy.</summary>
    public int Beam { get; }
    public MoveWeights Moves { get; }
    public SparseWeights Labeler { get; }

    public Parser WithBeam(int beam) => new(Set, Moves, Labeler, beam);

    /// <summary>Whether a state admits no choice: an empty stack can only shift, and the last word left on the stack when the buffer is down to ROOT can only become the root.</summary>
    public static bool Forced(ParseState s) => s.Sp == 0 || (s.Sp == 1 && s.B == s.N);

    /// <summary>Whether <paramref name="move"/> is allowed in a state that is not <see cref="Forced"/>: arcs to ROOT are forced, so LEFT needs a word in the buffer too.</summary>
    public static bool Valid(ParseState s, int move) => move == Right ? s.Sp >= 2 : s.B < s.N;

    /// <summary>The highest-scoring label among <paramref name="allowed"/> (the first on ties).</summary>
    public static int BestLabel(ReadOnlySpan<float> scores, bool[] allowed)
    {
        var best = -1;
        for (var l = 0; l < scores.Length; l++)
        {
            if (allowed[l] && (best < 0 || scores[l] > scores[best]))
            {
                best = l;
            }
        }
        return best;
    }

    public static int Encode(int move, int label, int labels) => move == Shift ? 0 : move == Left ? 1 + label : 1 + labels + label;

    public static int MoveOf(int t, int labels) => t == 0 ? Shift : t <= labels ? Left : Right;

    public static void Apply(ParseState s, int t, int labels)
    {
        if (t == 0)
        {
            s.Shift();
        }
        else if (t <= labels)
        {
            s.Left(t - 1);
        }
        else
        {
            s.Right(t - 1 - labels);
        }
    }

    private static ulong Dist(int a, int b)
    {
        if (a < 0 || b < 0)
        {
            return 0;
        }
        var d = Math.Abs(b - a);
        return d switch { <= 4 => (ulong)d, <= 6 => 5, <= 10 => 6, _ => 7 };
    }

    public static int Features(ParseState s, Span<ulong> f)
    {
        var none = s.None;
        var s0 = s.S(0);
        var s1 = s.S(1);
        var s2 = s.S(2);
        var b0 = s.B;
        var b1 = b0 + 1 <= s.N ? b0 + 1 : none;
        var b2 = b0 + 2 <= s.N ? b0 + 2 : none;
        var s0l = s.Lc1[s0];
        var s0l2 = s.Lc2[s0];
        var s0r = s.Rc1[s0];
        var s0r2 = s.Rc2[s0];
        var s1l = s.Lc1[s1];
        var s1r = s.Rc1[s1];
        var b0l = s.Lc1[b0];
        var b0l2 = s.Lc2[b0];
        var W = s.W;
        var P = s.P;
        var Lb = s.Label;
        ulong Lab(int i) => (ulong)(Lb[i] + 2);

        ulong s0w = W[s0], s0p = P[s0], b0w = W[b0], b0p = P[b0], b1w = W[b1], b1p = P[b1], b2w = W[b2], b2p = P[b2];
        ulong s1w = W[s1], s1p = P[s1], s2p = P[s2];
        var s0wp = Hashing.Mix(s0w ^ (s0p * 31));
        var b0wp = Hashing.Mix(b0w ^ (b0p * 31));
        var s1wp = Hashing.Mix(s1w ^ (s1p * 31));
        var d = s0 == none ? 0 : Dist(s0, b0);
        var d2 = s1 == none ? 0 : Dist(s1, s0);
        var n = 0;
        f[n++] = Hashing.F(1, s0wp);
        f[n++] = Hashing.F(2, s0w);
        f[n++] = Hashing.F(3, s0p);
        f[n++] = Hashing.F(4, b0wp);
        f[n++] = Hashing.F(5, b0w);
        f[n++] = Hashing.F(6, b0p);
        f[n++] = Hashing.F(7, b1w, b1p);
        f[n++] = Hashing.F(8, b1w);
        f[n++] = Hashing.F(9, b1p);
        f[n++] = Hashing.F(10, b2w, b2p);
        f[n++] = Hashing.F(11, b2w);
        f[n++] = Hashing.F(12, b2p);
        f[n++] = Hashing.F(13, s1wp);
        f[n++] = Hashing.F(14, s1w);
        f[n++] = Hashing.F(15, s1p);
        f[n++] = Hashing.F(16, s2p);

        f[n++] = Hashing.F(20, s0wp, b0wp);
        f[n++] = Hashing.F(21, s0wp, b0w);
        f[n++] = Hashing.F(22, s0w, b0wp);
        f[n++] = Hashing.F(23, s0wp, b0p);
        f[n++] = Hashing.F(24, s0p, b0wp);
        f[n++] = Hashing.F(25, s0w, b0w);
        f[n++] = Hashing.F(26, s0p, b0p);
        f[n++] = Hashing.F(27, b0p, b1p);
        f[n++] = Hashing.F(28, s1wp, s0wp);
        f[n++] = Hashing.F(29, s1w, s0w);
        f[n++] = Hashing.F(30, s1p, s0p);
        f[n++] = Hashing.F(31, s1p, s0w);
        f[n++] = Hashing.F(32, s1w, s0p);
        f[n++] = Hashing.F(33, s1p, b0p);

        f[n++] = Hashing.F(40, b0p, b1p, b2p);
        f[n++] = Hashing.F(41, s0p, b0p, b1p);
        f[n++] = Hashing.F(42, s1p, s0p, b0p);
        f[n++] = Hashing.F(43, s0p, P[s0l], b0p);
        f[n++] = Hashing.F(44, s0p, P[s0r], b0p);
        f[n++] = Hashing.F(45, s0p, b0p, P[b0l]);
        f[n++] = Hashing.F(46, s1p, P[s1r], s0p);
        f[n++] = Hashing.F(47, s1p, s0p, P[s0l]);
        f[n++] = Hashing.F(48, s2p, s1p, s0p);
        f[n++] = Hashing.F(49, s1p, s0p, P[s0r]);
        f[n++] = Hashing.F(50, s1p, P[s1l], s0p);
        f[n++] = Hashing.F(51, s1w, s0p, b0p);
        f[n++] = Hashing.F(52, s1p, s0w, b0p);
        f[n++] = Hashing.F(53, s1p, s0p, b0w);

        f[n++] = Hashing.F(55, s0w, d);
        f[n++] = Hashing.F(56, s0p, d);
        f[n++] = Hashing.F(57, b0w, d);
        f[n++] = Hashing.F(58, b0p, d);
        f[n++] = Hashing.F(59, s0w, b0w, d);
        f[n++] = Hashing.F(60, s0p, b0p, d);
        f[n++] = Hashing.F(61, s1p, s0p, d2);

        f[n++] = Hashing.F(66, s0p, (ulong)s.Nr[s0]);
        f[n++] = Hashing.F(68, s0p, (ulong)s.Nl[s0]);
        f[n++] = Hashing.F(69, b0w, (ulong)s.Nl[b0]);
        f[n++] = Hashing.F(70, b0p, (ulong)s.Nl[b0]);
        f[n++] = Hashing.F(71, s1p, (ulong)s.Nr[s1]);

        f[n++] = Hashing.F(75, W[s0l]);
        f[n++] = Hashing.F(76, P[s0l]);
        f[n++] = Hashing.F(77, Lab(s0l));
        f[n++] = Hashing.F(78, W[s0r]);
        f[n++] = Hashing.F(79, P[s0r]);
        f[n++] = Hashing.F(80, Lab(s0r));
        f[n++] = Hashing.F(81, W[b0l]);
        f[n++] = Hashing.F(82, P[b0l]);
        f[n++] = Hashing.F(83, Lab(b0l));
        f[n++] = Hashing.F(84, P[s1l]);
        f[n++] = Hashing.F(85, Lab(s1l));
        f[n++] = Hashing.F(86, P[s1r]);
        f[n++] = Hashing.F(87, Lab(s1r));

        f[n++] = Hashing.F(91, P[s0l2]);
        f[n++] = Hashing.F(92, Lab(s0l2));
        f[n++] = Hashing.F(94, P[s0r2]);
        f[n++] = Hashing.F(95, Lab(s0r2));
        f[n++] = Hashing.F(97, P[b0l2]);
        f[n++] = Hashing.F(98, Lab(b0l2));
        f[n++] = Hashing.F(99, s0p, P[s0l], P[s0l2]);
        f[n++] = Hashing.F(100, s0p, P[s0r], P[s0r2]);
        f[n++] = Hashing.F(101, b0p, P[b0l], P[b0l2]);

        f[n++] = Hashing.F(105, s0w, s.RSet[s0]);
        f[n++] = Hashing.F(106, s0p, s.RSet[s0]);
        f[n++] = Hashing.F(107, s0w, s.LSet[s0]);
        f[n++] = Hashing.F(108, s0p, s.LSet[s0]);
        f[n++] = Hashing.F(109, b0w, s.LSet[b0]);
        f[n++] = Hashing.F(110, b0p, s.LSet[b0]);
        f[n++] = Hashing.F(111, s1p, s.RSet[s1]);
        f[n++] = Hashing.F(112, s0p, Lab(s0l), b0p);
        f[n++] = Hashing.F(113, s0p, b0p, Lab(b0l));
        f[n++] = Hashing.F(114, s1p, Lab(s1r), s0p);

        // Word clusters (Koo et al. 2008): fine clusters stand in for words, mid ones pair with tags.
        var C = s.C;
        var M = s.M;
        ulong s0c = C[s0], b0c = C[b0], s0m = M[s0], b0m = M[b0];
        f[n++] = Hashing.F(120, s0c);
        f[n++] = Hashing.F(121, b0c);
        f[n++] = Hashing.F(122, C[b1]);
        f[n++] = Hashing.F(123, C[s1]);
        f[n++] = Hashing.F(124, s0c, b0p);
        f[n++] = Hashing.F(125, s0p, b0c);
        f[n++] = Hashing.F(126, s0m, b0m);
        f[n++] = Hashing.F(127, s0m, b0p, d);
        f[n++] = Hashing.F(128, s0p, b0m, d);
        f[n++] = Hashing.F(129, M[s1], s0m);
        f[n++] = Hashing.F(130, s0m, b0p, M[b1]);
        f[n++] = Hashing.F(131, C[s0l]);
        f[n++] = Hashing.F(132, C[s0r]);
        f[n++] = Hashing.F(133, C[b0l]);
        return n;
    }

    /// <summary>
    /// Features of the arc a LEFT (<paramref name="left"/>) or RIGHT move would build from s0 to
    /// its head (b0 or s1), for the labeller. Templates are per direction (nsubj goes left, obj right).
    /// </summary>
    public static int LabelFeatures(ParseState s, bool left, Span<ulong> g)
    {
        var none = s.None;
        var d = s.Stack[s.Sp - 1];
        var h = left ? s.B : s.Stack[s.Sp - 2];
        var W = s.W;
        var P = s.P;
        var Lb = s.Label;
        ulong Lab(int i) => (ulong)(Lb[i] + 2);
        ulong dw = W[d], dp = P[d], hw = W[h], hp = P[h];
        var dl = s.Lc1[d];
        var dr = s.Rc1[d];
        // The sibling attached just before on this side, and the word beyond the arc.
        var near = left ? s.Lc1[h] : s.Rc1[h];
        var beyond = left ? s.S(1) : s.B;
        var t = left ? 140 : 180;
        var n = 0;
        g[n++] = Hashing.F(t + 1, hp, dp);
        g[n++] = Hashing.F(t + 2, hw, dp);
        g[n++] = Hashing.F(t + 3, hp, dw);
        g[n++] = Hashing.F(t + 4, hw, dw);
        g[n++] = Hashing.F(t + 5, dw);
        g[n++] = Hashing.F(t + 6, dp);
        g[n++] = Hashing.F(t + 7, hw);
        g[n++] = Hashing.F(t + 8, hp);
        g[n++] = Hashing.F(t + 9, hp, dp, Dist(d, h));
        g[n++] = Hashing.F(t + 10, dp, s.LSet[d]);
        g[n++] = Hashing.F(t + 11, dp, s.RSet[d]);
        g[n++] = Hashing.F(t + 12, hp, left ? s.LSet[h] : s.RSet[h]);
        g[n++] = Hashing.F(t + 13, dp, W[dl]);
        g[n++] = Hashing.F(t + 14, hp, W[dl]);
        g[n++] = Hashing.F(t + 15, dp, P[dl], Lab(dl));
        g[n++] = Hashing.F(t + 16, dp, P[dr], Lab(dr));
        g[n++] = Hashing.F(t + 17, hp, dp, Lab(near));
        g[n++] = Hashing.F(t + 18, dp, P[d > 0 ? d - 1 : none], P[d + 1]);
        g[n++] = Hashing.F(t + 19, hp, P[h > 0 ? h - 1 : none], P[h + 1]);
        g[n++] = Hashing.F(t + 20, hp, dp, P[beyond]);
        g[n++] = Hashing.F(t + 21, s.C[d], hp);
        g[n++] = Hashing.F(t + 22, dp, s.C[h]);
        g[n++] = Hashing.F(t + 23, s.M[d], s.M[h]);
        g[n++] = Hashing.F(t + 24, dp, (ulong)s.Nl[d], (ulong)s.Nr[d]);
        g[n++] = Hashing.F(t + 25, hw, W[dl]);
        g[n++] = Hashing.F(t + 26, hp, dp, W[dl]);
        g[n++] = Hashing.F(t + 27, hp, dp, Lab(dl));
        g[n++] = Hashing.F(t + 28, hw, dp, Lab(dl));
        g[n++] = Hashing.F(t + 29, hp, dp, Lab(s.Lc1[h]));
        return n;
    }

    /// <summary>
    /// Parses the words whose W/P features are already in <paramref name="s"/> (after Reset),
    /// greedily or with the model's beam (<paramref name="beam"/> is the caller's per-thread scratch).
    /// </summary>
    public void Parse(ParseState s, ref BeamSearch? beam)
    {
        if (Beam == 1)
        {
            Set.Parse(Moves, Labeler, s);
            return;
        }
        // The scratch is per thread, not per model: a thread may use models of other widths.
        if (beam is null || beam.Width != Beam || beam.Set != Set)
        {
            beam = new BeamSearch(Beam, Set);
        }
        beam.Decode(Moves, Labeler, s);
    }

    // Files start with -Format; format 2 (labelled transitions) and the unversioned format before it are refused.
    private const int Format = 3;

    public void Write(BinaryWriter output)
    {
        output.Write(-Format);
        output.Write(Beam);
        output.Write(Labels.Length);
        foreach (var l in Labels)
        {
            output.Write(l);
        }
        output.Write(Set.Classes.Length);
        foreach (var c in Set.Classes)
        {
            output.Write(c.Move);
            output.Write(c.Label);
        }
        Moves.Write(output);
        Labeler.Write(output);
    }

    public static Parser Read(BinaryReader input)
    {
        var format = -input.ReadInt32();
        if (format != Format)
        {
            throw new InvalidDataException($"parser model: format {Math.Max(format, 1)}, from before the move classes and labeller of format {Format}; retrain with `sitrep train syntax`");
        }
        var beam = input.ReadInt32();
        var labels = new string[input.ReadInt32()];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = string.Intern(input.ReadString());
        }
        var count = input.ReadInt32();
        if (count is < 3 or > MoveWeights.MaxClasses)
        {
            throw new InvalidDataException($"parser model: {count} move classes, not 3 to {MoveWeights.MaxClasses}");
        }
        var classes = new MoveClass[count];
        for (var c = 0; c < classes.Length; c++)
        {
            classes[c] = new MoveClass(input.ReadInt32(), input.ReadInt32());
            if (classes[c].Move is < Shift or > Right || classes[c].Label < -1 || classes[c].Label >= labels.Length)
            {
                throw new InvalidDataException($"parser model: move class {c} ({classes[c]}) is not a move and label");
            }
        }
        var moves = MoveWeights.Read(input);
        return new Parser(new MoveSet(labels, classes), moves, SparseWeights.Read(input), beam);
    }
}

/// <summary>
/// The parser's transition system: its labels and move classes (SHIFT, frequent labelled arcs,
/// and per direction an "other" arc labelled by the labeller), with greedy decoding for any weights.
/// </summary>
internal sealed class MoveSet
{
    public MoveSet(string[] labels, MoveClass[] classes)
    {
        RootLabel = Array.IndexOf(labels, "root");
        if (RootLabel < 0)
        {
            throw new InvalidDataException("parser model has no 'root' label");
        }
        if (classes.Length is < 3 or > MoveWeights.MaxClasses || classes[0] != new MoveClass(Parser.Shift, -1)
            || Array.IndexOf(classes, new MoveClass(Parser.Left, -1)) < 0 || Array.IndexOf(classes, new MoveClass(Parser.Right, -1)) < 0)
        {
            throw new InvalidDataException($"parser model: move classes must be SHIFT first and include both 'other' arcs, 3 to {MoveWeights.MaxClasses} in all");
        }
        Labels = labels;
        Classes = classes;
        OtherLabels = new bool[3][];
        foreach (var move in new[] { Parser.Left, Parser.Right })
        {
            OtherLabels[move] = new bool[labels.Length];
            for (var l = 0; l < labels.Length; l++)
            {
                OtherLabels[move][l] = l != RootLabel && Array.IndexOf(classes, new MoveClass(move, l)) < 0;
            }
        }
    }

    public string[] Labels { get; }
    public int L => Labels.Length;
    public int RootLabel { get; }
    public MoveClass[] Classes { get; }
    /// <summary>Per direction (index <see cref="Parser.Left"/> or <see cref="Parser.Right"/>), the labels the labeller may give that direction's "other" arc.</summary>
    public bool[][] OtherLabels { get; }

    /// <summary>
    /// Move classes for a training set: SHIFT, then the <paramref name="count"/> - 3 most frequent
    /// (direction, label) pairs of <paramref name="arcs"/> (ties by label name), then the
    /// "other" LEFT and RIGHT arcs. The root arc is never a class: it is always forced.
    /// </summary>
    public static MoveSet Choose(IEnumerable<(int Move, int Label)> arcs, string[] labels, int count)
    {
        if (count is < 3 or > MoveWeights.MaxClasses)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"move classes must be between 3 and {MoveWeights.MaxClasses}");
        }
        var root = Array.IndexOf(labels, "root");
        var top = arcs.Where(a => a.Label != root).GroupBy(a => a).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Move)
            .ThenBy(g => labels[g.Key.Label], StringComparer.Ordinal).Take(count - 3).Select(g => new MoveClass(g.Key.Move, g.Key.Label));
        return new MoveSet(labels, [new MoveClass(Parser.Shift, -1), .. top, new MoveClass(Parser.Left, -1), new MoveClass(Parser.Right, -1)]);
    }

    /// <summary>The highest-scoring valid move class of a state that is not forced (the first on ties).</summary>
    public int BestClass(ParseState s, ReadOnlySpan<float> scores)
    {
        var best = -1;
        var shiftOk = s.B < s.N;
        var rightOk = s.Sp >= 2;
        for (var c = 0; c < Classes.Length; c++)
        {
            if ((Classes[c].Move == Parser.Right ? rightOk : shiftOk) && (best < 0 || scores[c] > scores[best]))
            {
                best = c;
            }
        }
        return best;
    }

    /// <summary>The transition (encoded) that move class <paramref name="c"/> makes in <paramref name="s"/>, asking the labeller for the label of an "other" arc.</summary>
    public int Transition(int c, IScorer labeler, ParseState s, Span<ulong> g, Span<float> labelScores)
    {
        var mc = Classes[c];
        if (mc.Move == Parser.Shift || mc.Label >= 0)
        {
            return Parser.Encode(mc.Move, mc.Label, L);
        }
        var n = Parser.LabelFeatures(s, mc.Move == Parser.Left, g);
        labeler.Score(g[..n], labelScores);
        return Parser.Encode(mc.Move, Parser.BestLabel(labelScores, OtherLabels[mc.Move]), L);
    }

    /// <summary>Greedy parse with these classes and labels but the given weights (the trainer's, between epochs).</summary>
    public void Parse(IScorer moves, IScorer labeler, ParseState s)
    {
        Span<ulong> f = stackalloc ulong[Parser.MaxFeatures];
        Span<ulong> g = stackalloc ulong[Parser.MaxLabelFeatures];
        Span<float> scores = stackalloc float[Classes.Length];
        Span<float> labelScores = stackalloc float[L];
        while (!s.Terminal)
        {
            if (s.Sp == 0)
            {
                s.Shift();
                continue;
            }
            if (s.Sp == 1 && s.B == s.N)
            {
                s.Left(RootLabel);
                continue;
            }
            var n = Parser.Features(s, f);
            moves.Score(f[..n], scores);
            Parser.Apply(s, Transition(BestClass(s, scores), labeler, s, g, labelScores), L);
        }
    }
}
