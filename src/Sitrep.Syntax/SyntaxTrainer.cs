namespace Sitrep.Syntax;

/// <summary>Settings of a training run; the defaults are the ones the shipped model was trained with.</summary>
public sealed record SyntaxTrainOptions
{
    public int TaggerEpochs { get; init; } = 6;
    public int ParserEpochs { get; init; } = 12;
    /// <summary>Folds for jackknifed training tags of the parser; 0 trains the parser on gold tags.</summary>
    public int Folds { get; init; } = 4;
    public int Seed { get; init; } = 20250101;
    /// <summary>Weights kept in the tagger, the parser's move classifier and its labeller (the largest in magnitude): the model size budget.</summary>
    public int TaggerWeights { get; init; } = 700_000;
    public int ParserWeights { get; init; } = 3_200_000;
    public int LabelerWeights { get; init; } = 1_000_000;
    /// <summary>Classes of the parser's move classifier: SHIFT, the most frequent labelled arcs, an "other" arc per direction (3 = arcs unlabelled, all labels by the labeller).</summary>
    public int MoveClasses { get; init; } = MaxMoveClasses;
    public const int MaxMoveClasses = MoveWeights.MaxClasses;
    /// <summary>
    /// Parsers trained side by side (on parallel threads) with different shuffles and explorations,
    /// whose weights are summed into one model: scores are linear in the weights, so the sum is
    /// their ensemble at the cost of one model.
    /// </summary>
    public int ParserModels { get; init; } = 2;
    /// <summary>Taggers trained side by side and summed into one, like <see cref="ParserModels"/> (also for each jackknife fold).</summary>
    public int TaggerModels { get; init; } = 1;
    /// <summary>Probability of following the model's own (possibly wrong) transition after the first epoch.</summary>
    public double Explore { get; init; } = 0.9;
    /// <summary>Parser beam width: 1 trains the greedy parser with the dynamic oracle, more trains beam search globally (max-violation updates).</summary>
    public int Beam { get; init; } = 1;
    /// <summary>Folder caching the trained tagger and the jackknifed training tags (keyed by the tagger settings), so parser experiments skip tagger training; null = no cache.</summary>
    public string? TagCache { get; init; }
    /// <summary>Word clusters for tagger and parser features (built by <see cref="ClusterTrainer"/>); null = none.</summary>
    public string? Clusters { get; init; }
    /// <summary>Train the accurate (neural) parser instead of the perceptron; the settings below are its own.</summary>
    public bool Neural { get; init; }
    public int NeuralHidden { get; init; } = 128;
    /// <summary>Stacked BiLSTM layers, each reading the one below (2: +0.9 UAS / +1.1 LAS on EWT dev over 1, at 1.8× the arithmetic).</summary>
    public int NeuralLayers { get; init; } = 2;
    public int NeuralBatch { get; init; } = 32;
    public double NeuralRate { get; init; } = 1e-3;
    public double NeuralExplore { get; init; } = 0.1;
    public double NeuralDropout { get; init; } = 0.33;
    public string? NeuralVectors { get; init; }
    public int NeuralVectorWords { get; init; } = 100_000;
    /// <summary>Decay of the moving average of the neural parser's weights that is evaluated and kept (0 = the raw weights).</summary>
    public double NeuralAverage { get; init; } = 0.999;
}

/// <summary>
/// Trains tagger, lemmatiser and parser from UD treebanks (EWT + GUM train), reporting dev
/// scores after every epoch. Deterministic for fixed options: shuffles use a seeded Random and
/// every dictionary that is iterated is ordered first.
/// </summary>
public static partial class SyntaxTrainer
{
    private static readonly Dictionary<ulong, ulong> NoAmbiguity = [];

    /// <summary>Retrains only the lemmatiser (seconds) and writes it into an existing model folder.</summary>
    public static void TrainLemmatizer(IReadOnlyList<UdSentence> train, string directory) =>
        SyntaxModel.WriteLemmatizer(Lemmatizer.Train(train), directory);

