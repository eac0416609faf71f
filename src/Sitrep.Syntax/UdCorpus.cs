using Sitrep.Text.Conllu;

namespace Sitrep.Syntax;

/// <summary>One sentence of a UD treebank with gold annotations; heads are 0-based, -1 for the root.</summary>
public sealed record UdSentence(
    string[] Forms,
    string[] Lemmas,
    string[] Upos,
    string[] Xpos,
    string[] Feats,
    int[] Heads,
    string[] Rels,
    bool[] SpaceAfter,
    string? Text,
    string? DocId)
{
    public int Length => Forms.Length;
}

/// <summary>
/// Treebank sentences as the syntax stage trains and scores on them: basic trees over syntactic
/// words (multiword-token lines and empty nodes are left to <see cref="ConlluReader"/>).
/// </summary>
public static class UdCorpus
{
    public static List<UdSentence> Read(string path)
    {
        var result = new List<UdSentence>();
        string? docId = null;
        foreach (var s in ConlluReader.ReadFile(path))
        {
            if (s.NewDoc)
            {
                docId = s.Comment("newdoc id");
            }
            result.Add(From(s, docId, path));
        }
        return result;
    }

    public static UdSentence From(ConlluSentence s, string? docId, string source)
    {
        var n = s.Words.Length;
        var u = new UdSentence(new string[n], new string[n], new string[n], new string[n], new string[n], new int[n], new string[n], new bool[n], s.Text, docId);
        for (var i = 0; i < n; i++)
        {
            var w = s.Words[i];
            u.Forms[i] = w.Form;
            u.Lemmas[i] = w.Lemma;
            u.Upos[i] = w.Upos;
            u.Xpos[i] = w.Xpos;
            u.Feats[i] = w.Feats;
            if (w.Head < 0 || w.Head > n)
            {
                throw new InvalidDataException($"{source}:{s.Line}: word {w.Id} has no valid head");
            }
            u.Heads[i] = w.Head - 1;
            u.Rels[i] = w.DepRel;
            u.SpaceAfter[i] = w.SpaceAfter;
        }
        return u;
    }

    /// <summary>Writes sentences as CoNLL-U (basic columns; DEPS empty, MISC only SpaceAfter=No).</summary>
    public static void Write(string path, IEnumerable<UdSentence> sentences)
    {
        using var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        string? doc = null;
        foreach (var s in sentences)
        {
            if (s.DocId is not null && s.DocId != doc)
            {
                doc = s.DocId;
                w.WriteLine("# newdoc id = " + doc);
            }
            if (s.Text is not null)
            {
                w.WriteLine("# text = " + s.Text);
            }
            for (var i = 0; i < s.Length; i++)
            {
                w.WriteLine(string.Join('\t', (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), s.Forms[i], s.Lemmas[i], s.Upos[i], s.Xpos[i], s.Feats[i],
                    (s.Heads[i] + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), s.Rels[i], "_", s.SpaceAfter[i] ? "_" : "SpaceAfter=No"));
            }
            w.WriteLine();
        }
    }
}
