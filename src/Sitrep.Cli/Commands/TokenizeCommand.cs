using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sitrep.Text;

namespace Sitrep.Cli;

/// <summary>
/// `sitrep tokenize INPUTS...`: reads articles and writes their sentences and tokens with character
/// offsets into the article text, as JSON Lines (one article per line) or CoNLL-U. Exit code 0 when
/// every input was read (warnings allowed), 1 when any input or record failed, 2 on usage errors.
/// </summary>
internal static class TokenizeCommand
{
    public static Command Create()
    {
        var inputs = new InputOptions();
        var format = new Option<string>("--format")
        {
            Description = "Output format: jsonl (one article per line, offsets into its text) or conllu (CoNLL-U, TokenRange and SpaceAfter=No in MISC)",
            DefaultValueFactory = _ => "jsonl",
        };
        format.AcceptOnlyFromAmong("jsonl", "conllu");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout", HelpName = "FILE" };
        var command = new Command("tokenize", "Split articles into sentences and tokens (with character offsets) as JSON Lines or CoNLL-U.");
        inputs.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var options = inputs.ToIngestOptions(parse, Console.Error);
            if (options is null)
            {
                return 2;
            }
            var path = parse.GetValue(output);
            if (OutputFile.TryOpen(path, "--output", Console.OpenStandardOutput) is not { } stream)
            {
                return 2;
            }
            using (stream)
            {
                var stats = new InputStats();
                var articles = InputOptions.Read(parse.GetValue(inputs.Inputs) ?? [], options, Console.Error, stats);
                Run(articles, parse.GetValue(format) == "conllu", stream);
                if (stats.Errors + stats.Warnings > 0)
                {
                    Console.Error.WriteLine($"sitrep tokenize: {stats}");
                }
                return stats.ExitCode;
            }
        });
        return command;
    }

    /// <summary>Tokenizes each article and writes it as soon as it is read (memory stays per-article).</summary>
    public static void Run(IEnumerable<Article> articles, bool conllu, Stream output)
    {
        if (conllu)
        {
            using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            foreach (var article in articles)
            {
                WriteConllu(Tokenizer.Default.Process(article), writer);
            }
            return;
        }
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        foreach (var article in articles)
        {
            JsonSerializer.Serialize(json, ToJson(Tokenizer.Default.Process(article)), TokenizeJson.Default.TokenizedArticle);
            json.Flush();
            output.WriteByte((byte)'\n');
            json.Reset();
        }
        output.Flush();
    }

    private static TokenizedArticle ToJson(Doc doc)
    {
        var a = doc.Article;
        var sentences = new TokenizedSentence[doc.Sentences.Length];
        for (var s = 0; s < sentences.Length; s++)
        {
            var data = doc.Sentences[s];
            var tokens = new TokenizedToken[data.TokenCount];
            for (var i = 0; i < tokens.Length; i++)
            {
                ref readonly var t = ref doc.Tokens[data.FirstToken + i];
                tokens[i] = new TokenizedToken(doc.Text.Substring(t.Start, t.End - t.Start), t.Start, t.End);
            }
            sentences[s] = new TokenizedSentence(data.Start, data.End, tokens);
        }
        return new TokenizedArticle(a.Id, a.Title, a.Metadata.Url, a.Metadata.Outlet,
            a.Published?.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture), a.Metadata.Origin, a.Text, a.BodyStart, sentences);
    }

    private static void WriteConllu(Doc doc, TextWriter w)
    {
        var text = doc.Text;
        var joined = JoinedFlags(doc);
        w.Write("# newdoc id = ");
        w.WriteLine(doc.Article.Id);
        for (var s = 0; s < doc.Sentences.Length; s++)
        {
            var data = doc.Sentences[s];
            w.Write("# sent_id = ");
            w.Write(doc.Article.Id);
            w.Write('-');
            w.WriteLine((s + 1).ToString(CultureInfo.InvariantCulture));
            w.Write("# text = ");
            // CoNLL-U comments are single lines.
            w.WriteLine(text.AsSpan(data.Start, data.End - data.Start).ToString().Replace('\n', ' '));
            var mwtEnd = -1;
            for (var i = 0; i < data.TokenCount; i++)
            {
                var index = data.FirstToken + i;
                ref readonly var t = ref doc.Tokens[index];
                if (index > mwtEnd && i + 1 < data.TokenCount && joined[index + 1])
                {
                    // A multiword token (UD): "didn't" = did + n't, written as a range line before its words.
                    var last = index + 1;
                    while (last + 1 < data.EndToken && joined[last + 1])
                    {
                        last++;
                    }
                    mwtEnd = last;
                    var end = doc.Tokens[last].End;
                    w.Write(string.Create(CultureInfo.InvariantCulture, $"{i + 1}-{last - data.FirstToken + 1}\t"));
                    w.Write(text.AsSpan(t.Start, end - t.Start));
                    w.Write("\t_\t_\t_\t_\t_\t_\t_\t");
                    w.WriteLine(SpaceAfter(text, end) ? "_" : "SpaceAfter=No");
                }
                w.Write((i + 1).ToString(CultureInfo.InvariantCulture));
                w.Write('\t');
                w.Write(text.AsSpan(t.Start, t.End - t.Start));
                w.Write("\t_\t_\t_\t_\t_\t_\t_\t");
                // Inside a multiword token spacing belongs to the range line.
                w.Write(index <= mwtEnd || SpaceAfter(text, t.End) ? "" : "SpaceAfter=No|");
                w.Write("TokenRange=");
                w.Write(t.Start.ToString(CultureInfo.InvariantCulture));
                w.Write(':');
                w.WriteLine(t.End.ToString(CultureInfo.InvariantCulture));
            }
            w.WriteLine();
        }
    }

    private static bool SpaceAfter(string text, int end) => end >= text.Length || char.IsWhiteSpace(text[end]);

    /// <summary>
    /// Which tokens continue the previous word's surface token. The Doc keeps no such flag, so the
    /// tokenizer's word spans (the same pass, with flags) are matched to the tokens by offset.
    /// </summary>
    private static bool[] JoinedFlags(Doc doc)
    {
        var flags = new bool[doc.Tokens.Length];
        var words = Tokenizer.Default.Segment(doc.Text, doc.Article.BodyStart);
        if (words.Length != flags.Length)
        {
            return flags;
        }
        for (var i = 0; i < words.Length; i++)
        {
            flags[i] = words[i].Start == doc.Tokens[i].Start && (words[i].Flags & WordFlags.JoinedToPrevious) != 0;
        }
        return flags;
    }
}

internal sealed record TokenizedArticle(
    string Id, string? Title, string? Url, string? Outlet, string? Published, string? Origin, string Text, int BodyStart,
    TokenizedSentence[] Sentences);

internal sealed record TokenizedSentence(int Start, int End, TokenizedToken[] Tokens);

internal readonly record struct TokenizedToken(string Text, int Start, int End);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TokenizedArticle))]
internal sealed partial class TokenizeJson : JsonSerializerContext;