    public static SyntaxModel Train(IReadOnlyList<UdSentence> train, IReadOnlyList<UdSentence> dev, SyntaxTrainOptions options, TextWriter log)
    {
        if (options.ParserModels < 1 || options.TaggerModels < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"parser models ({options.ParserModels}) and tagger models ({options.TaggerModels}) must be at least 1");
        }
        var trainLayout = train.Select(Layout.Of).ToArray();
        var devLayout = dev.Select(Layout.Of).ToArray();

        var classNames = train.SelectMany(s => s.Xpos.Zip(s.Upos, (x, u) => (x, u))).Distinct().OrderBy(p => p.x, StringComparer.Ordinal).ThenBy(p => p.u, StringComparer.Ordinal).ToArray();
        var classIndex = new Dictionary<(string, string), int>();
        for (var c = 0; c < classNames.Length; c++)
        {
            classIndex[classNames[c]] = c;
        }
        int[][] Gold(IReadOnlyList<UdSentence> data) => data.Select(s => s.Xpos.Zip(s.Upos, (x, u) => classIndex.TryGetValue((x, u), out var c) ? c : -1).ToArray()).ToArray();
        var trainGold = Gold(train);
        var devGold = Gold(dev);
        var ambiguity = AmbiguityClasses(train, trainGold, classNames.Length);
        var clusters = options.Clusters is { } clusterPath ? SyntaxModel.ReadFile(clusterPath, WordClusters.Read) : WordClusters.None;
        log.WriteLine($"word clusters: {clusters.Count} words{(options.Clusters is null ? "" : " from " + options.Clusters)}");
        log.WriteLine($"tagger: {classNames.Length} tag classes, {ambiguity.Count} words with ambiguity classes, {train.Count} training sentences");

        var all = Enumerable.Range(0, train.Count).ToArray();
        var (tagger, trainTags) = options.TagCache is { } cache
            ? TagCache.LoadOrCreate(cache, CacheKey(train, options, classNames.Length, clusters), log, clusters, TrainTaggerAndTags)
            : TrainTaggerAndTags();
        var weights = tagger.Weights;

        (Tagger, int[][]) TrainTaggerAndTags()
        {
            var taggers = TrainTaggers(all, devLayout, devGold, log, "tagger");
            var trained = PerceptronTrainer.Finish(taggers, options.TaggerWeights);
            log.WriteLine($"tagger: {trained.Features} features, {trained.Entries} weights kept");

            // Jackknifed training tags for the parser: what it will see at run time, errors included
            // (a tagger's tags on its own training sentences are nearly perfect).
            var tags = trainGold;
            if (options.Folds > 1)
            {
                tags = new int[train.Count][];
                for (var k = 0; k < options.Folds; k++)
                {
                    var fold = k;
                    var rest = all.Where(i => i % options.Folds != fold).ToArray();
                    var scorer = Summed(TrainTaggers(rest, [], [], TextWriter.Null, ""), classNames.Length);
                    foreach (var i in all.Where(i => i % options.Folds == fold))
                    {
                        tags[i] = TagWith(scorer, classNames.Length, ambiguity, clusters, trainLayout[i]);
                    }
                    log.WriteLine($"jackknife fold {k + 1}/{options.Folds} tagged");
                }
            }
            return (new Tagger(classNames.Select(p => string.Intern(p.Item1)).ToArray(), classNames.Select(p => string.Intern(p.Item2)).ToArray(), trained, ambiguity, clusters), tags);
        }

