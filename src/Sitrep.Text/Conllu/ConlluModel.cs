namespace Sitrep.Text.Conllu;

/// <summary>
/// One syntactic word of a CoNLL-U sentence (an integer-id line). Underscore columns are kept as
/// "_" except <see cref="Head"/>, which is -1 when absent; <see cref="Id"/> is 1-based.
/// </summary>
public sealed record ConlluWord(
    int Id,
    string Form,
    string Lemma,
    string Upos,
    string Xpos,
    string Feats,
    int Head,
    string DepRel,
    string Deps,
    string Misc)
{
    /// <summary>False when MISC contains SpaceAfter=No.</summary>
    public bool SpaceAfter => ConlluMisc.SpaceAfter(Misc);
}

/// <summary>
/// A multiword token line ("3-4 don't"): the surface token covering words <see cref="First"/>..<see cref="Last"/>.
/// </summary>
public sealed record ConlluMultiword(int First, int Last, string Form, string Misc)
{
    public bool SpaceAfter => ConlluMisc.SpaceAfter(Misc);
}

/// <summary>An empty node of the enhanced graph ("8.1"); kept so a sentence can be written back.</summary>
public sealed record ConlluEmptyNode(string Id, string Form, string Lemma, string Upos, string Xpos, string Feats, string Deps, string Misc);

/// <summary>One CoNLL-U sentence: its comment lines, words, multiword tokens and empty nodes.</summary>
public sealed class ConlluSentence
{
    public ConlluSentence(IReadOnlyList<string> comments, ConlluWord[] words, ConlluMultiword[] multiwords, ConlluEmptyNode[] emptyNodes, int line)
    {
        Comments = comments;
        Words = words;
        Multiwords = multiwords;
        EmptyNodes = emptyNodes;
        Line = line;
    }

    /// <summary>Comment lines without the leading "#" and surrounding spaces, in file order.</summary>
    public IReadOnlyList<string> Comments { get; }
    public ConlluWord[] Words { get; }
    /// <summary>Multiword tokens, ordered by their first word.</summary>
    public ConlluMultiword[] Multiwords { get; }
    public ConlluEmptyNode[] EmptyNodes { get; }
    /// <summary>1-based line number of the sentence's first line in its file.</summary>
    public int Line { get; }

    public string? SentId => Comment("sent_id");
    public string? Text => Comment("text");
    /// <summary>True when a "# newdoc" comment starts a new document here.</summary>
    public bool NewDoc => HasComment("newdoc");
    /// <summary>True when a "# newpar" comment starts a new paragraph here (a new document does too).</summary>
    public bool NewPar => HasComment("newpar") || NewDoc;

    /// <summary>The value of a "# key = value" comment, or null.</summary>
    public string? Comment(string key)
    {
        foreach (var c in Comments)
        {
            if (c.StartsWith(key, StringComparison.Ordinal))
            {
                var rest = c.AsSpan(key.Length).TrimStart();
                if (rest.Length > 0 && rest[0] == '=')
                {
                    return rest[1..].Trim().ToString();
                }
            }
        }
        return null;
    }

    private bool HasComment(string key)
    {
        foreach (var c in Comments)
        {
            if (c.StartsWith(key, StringComparison.Ordinal)
                && (c.Length == key.Length || c[key.Length] == ' ' || c[key.Length] == '='))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The surface tokens: each multiword token once, every other word as itself, with its word range
    /// and whether a space follows. This is what the raw text looked like.
    /// </summary>
    public List<ConlluToken> Tokens()
    {
        var tokens = new List<ConlluToken>(Words.Length);
        var m = 0;
        for (var i = 0; i < Words.Length; i++)
        {
            var w = Words[i];
            if (m < Multiwords.Length && Multiwords[m].First == w.Id)
            {
                var mw = Multiwords[m++];
                tokens.Add(new ConlluToken(mw.Form, i, i + (mw.Last - mw.First) + 1, mw.SpaceAfter));
                i += mw.Last - mw.First;
            }
            else
            {
                tokens.Add(new ConlluToken(w.Form, i, i + 1, w.SpaceAfter));
            }
        }
        return tokens;
    }
}

/// <summary>A surface token: words [FirstWord, EndWord) of its sentence (indexes into <see cref="ConlluSentence.Words"/>).</summary>
public readonly record struct ConlluToken(string Form, int FirstWord, int EndWord, bool SpaceAfter);

/// <summary>Helpers for the MISC column.</summary>
public static class ConlluMisc
{
    public static bool SpaceAfter(string misc)
    {
        if (misc.Length < 12)
        {
            return true;
        }
        foreach (var part in misc.AsSpan().Split('|'))
        {
            if (misc.AsSpan(part.Start.Value, part.End.Value - part.Start.Value).SequenceEqual("SpaceAfter=No"))
            {
                return false;
            }
        }
        return true;
    }
}
