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
/// Minimal CoNLL-U reader for training and evaluation: basic (non-enhanced) trees only;
/// multiword-token ranges and empty nodes are skipped because tags and trees live on words.
/// </summary>
public static class UdCorpus
{
    public static List<UdSentence> Read(string path)
    {
        var result = new List<UdSentence>();
        var rows = new List<string[]>();
        string? text = null;
        string? docId = null;
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (line.Length == 0)
            {
                if (rows.Count > 0)
                {
                    result.Add(Build(rows, text, docId, path, lineNo));
                }
                rows.Clear();
                text = null;
                continue;
            }
            if (line[0] == '#')
            {
                if (line.StartsWith("# text = ", StringComparison.Ordinal))
                {
                    text = line[9..];
                }
                else if (line.StartsWith("# newdoc id = ", StringComparison.Ordinal))
                {
                    docId = line[14..];
                }
                continue;
            }
            var cols = line.Split('\t');
            if (cols.Length != 10)
            {
                throw new InvalidDataException($"{path}:{lineNo}: expected 10 tab-separated columns, found {cols.Length}");
            }
            if (cols[0].Contains('-') || cols[0].Contains('.'))
            {
                continue;
            }
            rows.Add(cols);
        }
        if (rows.Count > 0)
        {
            result.Add(Build(rows, text, docId, path, lineNo));
        }
        return result;
    }

    private static UdSentence Build(List<string[]> rows, string? text, string? docId, string path, int lineNo)
    {
        var n = rows.Count;
        var s = new UdSentence(new string[n], new string[n], new string[n], new string[n], new string[n], new int[n], new string[n], new bool[n], text, docId);
        for (var i = 0; i < n; i++)
        {
            var c = rows[i];
            s.Forms[i] = c[1];
            s.Lemmas[i] = c[2];
            s.Upos[i] = c[3];
            s.Xpos[i] = c[4];
            s.Feats[i] = c[5];
            if (!int.TryParse(c[6], out var head) || head < 0 || head > n)
            {
                throw new InvalidDataException($"{path}: sentence ending at line {lineNo}: bad head '{c[6]}' for word {i + 1}");
            }
            s.Heads[i] = head - 1;
            s.Rels[i] = c[7];
            s.SpaceAfter[i] = !c[9].Contains("SpaceAfter=No", StringComparison.Ordinal);
        }
        return s;
    }
}