        PerceptronTrainer[] TrainTaggers(int[] indices, Layout[] devSet, int[][] devSetGold, TextWriter runLog, string name)
        {
            var runs = new PerceptronTrainer[options.TaggerModels];
            var shared = runs.Length > 1 ? TextWriter.Synchronized(runLog) : runLog;
            Parallel.For(0, runs.Length, k => runs[k] = TrainTagger(trainLayout, trainGold, indices, devSet, devSetGold, classNames.Length, ambiguity, clusters, options, k,
                shared, runs.Length > 1 ? $"{name} {k + 1}/{runs.Length}" : name));
            if (runs.Length > 1 && devSet.Length > 0)
            {
                log.WriteLine($"summed {name}s: dev tag-pair accuracy {TagAccuracy(Summed(runs, classNames.Length), classNames.Length, ambiguity, clusters, devSet, devSetGold):F2}");
            }
            return runs;
        }

        var lemmatizer = Lemmatizer.Train(train);
        var devTags = devLayout.Select(l => TagWith(weights, classNames.Length, ambiguity, clusters, l)).ToArray();

        var labels = train.SelectMany(s => s.Rels).Distinct().OrderBy(l => l, StringComparer.Ordinal).ToArray();
        var tagHash = tagger.Xpos.Select(SyntaxModel.TagHash).ToArray();
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var set = MoveSet.Choose(train.SelectMany(s => s.Heads.Select((h, i) => (h > i ? Parser.Left : Parser.Right, labelIndex[s.Rels[i]]))), labels, options.MoveClasses);
        log.WriteLine($"parser move classes: {string.Join(", ", set.Classes.Select(c => c.Move == Parser.Shift ? "SHIFT" : (c.Move == Parser.Left ? "L-" : "R-") + (c.Label < 0 ? "other" : labels[c.Label])))}");
        var data = new ParserData(train, trainLayout, trainTags, dev, devLayout, devTags, set, tagHash, clusters);
        if (options.Neural)
        {
            return new SyntaxModel(tagger, lemmatizer, TrainNeural(data, options, log));
        }
        var runs = new (PerceptronTrainer Moves, PerceptronTrainer Labeler)[options.ParserModels];
        var runLog = runs.Length > 1 ? TextWriter.Synchronized(log) : log;
        Parallel.For(0, runs.Length, k =>
        {
            var name = runs.Length > 1 ? $"parser {k + 1}/{runs.Length}" : "parser";
            runs[k] = options.Beam > 1 ? TrainBeamParser(data, options, k, name, runLog) : TrainParser(data, options, k, name, runLog);
        });
        if (runs.Length > 1)
        {
            var (uas, las) = EvaluateParser(new SumScorer(runs.Select(r => r.Moves.Averaged).ToArray(), set.Classes.Length),
                new SumScorer(runs.Select(r => r.Labeler.Averaged).ToArray(), set.L), options.Beam, data);
            log.WriteLine($"summed parsers: dev UAS {uas:F2} LAS {las:F2}");
        }
        var moveRows = PerceptronTrainer.Finish(runs.Select(r => r.Moves).ToArray(), options.ParserWeights);
        var parser = new Parser(set, new MoveWeights(moveRows), PerceptronTrainer.Finish(runs.Select(r => r.Labeler).ToArray(), options.LabelerWeights), options.Beam);
        log.WriteLine($"parser: beam {parser.Beam}; moves {moveRows.Features} features, {moveRows.Entries} weights kept; "
            + $"labeller {labels.Length} labels, {parser.Labeler.Features} features, {parser.Labeler.Entries} weights kept");
        return new SyntaxModel(tagger, lemmatizer, parser);
    }

    private static IScorer Summed(PerceptronTrainer[] trainers, int classes) =>
        trainers.Length == 1 ? trainers[0].Averaged : new SumScorer(trainers.Select(t => t.Averaged).ToArray(), classes);

    private static double TagAccuracy(IScorer scorer, int classes, Dictionary<ulong, ulong> ambiguity, WordClusters clusters, Layout[] dev, int[][] devGold)
    {
        int c = 0, t = 0;
        for (var s = 0; s < dev.Length; s++)
        {
            var tags = TagWith(scorer, classes, ambiguity, clusters, dev[s]);
            for (var i = 0; i < tags.Length; i++)
            {
                c += tags[i] == devGold[s][i] ? 1 : 0;
                t++;
            }
        }
        return 100.0 * c / t;
    }

    private static string CacheKey(IReadOnlyList<UdSentence> train, SyntaxTrainOptions o, int classes, WordClusters clusters)
    {
        var c = 0UL;
        for (var i = 0; i < clusters.Count; i++)
        {
            c = Hashing.Mix(c ^ Hashing.Of(clusters.Words[i]) ^ clusters.LeafOfWord[i]);
        }
        var h = 0UL;
        foreach (var s in train)
        {
            foreach (var f in s.Forms)
            {
                h = Hashing.Mix(h ^ Hashing.Of(f));
            }
        }
        var models = o.TaggerModels > 1 ? $" models={o.TaggerModels}" : "";
        return $"tagger-epochs={o.TaggerEpochs} folds={o.Folds} seed={o.Seed}{models} weights={o.TaggerWeights} classes={classes} sentences={train.Count} forms={h:x16} clusters={c:x16}";
    }

    /// <summary>A sentence laid out as text with word offsets, the way the model sees a Doc.</summary>
    internal sealed record Layout(string Text, int[] Starts, int[] Ends)
    {
        public static Layout Of(UdSentence s)
        {
            var starts = new int[s.Length];
            var ends = new int[s.Length];
            var sb = new System.Text.StringBuilder();
            for (var i = 0; i < s.Length; i++)
            {
                if (i > 0)
                {
                    sb.Append(' ');
                }
                starts[i] = sb.Length;
                sb.Append(s.Forms[i]);
                ends[i] = sb.Length;
            }
            return new Layout(sb.ToString(), starts, ends);
        }
    }

    private static Dictionary<ulong, ulong> AmbiguityClasses(IReadOnlyList<UdSentence> train, int[][] gold, int classes)
    {
        var counts = new Dictionary<ulong, int[]>();
        for (var s = 0; s < train.Count; s++)
        {
            for (var i = 0; i < train[s].Length; i++)
            {
                var key = Hashing.OfLower(train[s].Forms[i]);
                if (!counts.TryGetValue(key, out var c))
                {
                    counts[key] = c = new int[classes];
                }
                c[gold[s][i]]++;
            }
        }
        var result = new Dictionary<ulong, ulong>();
        foreach (var (key, c) in counts)
        {
            var total = c.Sum();
            // Rare words would get their own gold tag as "ambiguity class" and the tagger would
            // learn to trust it; only frequent words get one.
            if (total < 5)
            {
                continue;
            }
            var h = 0x1234UL;
            for (var k = 0; k < classes; k++)
            {
                if (c[k] * 10 >= total)
                {
                    h = Hashing.Mix(h ^ (ulong)(k + 1));
                }
            }
            result[key] = h;
        }
        return result;
    }

    private static int[] TagWith(IScorer scorer, int classes, Dictionary<ulong, ulong> ambiguity, WordClusters clusters, Layout l)
    {
        var w = new WordFeatures();
        w.Fill(l.Text, l.Starts, l.Ends, ambiguity, clusters);
        var tags = new int[l.Starts.Length];
        Tagger.Predict(scorer, classes, w, tags);
        return tags;
    }

    private static PerceptronTrainer TrainTagger(Layout[] data, int[][] gold, int[] indices, Layout[] dev, int[][] devGold, int classes,
        Dictionary<ulong, ulong> ambiguity, WordClusters clusters, SyntaxTrainOptions options, int run, TextWriter log, string name)
    {
        var model = new PerceptronTrainer(classes);
        var rng = new Random(options.Seed + 104729 * run);
        var order = indices.ToArray();
        var w = new WordFeatures();
        Span<ulong> f = stackalloc ulong[Tagger.MaxFeatures];
        var scores = new float[classes];
        for (var epoch = 0; epoch < options.TaggerEpochs; epoch++)
        {
            rng.Shuffle(order);
            var correct = 0;
            var total = 0;
            foreach (var s in order)
            {
                var l = data[s];
                w.Fill(l.Text, l.Starts, l.Ends, ambiguity, clusters);
                var tags = new int[l.Starts.Length];
                for (var i = 0; i < tags.Length; i++)
                {
                    var n = Tagger.Features(w, i, tags, f);
                    model.Score(f[..n], scores, averaged: false);
                    var guess = Tagger.ArgMax(scores);
                    model.Update(f[..n], gold[s][i], guess);
                    model.Tick();
                    tags[i] = guess;
                    correct += guess == gold[s][i] ? 1 : 0;
                    total++;
                }
            }
            var devAcc = dev.Length > 0 ? TagAccuracy(model.Averaged, classes, ambiguity, clusters, dev, devGold) : 0.0;
            log.WriteLine($"{name} epoch {epoch + 1}: train {100.0 * correct / total:F2}  dev tag-pair accuracy {devAcc:F2}  features {model.FeatureCount}");
        }
        return model;
    }

    /// <summary>What parser training reads: training sentences with their jackknifed tags, dev sentences with predicted tags, the labels and the word clusters.</summary>
    private sealed record ParserData(IReadOnlyList<UdSentence> Train, Layout[] Layout, int[][] Tags, IReadOnlyList<UdSentence> Dev, Layout[] DevLayout, int[][] DevTags,
        MoveSet Set, ulong[] TagHash, WordClusters Clusters)
    {
        public Dictionary<string, int> LabelIndex { get; } = Set.Labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>
    /// The transition move class <paramref name="c"/> makes in training. For an "other" arc, trains
    /// the labeller on it when its head is right and returns the label to give it: the labeller's,
    /// or unless <paramref name="explore"/> (as the move classifier explores its own mistakes) the gold one.
    /// </summary>
    private static int TrainTransition(MoveSet set, int c, ParseState s, PerceptronTrainer labeler, int[] gh, int[] gl, Span<ulong> g, float[] labelScores,
        bool explore, ref long arcs, ref long errors)
    {
        var mc = set.Classes[c];
        if (mc.Move == Parser.Shift || mc.Label >= 0)
        {
            return Parser.Encode(mc.Move, mc.Label, set.L);
        }
        var left = mc.Move == Parser.Left;
        var ng = Parser.LabelFeatures(s, left, g);
        var dep = s.Stack[s.Sp - 1];
        var head = left ? s.B : s.Stack[s.Sp - 2];
        var allowed = set.OtherLabels[mc.Move];
        labeler.Score(g[..ng], labelScores, averaged: false);
        var guess = Parser.BestLabel(labelScores, allowed);
        var label = guess;
        if (gh[dep] == head && allowed[gl[dep]])
        {
            if (guess != gl[dep])
            {
                labeler.Update(g[..ng], gl[dep], guess);
                errors++;
            }
            labeler.Tick();
            arcs++;
            label = explore ? guess : gl[dep];
        }
        return Parser.Encode(mc.Move, label, set.L);
    }

    private static (PerceptronTrainer Moves, PerceptronTrainer Labeler) TrainParser(ParserData data, SyntaxTrainOptions options, int run, string name, TextWriter log)
    {
        var (train, layout, tags, tagHash, clusters, labelIndex, set) = (data.Train, data.Layout, data.Tags, data.TagHash, data.Clusters, data.LabelIndex, data.Set);
        var M = set.Classes.Length;
        var moves = new PerceptronTrainer(M);
        var labeler = new PerceptronTrainer(set.L);
        var rng = new Random(options.Seed + 1 + 7919 * run);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var state = new ParseState();
        Span<ulong> f = stackalloc ulong[Parser.MaxFeatures];
        Span<ulong> g = stackalloc ulong[Parser.MaxLabelFeatures];
        var scores = new float[M];
        var labelScores = new float[set.L];
        var cost = new int[M];
        var w = new WordFeatures();
        for (var epoch = 0; epoch < options.ParserEpochs; epoch++)
        {
            rng.Shuffle(order);
            long transitions = 0, errors = 0, arcs = 0, labelErrors = 0;
            foreach (var si in order)
            {
                var (gh, gl) = GoldArcs(train[si], labelIndex);
                Prepare(state, w, layout[si], tags[si], tagHash, clusters);
                while (!state.Terminal)
                {
                    if (Parser.Forced(state))
                    {
                        Parser.Apply(state, state.Sp == 0 ? 0 : 1 + set.RootLabel, set.L);
                        continue;
                    }
                    var nf = Parser.Features(state, f);
                    moves.Score(f[..nf], scores, averaged: false);
                    ClassCosts(set, state, gh, gl, cost);
                    int pred = -1, gold = -1;
                    for (var c = 0; c < M; c++)
                    {
                        if (!Parser.Valid(state, set.Classes[c].Move))
                        {
                            continue;
                        }
                        if (pred < 0 || scores[c] > scores[pred])
                        {
                            pred = c;
                        }
                        if (gold < 0 || cost[c] < cost[gold] || (cost[c] == cost[gold] && scores[c] > scores[gold]))
                        {
                            gold = c;
                        }
                    }
                    var wrong = cost[pred] > cost[gold];
                    if (wrong)
                    {
                        moves.Update(f[..nf], gold, pred);
                        errors++;
                    }
                    moves.Tick();
                    transitions++;
                    var explore = epoch > 0 && rng.NextDouble() < options.Explore;
                    var next = wrong && !explore ? gold : pred;
                    Parser.Apply(state, TrainTransition(set, next, state, labeler, gh, gl, g, labelScores, explore, ref arcs, ref labelErrors), set.L);
                }
            }
            var (uas, las) = EvaluateParser(moves.Averaged, labeler.Averaged, 1, data);
            log.WriteLine($"{name} epoch {epoch + 1}: train move errors {100.0 * errors / transitions:F2}%, label errors {100.0 * labelErrors / Math.Max(1, arcs):F2}%  "
                + $"dev UAS {uas:F2} LAS {las:F2}  features {moves.FeatureCount} + {labeler.FeatureCount}");
        }
        return (moves, labeler);
    }

    /// <summary>
    /// Global training of the beam parser (Zhang &amp; Nivre 2011) with max-violation updates
    /// (Huang et al. 2012): decode each sentence with the current weights to the end, and at the
    /// step where the best item beats the gold prefix by most, reward the gold prefix's features
    /// and penalise the best item's. The gold derivation follows the dynamic oracle's cheapest
    /// transitions (zero-cost ones while the tree is reachable; for non-projective trees the
    /// best reachable one), breaking ties by the current model score.
    /// </summary>
    private static (PerceptronTrainer Moves, PerceptronTrainer Labeler) TrainBeamParser(ParserData data, SyntaxTrainOptions options, int run, string name, TextWriter log)
    {
        var (train, layout, tags, tagHash, clusters, labelIndex, set) = (data.Train, data.Layout, data.Tags, data.TagHash, data.Clusters, data.LabelIndex, data.Set);
        var M = set.Classes.Length;
        var moves = new PerceptronTrainer(M);
        var labeler = new PerceptronTrainer(set.L);
        var (current, currentLabeler) = (moves.Current, labeler.Current);
        var beam = new BeamSearch(options.Beam, set);
        var rng = new Random(options.Seed + 1 + 7919 * run);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var init = new ParseState();
        var gold = new ParseState();
        var replay = new ParseState();
        Span<ulong> f = stackalloc ulong[Parser.MaxFeatures];
        Span<ulong> g = stackalloc ulong[Parser.MaxLabelFeatures];
        var scores = new float[M];
        var labelScores = new float[set.L];
        var cost = new int[M];
        var goldSeq = new int[256];
        var predSeq = new int[256];
        var goldClasses = new int[256];
        var predClasses = new int[256];
        var w = new WordFeatures();
        for (var epoch = 0; epoch < options.ParserEpochs; epoch++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            rng.Shuffle(order);
            var updates = 0;
            long arcs = 0, labelErrors = 0;
            foreach (var si in order)
            {
                var sent = train[si];
                var n = sent.Length;
                var (gh, gl) = GoldArcs(sent, labelIndex);
                if (goldSeq.Length < 2 * n)
                {
                    goldSeq = new int[4 * n];
                    predSeq = new int[4 * n];
                    goldClasses = new int[4 * n];
                    predClasses = new int[4 * n];
                }
                Prepare(init, w, layout[si], tags[si], tagHash, clusters);
                gold.CopyFrom(init);
                beam.Start(init);
                var goldScore = 0.0;
                var worst = 0.0;
                var worstStep = -1;
                while (!gold.Terminal)
                {
                    int gt, gc = -1;
                    if (Parser.Forced(gold))
                    {
                        gt = gold.Sp == 0 ? 0 : 1 + set.RootLabel;
                    }
                    else
                    {
                        var nf = Parser.Features(gold, f);
                        current.Score(f[..nf], scores);
                        ClassCosts(set, gold, gh, gl, cost);
                        for (var c = 0; c < M; c++)
                        {
                            if (Parser.Valid(gold, set.Classes[c].Move) && (gc < 0 || cost[c] < cost[gc] || (cost[c] == cost[gc] && scores[c] > scores[gc])))
                            {
                                gc = c;
                            }
                        }
                        goldScore += scores[gc];
                        // The gold derivation keeps gold labels; the beam's items take the labeller's.
                        gt = TrainTransition(set, gc, gold, labeler, gh, gl, g, labelScores, false, ref arcs, ref labelErrors);
                    }
                    goldClasses[beam.Steps] = gc;
                    goldSeq[beam.Steps] = gt;
                    Parser.Apply(gold, gt, set.L);
                    beam.Step(current, currentLabeler, gc);
                    var gap = beam.BestScore - goldScore;
                    if (beam.GoldIndex != 0 && (worstStep < 0 || gap > worst))
                    {
                        worst = gap;
                        worstStep = beam.Steps;
                        beam.BestDerivation(predSeq, predClasses);
                    }
                }
                if (worstStep > 0)
                {
                    // The shared prefix would add and subtract the same features: start where they part.
                    var from = 0;
                    while (goldClasses[from] == predClasses[from] && goldSeq[from] == predSeq[from])
                    {
                        from++;
                    }
                    Update(moves, init, replay, goldSeq, goldClasses, from, worstStep, set.L, +1, f);
                    Update(moves, init, replay, predSeq, predClasses, from, worstStep, set.L, -1, f);
                    updates++;
                }
                moves.Tick();
            }
            var (uas, las) = EvaluateParser(moves.Averaged, labeler.Averaged, options.Beam, data);
            log.WriteLine($"{name} epoch {epoch + 1} (beam {options.Beam}): sentences updated {100.0 * updates / train.Count:F2}%, label errors {100.0 * labelErrors / Math.Max(1, arcs):F2}%  "
                + $"dev UAS {uas:F2} LAS {las:F2}  features {moves.FeatureCount} + {labeler.FeatureCount}  {sw.Elapsed.TotalSeconds:F0} s");
        }
        return (moves, labeler);
    }

    /// <summary>
    /// Replays the first <paramref name="steps"/> transitions from <paramref name="init"/>, adding
    /// <paramref name="delta"/> to the move class of each scored transition from step <paramref name="from"/> on
    /// (forced transitions have class -1: they were not scored, so they carry no features).
    /// </summary>
    private static void Update(PerceptronTrainer moves, ParseState init, ParseState s, int[] transitions, int[] classes, int from, int steps, int labels, float delta, Span<ulong> f)
    {
        s.CopyFrom(init);
        for (var k = 0; k < steps; k++)
        {
            if (k >= from && classes[k] >= 0)
            {
                var nf = Parser.Features(s, f);
                moves.Add(f[..nf], classes[k], delta);
            }
            Parser.Apply(s, transitions[k], labels);
        }
    }

    /// <summary>Gold heads (ROOT = position n) and label indices of a training sentence.</summary>
    private static (int[] Heads, int[] Labels) GoldArcs(UdSentence sent, Dictionary<string, int> labelIndex)
    {
        var n = sent.Length;
        var heads = new int[n + 1];
        var labels = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            heads[i] = sent.Heads[i] < 0 ? n : sent.Heads[i];
            labels[i] = labelIndex[sent.Rels[i]];
        }
        return (heads, labels);
    }

    private static void Prepare(ParseState state, WordFeatures w, Layout l, int[] tags, ulong[] tagHash, WordClusters clusters)
    {
        var n = l.Starts.Length;
        // The parser's word features need no ambiguity classes.
        w.Fill(l.Text, l.Starts, l.Ends, NoAmbiguity, clusters);
        state.Reset(n);
        for (var i = 0; i < n; i++)
        {
            var j = i + WordFeatures.Pad;
            state.W[i] = w.Lower[j];
            state.C[i] = w.ClusterFine[j];
            state.M[i] = w.ClusterMid[j];
            state.P[i] = tagHash[tags[i]];
        }
    }

    /// <summary>
    /// Dynamic-oracle costs (Goldberg &amp; Nivre 2013) of every move class in a state that is not
    /// forced: the gold arcs it makes unreachable, plus one when it builds a gold arc under a
    /// label it cannot give (a fixed label that is wrong, or an "other" arc for a label with a class of its own).
    /// </summary>
    private static void ClassCosts(MoveSet set, ParseState s, int[] gh, int[] gl, int[] cost)
    {
        var (shift, left, right) = MoveCosts(s, gh);
        var b = s.B;
        var s0 = s.Stack[s.Sp - 1];
        var s1 = s.Sp >= 2 ? s.Stack[s.Sp - 2] : -1;
        var h = gh[s0];
        for (var c = 0; c < cost.Length; c++)
        {
            var mc = set.Classes[c];
            if (mc.Move == Parser.Shift)
            {
                cost[c] = shift;
                continue;
            }
            var isLeft = mc.Move == Parser.Left;
            var labelFits = mc.Label >= 0 ? gl[s0] == mc.Label : set.OtherLabels[mc.Move][gl[s0]];
            cost[c] = (isLeft ? left : right) + (h == (isLeft ? b : s1) && !labelFits ? 1 : 0);
        }
    }

    private static (double Uas, double Las) EvaluateParser(IScorer moves, IScorer labeler, int beamWidth, ParserData data)
    {
        var (dev, labelIndex) = (data.Dev, data.LabelIndex);
        var state = new ParseState();
        var w = new WordFeatures();
        var beam = new BeamSearch(beamWidth, data.Set);
        int total = 0, ua = 0, la = 0;
        for (var s = 0; s < dev.Count; s++)
        {
            var sent = dev[s];
            Prepare(state, w, data.DevLayout[s], data.DevTags[s], data.TagHash, data.Clusters);
            if (beamWidth == 1)
            {
                data.Set.Parse(moves, labeler, state);
            }
            else
            {
                beam.Decode(moves, labeler, state);
            }
            for (var i = 0; i < sent.Length; i++)
            {
                var head = state.Head[i] >= sent.Length ? -1 : state.Head[i];
                total++;
                if (head == sent.Heads[i])
                {
                    ua++;
                    if (labelIndex.TryGetValue(sent.Rels[i], out var gl) && gl == state.Label[i])
                    {
                        la++;
                    }
                }
            }
        }
        return (100.0 * ua / total, 100.0 * la / total);
    }
}
