using Sitrep.Attributes;
using Sitrep.Coding;
using Sitrep.Text;

namespace Sitrep.Pipeline;

/// <summary>
/// Lets the attribute stage code attributed sources ("Ukraine's Ministry of Defense", "Iraqi
/// officials") with the coder's actor dictionaries, so a source gets the same code as the same
/// words would get as an event actor. Names and agents combine as in the coder: a country name
/// plus a sector noun gives country + sector ("Ukraine's ministry" → UKRGOV).
/// </summary>
public sealed class DictionaryActorResolver(ActorDictionary dictionary) : IActorResolver
{
    public ActorMention? Resolve(Doc doc, TextSpan span)
    {
        var tokens = doc.Tokens;
        var first = -1;
        var end = -1;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].End <= span.Start)
            {
                continue;
            }
            if (tokens[i].Start >= span.End)
            {
                break;
            }
            if (first < 0)
            {
                first = i;
            }
            end = i + 1;
        }
        if (first < 0)
        {
            return null;
        }
        var date = doc.Article.Published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : (DateOnly?)null;
        ActorMatch? named = null;
        ActorMatch? agent = null;
        foreach (var match in dictionary.Match(doc, first, end))
        {
            if (match.Entry.CodeOn(date) is null)
            {
                continue;
            }
            if (match.Entry.IsAgent)
            {
                agent ??= match;
            }
            else if (named is null || match.End - match.Start > named.Value.End - named.Value.Start)
            {
                named = match;
            }
        }
        if (named is null && agent is null)
        {
            return null;
        }
        var agentCode = agent?.Entry.CodeOn(date);
        string? code;
        string kind;
        string entry;
        if (named is { } nm)
        {
            code = nm.Entry.CodeOn(date)!;
            kind = nm.Entry.Kind;
            entry = nm.Entry.Entry + (agent is { } ag ? " + " + ag.Entry.Entry : "");
            if (agentCode is not null && agentCode.StartsWith('~') && code.Length == 3)
            {
                code += agentCode[1..];
            }
        }
        else
        {
            // Agent codes are "~SEC" (sector only, country unknown) or "CCC~" (a sector that implies its country).
            code = agentCode!.EndsWith('~') ? agentCode[..^1] : agentCode[1..];
            kind = "agent";
            entry = agent!.Value.Entry.Entry;
        }
        var hasCountry = named is not null || agentCode!.EndsWith('~');
        var sectors = new List<string>();
        for (var at = hasCountry ? 3 : 0; at + 3 <= code.Length; at += 3)
        {
            sectors.Add(code.Substring(at, 3));
        }
        return new ActorMention(span, span.Of(doc.Text), code, hasCountry && code.Length >= 3 ? code[..3] : null, sectors, kind, entry);
    }
}
