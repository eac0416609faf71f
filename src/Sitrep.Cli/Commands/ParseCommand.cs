using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sitrep.Syntax;
using Sitrep.Text;

namespace Sitrep.Cli;

/// <summary>
/// `sitrep parse INPUTS...`: reads articles, tokenizes, tags, lemmatises and dependency-parses
/// them, and writes CoNLL-U or JSON Lines (one article per line; heads are sentence-relative,
/// 0 for the root, as in CoNLL-U). Exit code 0 when every input was read, 1 when any input or
/// record failed, 2 on usage errors.
/// </summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var inputs = new InputOptions();
        var format = new Option<string>("--format")
        {
            Description = "Output format: conllu (10 columns, TokenRange in MISC) or jsonl (one article per line)",
            DefaultValueFactory = _ => "conllu",
        };
        format.AcceptOnlyFromAmong("conllu", "jsonl");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout", HelpName = "FILE" };
        var model = new Option<string?>("--model") { Description = "Syntax model folder (tagger.bin, lemmatizer.bin, parser.bin); default: the shipped model", HelpName = "DIR" };
        var beam = new Option<int?>("--beam") { Description = "Parser beam width instead of the model's; 1 = greedy (several times faster, about 1 UAS point less accurate)", HelpName = "N" };
        var parser = ParserOption.Create();
        var command = new Command("parse", "Tag, lemmatise and dependency-parse articles (UD English) as CoNLL-U or JSON Lines.");
        inputs.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(model);
        command.Options.Add(beam);
        command.Options.Add(parser);
        command.SetAction(parse =>
        {
            var options = inputs.ToIngestOptions(parse, Console.Error);
            if (options is null)
            {
                return 2;
            }
            SyntaxModel syntax;
            try
            {
                var dir = parse.GetValue(model);
                var kind = parse.GetValue(parser);
                syntax = dir is null ? SyntaxModel.LoadDefault(kind) : SyntaxModel.Load(dir, kind);
                if (parse.GetValue(beam) is { } width)
                {
                    if (width is < 1 or > 256)
                    {
                        Console.Error.WriteLine($"sitrep: --beam {width}: must be between 1 and 256");
                        return 2;
                    }
                    if (kind == ParserKind.Accurate && width != 1)
                    {
                        Console.Error.WriteLine("sitrep: --beam: the accurate parser decodes greedily");
                        return 2;
                    }
                    syntax = syntax.WithBeam(width);
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or InvalidOperationException)
            {
                Console.Error.WriteLine($"sitrep: --model: {ex.Message}");
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
                Run(articles, syntax, parse.GetValue(format) == "conllu", stream);
                return stats.ExitCode;
            }
        });
        return command;
    }

    /// <summary>Parses each article and writes it as soon as it is read.</summary>
    public static void Run(IEnumerable<Article> articles, SyntaxModel syntax, bool conllu, Stream output)
    {
        Doc Analyse(Article a)
        {
            var doc = Tokenizer.Default.Process(a);
            syntax.Process(doc);
            return doc;
        }
        if (conllu)
        {
            using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            foreach (var article in articles)
            {
                WriteConllu(Analyse(article), writer);
            }
            return;
        }
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        foreach (var article in articles)
        {
            JsonSerializer.Serialize(json, ToJson(Analyse(article)), ParseJson.Default.ParsedArticle);
            json.Flush();
            output.WriteByte((byte)'\n');
            json.Reset();
        }
        output.Flush();
    }

    /// <summary>Sentence-relative 1-based head, 0 for the root (CoNLL-U's convention).</summary>
    private static int RelativeHead(in TokenData t, in SentenceData s) => t.Head < 0 ? 0 : t.Head - s.FirstToken + 1;

    private static ParsedArticle ToJson(Doc doc)
    {
        var a = doc.Article;
        var sentences = new ParsedSentence[doc.Sentences.Length];
        for (var s = 0; s < sentences.Length; s++)
        {
            var data = doc.Sentences[s];
            var tokens = new ParsedToken[data.TokenCount];
            for (var i = 0; i < tokens.Length; i++)
            {
                ref readonly var t = ref doc.Tokens[data.FirstToken + i];
                tokens[i] = new ParsedToken(i + 1, doc.Text.Substring(t.Start, t.End - t.Start), t.Start, t.End, t.Lemma, t.Upos, t.Xpos, t.Feats,
                    RelativeHead(t, data), t.DepRel);
            }
            sentences[s] = new ParsedSentence(data.Start, data.End, tokens);
        }
        return new ParsedArticle(a.Id, a.Title, a.Metadata.Url, a.Metadata.Outlet,
            a.Published?.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture), a.Text, sentences);
    }

    private static void WriteConllu(Doc doc, TextWriter w)
    {
        var text = doc.Text;
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
            w.WriteLine(text.AsSpan(data.Start, data.End - data.Start).ToString().Replace('\n', ' '));
            for (var i = 0; i < data.TokenCount; i++)
            {
                ref readonly var t = ref doc.Tokens[data.FirstToken + i];
                w.Write((i + 1).ToString(CultureInfo.InvariantCulture));
                w.Write('\t');
                w.Write(text.AsSpan(t.Start, t.End - t.Start));
                w.Write('\t');
                w.Write(t.Lemma ?? "_");
                w.Write('\t');
                w.Write(t.Upos ?? "_");
                w.Write('\t');
                w.Write(t.Xpos ?? "_");
                w.Write('\t');
                w.Write(t.Feats ?? "_");
                w.Write('\t');
                w.Write(RelativeHead(t, data).ToString(CultureInfo.InvariantCulture));
                w.Write('\t');
                w.Write(t.DepRel ?? "_");
                w.Write("\t_\t");
                var spaceAfter = t.End >= text.Length || char.IsWhiteSpace(text[t.End]);
                w.Write(spaceAfter ? "" : "SpaceAfter=No|");
                w.Write("TokenRange=");
                w.Write(t.Start.ToString(CultureInfo.InvariantCulture));
                w.Write(':');
                w.WriteLine(t.End.ToString(CultureInfo.InvariantCulture));
            }
            w.WriteLine();
        }
    }
}

internal sealed record ParsedArticle(string Id, string? Title, string? Url, string? Outlet, string? Published, string Text, ParsedSentence[] Sentences);

internal sealed record ParsedSentence(int Start, int End, ParsedToken[] Tokens);

internal sealed record ParsedToken(int Id, string Text, int Start, int End, string? Lemma, string? Upos, string? Xpos, string? Feats, int Head, string? Deprel);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ParsedArticle))]
internal sealed partial class ParseJson : JsonSerializerContext;
