using System.IO.Compression;
using Sitrep.Text;

namespace Sitrep.Syntax;

/// <summary>Which dependency parser a model uses.</summary>
public enum ParserKind
{
    /// <summary>Averaged-perceptron move classifier and labeller (parser.bin): the default, several times faster.</summary>
    Fast,
    /// <summary>BiLSTM + MLP neural parser (neural.bin): 2.3 UAS / 2.5 LAS more on EWT test, about five times slower.</summary>
    Accurate,
}

/// <summary>
/// The English syntax stage: tags (UPOS + Penn XPOS), lemmatises and dependency-parses every
/// sentence of a tokenised <see cref="Doc"/>, filling <see cref="TokenData"/> in place.
/// Thread-safe: the model is read-only and scratch space is per thread.
/// </summary>
public sealed class SyntaxModel : IDocComponent
{
    internal const string TaggerFile = "tagger.bin";
    internal const string LemmatizerFile = "lemmatizer.bin";
    internal const string ParserFile = "parser.bin";
    internal const string NeuralParserFile = "neural.bin";
    internal const string ClustersFile = "clusters.bin";
    private const int Magic = 0x53595831; // "SYX1"

    [ThreadStatic]
    private static Workspace? t_workspace;

    private readonly ulong[] _tagHash;

    internal SyntaxModel(Tagger tagger, Lemmatizer lemmatizer, Parser parser)
        : this(tagger, lemmatizer, parser, null)
    {
    }

    internal SyntaxModel(Tagger tagger, Lemmatizer lemmatizer, NeuralParser neural)
        : this(tagger, lemmatizer, null, neural)
    {
    }

    private SyntaxModel(Tagger tagger, Lemmatizer lemmatizer, Parser? parser, NeuralParser? neural)
    {
        if (neural is not null && neural.Net.Shape.Tags != tagger.Classes)
        {
            throw new InvalidDataException($"neural parser: trained on {neural.Net.Shape.Tags} tag classes, the tagger has {tagger.Classes}");
        }
        Tagger = tagger;
        Lemmatizer = lemmatizer;
        Parser = parser;
        Neural = neural;
        Labels = parser?.Labels ?? neural!.Labels;
        _tagHash = new ulong[tagger.Classes];
        for (var c = 0; c < tagger.Classes; c++)
        {
            _tagHash[c] = TagHash(tagger.Xpos[c]);
        }
    }

    internal Tagger Tagger { get; }
    internal Lemmatizer Lemmatizer { get; }
    /// <summary>The perceptron parser, or null when the model uses <see cref="Neural"/>.</summary>
    internal Parser? Parser { get; }
    internal NeuralParser? Neural { get; }
    internal string[] Labels { get; }

    public string Name => "syntax";

    public ParserKind ParserKind => Neural is null ? ParserKind.Fast : ParserKind.Accurate;

    /// <summary>The parser's beam width (1 = greedy; the neural parser is always greedy).</summary>
    public int Beam => Parser?.Beam ?? 1;

    /// <summary>
    /// The same model decoding with another beam width: 1 is greedy, several times faster and
    /// somewhat less accurate; widths other than the trained one are allowed but untested.
    /// </summary>
    public SyntaxModel WithBeam(int beam) => beam == Beam ? this
        : Parser is null ? throw new ArgumentException("the accurate (neural) parser decodes greedily; a beam width needs the fast parser", nameof(beam))
        : new SyntaxModel(Tagger, Lemmatizer, Parser.WithBeam(beam));

    internal static ulong TagHash(string xpos) => Hashing.Of(xpos) | 0x100;

    /// <summary>The model shipped inside this assembly (data/models), with the fast or the accurate parser.</summary>
    public static SyntaxModel LoadDefault(ParserKind parser = ParserKind.Fast)
    {
        var asm = typeof(SyntaxModel).Assembly;
        Stream Open(string file) => asm.GetManifestResourceStream("Sitrep.Syntax.Models." + file)
            ?? throw new InvalidOperationException($"embedded syntax model '{file}' is missing: build with data/models present or use SyntaxModel.Load(directory)");
        return Load(Open, parser);
    }

