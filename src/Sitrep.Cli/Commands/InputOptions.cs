using System.CommandLine;
using Sitrep.Ingest;

namespace Sitrep.Cli;

/// <summary>
/// The input arguments and options shared by every command that reads articles (tokenize, parse,
/// code, ingest): INPUTS... (files, directories, globs, "-" for stdin) and the metadata and format
/// options of <see cref="IngestOptions"/>. Create one per command, <see cref="AddTo"/> it, then call
/// <see cref="Read"/> in the action.
/// </summary>
internal sealed class InputOptions
{
    public Argument<string[]> Inputs { get; } = new("inputs")
    {
        Description = "Files, directories (read recursively), globs such as 'samples/*.jsonl', or - for stdin. Plain text, JSON Lines, HTML pages and RSS/Atom feeds; .gz is decompressed",
        Arity = ArgumentArity.OneOrMore,
    };

    public Option<string> InputFormat { get; } = new("--input-format")
    {
        Description = "Input format, or auto to detect it from the extension and content",
        DefaultValueFactory = _ => "auto",
    };

    public Option<string?> Published { get; } = new("--published")
    {
        Description = "Publication date/time for inputs that carry none (e.g. 2023-03-13 or 2023-03-13T08:00:00+02:00)",
        HelpName = "DATE",
    };

    public Option<string?> Outlet { get; } = new("--outlet") { Description = "Outlet name for inputs that carry none", HelpName = "NAME" };

    public Option<string?> Url { get; } = new("--url") { Description = "URL for inputs that carry none" };

    public Option<string?> Id { get; } = new("--id")
    {
        Description = "Article id for inputs that carry none; several articles get ID, ID-2, ID-3... (default: from the input, else a content hash)",
    };

    public Option<string> Title { get; } = new("--title")
    {
        Description = "Plain-text title: auto = first line when a blank line follows it; first-line; none",
        DefaultValueFactory = _ => "auto",
    };

    public Option<string[]> Fields { get; } = new("--field")
    {
        Description = "JSONL field name for an article field, e.g. --field text=content --field published=meta.date (fields: id, title, text, url, published, outlet)",
        HelpName = "FIELD=NAME",
    };

    public Option<string?> Encoding { get; } = new("--encoding")
    {
        Description = "Encoding of inputs with no BOM or declared charset, e.g. windows-1252 (default: UTF-8, invalid bytes replaced with a warning)",
        HelpName = "NAME",
    };

    public Option<double> MaxRecordMb { get; } = new("--max-record-mb")
    {
        Description = "Largest JSONL line or text/HTML/feed file read, in MB; larger records are skipped with an error",
        DefaultValueFactory = _ => IngestOptions.Default.MaxRecordBytes / (1024.0 * 1024.0),
    };

    public InputOptions()
    {
        // An unknown option would otherwise be taken for an input path.
        Inputs.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-' && !File.Exists(token.Value) && !Directory.Exists(token.Value))
                {
                    result.AddError($"Unrecognized option '{token.Value}'.");
                }
            }
        });
        InputFormat.AcceptOnlyFromAmong("auto", "text", "jsonl", "json", "html", "feed");
        Title.AcceptOnlyFromAmong("auto", "first-line", "none");
    }

    public void AddTo(Command command)
    {
        command.Arguments.Add(Inputs);
        command.Options.Add(InputFormat);
        command.Options.Add(Published);
        command.Options.Add(Outlet);
        command.Options.Add(Url);
        command.Options.Add(Id);
        command.Options.Add(Title);
        command.Options.Add(Fields);
        command.Options.Add(Encoding);
        command.Options.Add(MaxRecordMb);
    }

    /// <summary>The options as <see cref="IngestOptions"/>, or null after printing a usage error (exit code 2).</summary>
    public IngestOptions? ToIngestOptions(ParseResult parse, TextWriter stderr)
    {
        DateTimeOffset? published = null;
        if (parse.GetValue(Published) is { } p)
        {
            if (!DateParser.TryParse(p, out var date))
            {
                stderr.WriteLine($"sitrep: --published: cannot read '{p}' as a date (use e.g. 2023-03-13 or 2023-03-13T08:00:00Z)");
                return null;
            }
            published = date;
        }
        var fields = new Dictionary<ArticleField, string>();
        foreach (var spec in parse.GetValue(Fields) ?? [])
        {
            if (!IngestOptions.TryParseField(spec, out var field, out var name, out var error))
            {
                stderr.WriteLine($"sitrep: --field: {error}");
                return null;
            }
            fields[field] = name;
        }
        System.Text.Encoding? encoding = null;
        if (parse.GetValue(Encoding) is { } encodingName)
        {
            encoding = EncodingNames.Resolve(encodingName, out var known);
            if (!known)
            {
                stderr.WriteLine($"sitrep: --encoding: unknown encoding '{encodingName}'");
                return null;
            }
        }
        var maxMb = parse.GetValue(MaxRecordMb);
        if (maxMb <= 0)
        {
            stderr.WriteLine("sitrep: --max-record-mb must be positive");
            return null;
        }
        return new IngestOptions
        {
            Format = Enum.Parse<InputFormat>(parse.GetValue(InputFormat) ?? "auto", ignoreCase: true),
            Published = published,
            Outlet = parse.GetValue(Outlet),
            Url = parse.GetValue(Url),
            Id = parse.GetValue(Id),
            Title = parse.GetValue(Title) switch
            {
                "first-line" => TitleMode.FirstLine,
                "none" => TitleMode.None,
                _ => TitleMode.Auto,
            },
            Fields = fields,
            MaxRecordBytes = (long)(maxMb * 1024 * 1024),
            Encoding = encoding,
        };
    }

    /// <summary>
    /// Reads the inputs, writing every problem to <paramref name="stderr"/> as "file:line: error: message"
    /// and yielding the articles. <paramref name="stats"/> counts articles, warnings and errors, so
    /// the command can exit with 1 when any input failed.
    /// </summary>
    public static IEnumerable<Sitrep.Text.Article> Read(IReadOnlyList<string> inputs, IngestOptions options, TextWriter stderr, InputStats stats)
    {
        foreach (var item in InputReader.Read(inputs, options))
        {
            switch (item)
            {
                case ArticleItem a:
                    stats.Articles++;
                    yield return a.Article;
                    break;
                case InputError e:
                    if (e.IsError)
                    {
                        stats.Errors++;
                    }
                    else
                    {
                        stats.Warnings++;
                    }
                    stderr.WriteLine(e.ToString());
                    break;
            }
        }
    }
}

/// <summary>What reading the inputs came to; <see cref="ExitCode"/> is 1 when any input or record failed.</summary>
internal sealed class InputStats
{
    public int Articles { get; set; }
    public int Warnings { get; set; }
    public int Errors { get; set; }
    public int ExitCode => Errors > 0 ? 1 : 0;

    public override string ToString() => $"{Articles} article(s), {Errors} error(s), {Warnings} warning(s)";
}
