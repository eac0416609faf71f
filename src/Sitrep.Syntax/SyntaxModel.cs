using System.IO.Compression;
using Sitrep.Text;

namespace Sitrep.Syntax;

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
    internal const string ClustersFile = "clusters.bin";
    private const int Magic = 0x53595831; // "SYX1"

    [ThreadStatic]
    private static Workspace? t_workspace;

    private readonly ulong[] _tagHash;

    internal SyntaxModel(Tagger tagger, Lemmatizer lemmatizer, Parser parser)
    {
        Tagger = tagger;
        Lemmatizer = lemmatizer;
        Parser = parser;
        _tagHash = new ulong[tagger.Classes];
        for (var c = 0; c < tagger.Classes; c++)
        {
            _tagHash[c] = TagHash(tagger.Xpos[c]);
        }
    }

    internal Tagger Tagger { get; }
    internal Lemmatizer Lemmatizer { get; }
    internal Parser Parser { get; }

    public string Name => "syntax";

    /// <summary>The parser's beam width (1 = greedy).</summary>
    public int Beam => Parser.Beam;

    /// <summary>
    /// The same model decoding with another beam width: 1 is greedy, several times faster and
    /// somewhat less accurate; widths other than the trained one are allowed but untested.
    /// </summary>
    public SyntaxModel WithBeam(int beam) => beam == Parser.Beam ? this : new SyntaxModel(Tagger, Lemmatizer, Parser.WithBeam(beam));

    internal static ulong TagHash(string xpos) => Hashing.Of(xpos) | 0x100;

    /// <summary>The model shipped inside this assembly (data/models).</summary>
    public static SyntaxModel LoadDefault()
    {
        var asm = typeof(SyntaxModel).Assembly;
        Stream Open(string file) => asm.GetManifestResourceStream("Sitrep.Syntax.Models." + file)
            ?? throw new InvalidOperationException($"embedded syntax model '{file}' is missing: build with data/models present or use SyntaxModel.Load(directory)");
        return Load(Open);
    }

    /// <summary>A model from a directory holding clusters.bin, tagger.bin, lemmatizer.bin and parser.bin.</summary>
    public static SyntaxModel Load(string directory)
    {
        return Load(file =>
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"syntax model file not found: {path}", path);
            }
            return File.OpenRead(path);
        });
    }

    private static SyntaxModel Load(Func<string, Stream> open)
    {
        // The parts are independent (the tagger only keeps a reference to the clusters), so they
        // load in parallel, which cut the bench's load time by about a quarter on two cores.
        var tagger = Task.Run(() =>
        {
            var clusters = ReadPart(open, ClustersFile, WordClusters.Read);
            return ReadPart(open, TaggerFile, input => Tagger.Read(input, clusters));
        });
        var lemmatizer = Task.Run(() => ReadPart(open, LemmatizerFile, Lemmatizer.Read));
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
        WritePart(Path.Combine(directory, ParserFile), Parser.Write);
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
        var tokens = doc.Tokens;
        foreach (var sent in doc.Sentences)
        {
            var n = sent.TokenCount;
            if (n == 0)
            {
                continue;
            }
            ws.Ensure(n);
            for (var i = 0; i < n; i++)
            {
                ref var t = ref tokens[sent.FirstToken + i];
                ws.Starts[i] = t.Start;
                ws.Ends[i] = t.End;
            }
            Analyze(ws, doc.Text, n);
            for (var i = 0; i < n; i++)
            {
                ref var t = ref tokens[sent.FirstToken + i];
                var tag = ws.Tags[i];
                t.Xpos = Tagger.Xpos[tag];
                t.Upos = Tagger.Upos[tag];
                (t.Lemma, t.Feats) = Lemmatizer.Lookup(doc.Text.AsSpan(t.Start, t.End - t.Start), t.Xpos, t.Upos);
                var h = ws.State.Head[i];
                t.Head = h >= n ? -1 : sent.FirstToken + h;
                t.DepRel = Parser.Labels[ws.State.Label[i]];
            }
        }
        doc.IsParsed = true;
    }

    /// <summary>Tags and parses words text[Starts[i]..Ends[i]], i &lt; n; results in ws.Tags and ws.State.</summary>
    internal void Analyze(Workspace ws, string text, int n)
    {
        var words = ws.Words;
        words.Fill(text, ws.Starts.AsSpan(0, n), ws.Ends.AsSpan(0, n), Tagger.Ambiguity, Tagger.Clusters);
        Tagger.Predict(words, ws.Tags.AsSpan(0, n));
        var s = ws.State;
        s.Reset(n);
        for (var i = 0; i < n; i++)
        {
            var j = i + WordFeatures.Pad;
            s.W[i] = words.Lower[j];
            s.C[i] = words.ClusterFine[j];
            s.M[i] = words.ClusterMid[j];
            s.P[i] = _tagHash[ws.Tags[i]];
        }
        Parser.Parse(s, ref ws.Beam);
    }

    internal sealed class Workspace
    {
        public int[] Starts = new int[64];
        public int[] Ends = new int[64];
        public int[] Tags = new int[64];
        public readonly WordFeatures Words = new();
        public readonly ParseState State = new();
        public BeamSearch? Beam;

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