    /// <summary>A model from a directory holding clusters.bin, tagger.bin, lemmatizer.bin and parser.bin (fast) or neural.bin (accurate).</summary>
    public static SyntaxModel Load(string directory, ParserKind parser = ParserKind.Fast)
    {
        return Load(file =>
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"syntax model file not found: {path}", path);
            }
            return File.OpenRead(path);
        }, parser);
    }

    private static SyntaxModel Load(Func<string, Stream> open, ParserKind kind)
    {
        // The parts are independent (the tagger only keeps a reference to the clusters), so they
        // load in parallel, which cut the bench's load time by about a quarter on two cores.
        var tagger = Task.Run(() =>
        {
            var clusters = ReadPart(open, ClustersFile, WordClusters.Read);
            return ReadPart(open, TaggerFile, input => Tagger.Read(input, clusters));
        });
        var lemmatizer = Task.Run(() => ReadPart(open, LemmatizerFile, Lemmatizer.Read));
        if (kind == ParserKind.Accurate)
        {
            var neural = ReadPart(open, NeuralParserFile, NeuralParser.Read);
            return new SyntaxModel(tagger.GetAwaiter().GetResult(), lemmatizer.GetAwaiter().GetResult(), neural);
        }
        var parser = ReadPart(open, ParserFile, Parser.Read);
        return new SyntaxModel(tagger.GetAwaiter().GetResult(), lemmatizer.GetAwaiter().GetResult(), parser);
    }

    internal static T ReadFile<T>(string path, Func<BinaryReader, T> read) => ReadPart(File.OpenRead, path, read);

    private static T ReadPart<T>(Func<string, Stream> open, string file, Func<BinaryReader, T> read)
    {
        using var raw = open(file);
        using var inflate = new DeflateStream(raw, CompressionMode.Decompress);
        using var buffered = new BufferedStream(inflate, 1 << 16);
        using var reader = new BinaryReader(buffered);
        if (reader.ReadInt32() != Magic)
        {
            throw new InvalidDataException($"{file}: not a Sitrep syntax model file");
        }
        return read(reader);
    }

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        WritePart(Path.Combine(directory, ClustersFile), Tagger.Clusters.Write);
        WritePart(Path.Combine(directory, TaggerFile), Tagger.Write);
        WritePart(Path.Combine(directory, LemmatizerFile), Lemmatizer.Write);
        if (Parser is not null)
        {
            WritePart(Path.Combine(directory, ParserFile), Parser.Write);
        }
        else
        {
            WritePart(Path.Combine(directory, NeuralParserFile), Neural!.Write);
        }
    }

    internal static void WriteLemmatizer(Lemmatizer lemmatizer, string directory)
    {
        Directory.CreateDirectory(directory);
        WritePart(Path.Combine(directory, LemmatizerFile), lemmatizer.Write);
    }

    internal static void WritePart(string path, Action<BinaryWriter> write)
    {
        using var file = File.Create(path);
        using var deflate = new DeflateStream(file, CompressionLevel.SmallestSize);
        using var writer = new BinaryWriter(deflate);
        writer.Write(Magic);
        write(writer);
    }

    /// <summary>Tags, lemmatises and parses every sentence; sets <see cref="Doc.IsParsed"/>.</summary>
    public void Process(Doc doc)
    {
        var ws = t_workspace ??= new Workspace();
        if (Neural is not null)
        {
            ProcessBatched(doc, ws, Neural);
            doc.IsParsed = true;
            return;
        }
        foreach (var sent in doc.Sentences)
        {
            var n = Load(ws, doc, sent);
            if (n == 0)
            {
                continue;
            }
            Analyze(ws, doc.Text, n);
            Store(doc, sent, ws.Tags, ws.State);
        }
        doc.IsParsed = true;
    }

    /// <summary>
    /// The accurate parser encodes <see cref="Workspace.BatchSize"/> sentences at a time: the
    /// LSTM's recurrent products are shared by the batch (see NeuralForward.Lstm), 1.2× faster
    /// on one core (bench parse), with the same parses as one sentence at a time.
    /// </summary>
    private void ProcessBatched(Doc doc, Workspace ws, NeuralParser neural)
    {
        var batch = ws.EnsureBatch(neural.Net.Shape);
        batch.Count = 0;
        foreach (var sent in doc.Sentences)
        {
            var n = Load(ws, doc, sent);
            if (n == 0)
            {
                continue;
            }
            Tag(ws, doc.Text, n);
            ws.Pending[batch.Count] = sent;
            ref var tags = ref ws.BatchTags[batch.Count];
            if (tags is null || tags.Length < n)
            {
                tags = new int[Math.Max(n, 64)];
            }
            ws.Tags.AsSpan(0, n).CopyTo(tags);
            neural.Add(batch, ws.NeuralTokens.AsSpan(0, n));
            if (batch.Count == batch.Size)
            {
                Flush(ws, doc, batch, neural);
            }
        }
        Flush(ws, doc, batch, neural);
    }

    private void Flush(Workspace ws, Doc doc, NeuralBatch batch, NeuralParser neural)
    {
        if (batch.Count == 0)
        {
            return;
        }
        neural.Encode(batch);
        for (var b = 0; b < batch.Count; b++)
        {
            neural.Decode(batch.Works[b], ws.State);
            Store(doc, ws.Pending[b], ws.BatchTags[b], ws.State);
        }
        batch.Count = 0;
    }

    /// <summary>Copies a sentence's token offsets into the workspace; returns its length.</summary>
    private static int Load(Workspace ws, Doc doc, SentenceData sent)
    {
        var n = sent.TokenCount;
        ws.Ensure(n);
        var tokens = doc.Tokens;
        for (var i = 0; i < n; i++)
        {
            ref var t = ref tokens[sent.FirstToken + i];
            ws.Starts[i] = t.Start;
            ws.Ends[i] = t.End;
        }
        return n;
    }

    /// <summary>Writes tags, lemmas, heads and relations of a parsed sentence into its tokens.</summary>
    private void Store(Doc doc, SentenceData sent, int[] tags, ParseState state)
    {
        var n = sent.TokenCount;
        var tokens = doc.Tokens;
        for (var i = 0; i < n; i++)
        {
            ref var t = ref tokens[sent.FirstToken + i];
            var tag = tags[i];
            t.Xpos = Tagger.Xpos[tag];
            t.Upos = Tagger.Upos[tag];
            (t.Lemma, t.Feats) = Lemmatizer.Lookup(doc.Text.AsSpan(t.Start, t.End - t.Start), t.Xpos, t.Upos);
            var h = state.Head[i];
            t.Head = h >= n ? -1 : sent.FirstToken + h;
            t.DepRel = Labels[state.Label[i]];
        }
    }

    /// <summary>Tags and parses words text[Starts[i]..Ends[i]], i &lt; n; results in ws.Tags and ws.State.</summary>
    internal void Analyze(Workspace ws, string text, int n)
    {
        Tag(ws, text, n);
        var s = ws.State;
        if (Neural is not null)
        {
            Neural.Parse(ws.NeuralTokens.AsSpan(0, n), ws.NeuralWork!, s);
            return;
        }
        var words = ws.Words;
        s.Reset(n);
        for (var i = 0; i < n; i++)
        {
            var j = i + WordFeatures.Pad;
            s.W[i] = words.Lower[j];
            s.C[i] = words.ClusterFine[j];
            s.M[i] = words.ClusterMid[j];
            s.P[i] = _tagHash[ws.Tags[i]];
        }
        Parser!.Parse(s, ref ws.Beam);
    }

    /// <summary>Tags words text[Starts[i]..Ends[i]] into ws.Tags (and, for the accurate parser, fills ws.NeuralTokens).</summary>
    private void Tag(Workspace ws, string text, int n)
    {
        var words = ws.Words;
        words.Fill(text, ws.Starts.AsSpan(0, n), ws.Ends.AsSpan(0, n), Tagger.Ambiguity, Tagger.Clusters);
        Tagger.Predict(words, ws.Tags.AsSpan(0, n));
        if (Neural is not null)
        {
            ws.EnsureNeural(Neural.Net.Shape, n);
            for (var i = 0; i < n; i++)
            {
                ws.NeuralTokens[i] = Neural.Token(words.Lower[i + WordFeatures.Pad], ws.Tags[i], text.AsSpan(ws.Starts[i], ws.Ends[i] - ws.Starts[i]), Tagger.Clusters);
            }
        }
    }

    internal sealed class Workspace
    {
        /// <summary>Sentences encoded together by the accurate parser: 4 gained half as much, 16 no more and took 20–45 MB more.</summary>
        public const int BatchSize = 8;
        public int[] Starts = new int[64];
        public int[] Ends = new int[64];
        public int[] Tags = new int[64];
        public readonly WordFeatures Words = new();
        public readonly ParseState State = new();
        public BeamSearch? Beam;
        public NeuralToken[] NeuralTokens = [];
        public NeuralWork? NeuralWork;
        public NeuralBatch? Batch;
        public readonly SentenceData[] Pending = new SentenceData[BatchSize];
        public readonly int[][] BatchTags = new int[BatchSize][];

        public NeuralBatch EnsureBatch(NeuralShape shape)
        {
            if (Batch is null || Batch.Works[0].Shape != shape)
            {
                Batch = new NeuralBatch(shape, BatchSize);
            }
            return Batch;
        }

        public void EnsureNeural(NeuralShape shape, int n)
        {
            if (NeuralWork?.Shape != shape)
            {
                NeuralWork = new NeuralWork(shape);
            }
            if (NeuralTokens.Length < n)
            {
                NeuralTokens = new NeuralToken[Math.Max(n, NeuralTokens.Length * 2)];
            }
        }

        public void Ensure(int n)
        {
            if (Starts.Length < n)
            {
                var cap = Math.Max(n, Starts.Length * 2);
                Starts = new int[cap];
                Ends = new int[cap];
                Tags = new int[cap];
            }
        }
    }
}
