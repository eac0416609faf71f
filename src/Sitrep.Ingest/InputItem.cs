using Sitrep.Text;

namespace Sitrep.Ingest;

public enum Severity
{
    /// <summary>The input was read, but something was repaired or skipped (e.g. invalid UTF-8, an empty file).</summary>
    Warning,
    /// <summary>The input, or one record of it, could not be read; other inputs and records still are.</summary>
    Error,
}

/// <summary>
/// One result of reading inputs: an <see cref="ArticleItem"/> or an <see cref="InputError"/>.
/// <see cref="Input"/> is the input's display name (the path as given or found, or "&lt;stdin&gt;").
/// </summary>
public abstract record InputItem(string Input);

/// <summary>An article read from <see cref="InputItem.Input"/>; <see cref="Line"/> is the 1-based line where its record starts (JSONL line, feed item), else 0.</summary>
public sealed record ArticleItem(string Input, long Line, Article Article) : InputItem(Input);

/// <summary>
/// A problem with an input. <see cref="Line"/> is 1-based (0 when the problem concerns the whole
/// input); <see cref="ByteOffset"/> is the 0-based byte offset in the (decompressed) file, or -1.
/// </summary>
public sealed record InputError(string Input, long Line, long ByteOffset, Severity Severity, string Message) : InputItem(Input)
{
    public bool IsError => Severity == Severity.Error;

    /// <summary>Where the problem is, compiler style: "file:line" or "file".</summary>
    public string Location => Line > 0 ? $"{Input}:{Line}" : Input;

    /// <summary>"file:line: error: message", the form the CLI prints on stderr.</summary>
    public override string ToString() =>
        $"{Location}: {(IsError ? "error" : "warning")}: {Message}";
}
